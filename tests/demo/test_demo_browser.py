"""The demo in headless Chromium: upload a photo, get a video element that plays; a bad
upload gets a message on the page. Run with --browser (README)."""

import pytest
from selenium.webdriver.common.by import By

from mdgan_tf.demo.page import demo_page, launch_options
from mdgan_tf.hub import example_photo
from mdgan_tf.inference import MDGAN

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo(free_port):
    page = demo_page(MDGAN.from_preset("mdgan_sky_synthetic_64"))
    port = free_port()
    page.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
                **launch_options(max_upload_mb=10))
    yield f"http://127.0.0.1:{port}/"
    page.close()


def upload_and_make(browser, wait, path):
    wait(lambda b: b.find_elements(By.CSS_SELECTOR, "#photo input[type=file]"))
    browser.find_element(By.CSS_SELECTOR, "#photo input[type=file]").send_keys(str(path))
    # Gradio shows the name as stem and suffix on two lines, then the size.
    wait(lambda b: path.stem in b.find_element(By.ID, "photo").text)
    browser.find_element(By.ID, "make").click()


def test_an_uploaded_photo_becomes_a_video_that_plays(browser, wait, demo, screenshots):
    browser.get(demo)
    upload_and_make(browser, wait, example_photo())
    state = ("const v = document.querySelector(arguments[0]);"
             "return v && [v.readyState, v.paused, v.duration, v.videoWidth, v.currentTime];")
    wait(lambda b: (b.execute_script(state, "#timelapse video") or [0])[0] >= 2, 120)
    first = browser.execute_script(state, "#timelapse video")
    # Playing: autoplay started it and its clock moves on.
    wait(lambda b: b.execute_script(state, "#timelapse video")[4] != first[4])
    ready, paused, duration, width, _ = browser.execute_script(state, "#timelapse video")
    assert (ready >= 2, paused, width) == (True, False, 640)   # the photo's own width
    assert duration == pytest.approx(32 / 25, abs=0.05)   # 32 frames at 25 fps
    grid = browser.execute_script(state, "#grid video")
    assert grid[0] >= 2 and grid[3] == 3 * 640 + 4
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#download a")]
    assert any(link.endswith("/sky_stage2.mp4") for link in links), links
    browser.save_screenshot(str(screenshots / "demo.png"))


def test_a_file_that_is_not_an_image_gets_a_message_on_the_page(browser, wait, demo, tmp_path,
                                                                screenshots):
    broken = tmp_path / "holiday.jpg"
    broken.write_bytes(b"\xff\xd8 not really a JPEG" * 20)
    browser.get(demo)
    upload_and_make(browser, wait, broken)
    wait(lambda b: "holiday.jpg: not a readable" in b.find_element(By.TAG_NAME, "body").text)
    browser.save_screenshot(str(screenshots / "demo_error.png"))
    assert not browser.find_elements(By.CSS_SELECTOR, "#timelapse video")
