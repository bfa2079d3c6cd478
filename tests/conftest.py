"""Test set-up: two logical CPU devices, so MirroredStrategy can be tested without GPUs.

The split has to happen before TensorFlow initialises its devices, hence at import time.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import tensorflow as tf  # noqa: E402

_cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(
    _cpu, [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()]
)


import socket  # noqa: E402
import struct  # noqa: E402
import zlib  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def mirrored():
    """One MirroredStrategy over the two logical CPUs for the whole session.

    A second MirroredStrategy in one process restarts the collective instance keys, and its
    all-reduces can then be matched with the first one's (a shape-mismatch error), so tests
    share this one, as a training process does.
    """
    return tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])


@pytest.fixture(scope="session")
def free_port():
    """A function giving a port on 127.0.0.1 that nothing listens on, for a test server."""
    def port():
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]
    return port


@pytest.fixture(scope="session")
def png_header():
    """png_header(width, height): the bytes of a PNG whose header says width x height and
    whose pixels are missing: a photo too large to decode, in a few bytes."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    def header(width, height):
        return (b"\x89PNG\r\n\x1a\n"
                + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
    return header


@pytest.fixture(scope="session")
def small_real_clips(tmp_path_factory):
    """Stand-in real clips: 3 clips of 32 frames at 32x32, in the Sky Timelapse layout
    (`<video>/<clip>/*.jpg`), as `mdgan-evaluate --data` and `--videos` read them: its
    `root` and its `clip_folders`."""
    from types import SimpleNamespace

    from mdgan_tf.data import SyntheticSkySource, write_sky_layout

    root = tmp_path_factory.mktemp("real_clips") / "real"
    write_sky_layout(SyntheticSkySource(videos=3, clips_per_video=1, frames=32, size=32,
                                        seed=2), root)
    return SimpleNamespace(root=root, clip_folders=sorted(p for p in root.glob("*/*")
                                                          if p.is_dir()))


def pytest_addoption(parser):
    parser.addoption("--browser", action="store_true",
                     help="run tests/browser in Debian's headless chromium (see README)")


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real browser; needs --browser")


def pytest_collection_modifyitems(config, items):
    """Browser tests need Debian's chromium, which the plain test set-up does not install:
    they run with --browser (the README's browser command) and are skipped, visibly,
    without it."""
    if config.getoption("--browser"):
        return
    skip = pytest.mark.skip(
        reason="browser test: run with --browser (docs/demo_and_study.md, 'Browser tests')")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


# Browser tests: Debian's headless chromium, driven through its own chromedriver; nothing
# here downloads a browser (Selenium is given both paths, so its driver manager never runs).
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Without the networking flags Chromium keeps trying to reach Google's hosts; as root it
# needs --no-sandbox.
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync",
                  "--autoplay-policy=no-user-gesture-required", "--window-size=1280,1000"]


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: install Debian's chromium and "
                    f"chromium-driver (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    """Where the tests leave a screenshot of each page: $MDGAN_SCREENSHOTS, or a temporary
    folder (its path is printed)."""
    folder = Path(os.environ.get("MDGAN_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    print(f"\nscreenshots in {folder}: {', '.join(sorted(p.name for p in folder.iterdir()))}")



@pytest.fixture(scope="session")
def wait(browser):
    """wait(condition, seconds=30): until condition(browser) is true, through the page
    changing under a check (a stale element is looked up again next time)."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    def until(condition, seconds=30):
        ignored = (NoSuchElementException, StaleElementReferenceException)
        return WebDriverWait(browser, seconds, ignored_exceptions=ignored).until(condition)
    return until
