"""Where a pretrained model comes from: a preset name, a local directory, or a URL.

A model is a directory with two files, `config.json` and `model.weights.h5` (JSON and HDF5:
nothing is ever unpickled). A URL (`https://`, `http://` or `file://`) names a folder that
holds those two files. They are downloaded once into a cache, `$MDGAN_HOME` (default
`~/.cache/mdgan_tf`), and each file's SHA-256 is checked against the expected one (the
preset's, or the caller's `sha256`) before it is cached. The digests are recorded beside the
files, so a cached copy is used offline and a cached file changed later is caught before use.
"""

import hashlib
import http.client
import json
import logging
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import h5py

from mdgan_tf.errors import InputError, MissingFileError, UnreadableFileError
from mdgan_tf.fileio import publish_directory
from mdgan_tf.hub.shipped import shipped_path
from mdgan_tf.hub.presets import PRESETS

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.weights.h5"
MODEL_FILES = (CONFIG_FILE, WEIGHTS_FILE)
_RECORD = "sha256.json"
_URL_SCHEMES = ("https://", "http://", "file://")


class PretrainedModelError(InputError):
    """A model cannot be found, fetched or trusted; the message says what to do."""


class ChecksumError(PretrainedModelError):
    """A model file's SHA-256 is not the expected one."""


def mdgan_home():
    """The cache folder: `$MDGAN_HOME`, or `~/.cache/mdgan_tf`."""
    return Path(os.environ.get("MDGAN_HOME") or Path.home() / ".cache" / "mdgan_tf")


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def published_presets():
    return sorted(name for name, entry in PRESETS.items() if entry.get("weights"))


def resolve_model(name_or_path, *, sha256=None, force_download=False):
    """The local model directory for a preset name, a directory, or a URL.

    `sha256`: the expected digest of a URL's `model.weights.h5` (presets carry their own).
    `force_download`: fetch a URL again even if it is cached.
    """
    text = os.fspath(name_or_path)
    if text.startswith(_URL_SCHEMES):
        return fetch(text, {WEIGHTS_FILE: sha256} if sha256 else {}, force_download)
    if "://" in text:
        raise PretrainedModelError(f"{text!r}: unsupported URL scheme; use https://, http:// "
                                   f"or file://")
    path = Path(text)
    if path.is_dir():
        check_model_dir(path)
        return path
    if text in PRESETS:
        return _preset_dir(text, force_download)
    if path.exists():
        raise MissingFileError(f"{text!r} is a file, not a model directory (pass the folder "
                                f"that holds {' and '.join(MODEL_FILES)})")
    if os.sep in text or text.startswith("."):
        raise MissingFileError(f"{text!r} is not a model directory (no such directory)")
    raise PretrainedModelError(
        f"unknown model {text!r}: not a preset name, a directory or a URL. Presets with "
        f"weights: {', '.join(published_presets())}; all presets: {', '.join(sorted(PRESETS))}")


def check_model_dir(directory):
    for name in MODEL_FILES:
        if not (Path(directory) / name).is_file():
            raise MissingFileError(
                f"{os.fspath(directory)!r} is not an MD-GAN model directory: {name} is missing "
                f"(save_pretrained, mdgan-train and mdgan-convert write both "
                f"{' and '.join(MODEL_FILES)})")


def _preset_dir(name, force_download):
    entry = PRESETS[name]
    location = entry.get("weights")
    if not location:
        raise PretrainedModelError(
            f"preset {name!r} has no published weights yet (it is a configuration only). "
            f"Train it with `mdgan-train --preset {name}`, or convert the authors' PyTorch "
            f"weights with `mdgan-convert`, and pass the resulting model directory. Presets "
            f"with weights: {', '.join(published_presets())}")
    expected = entry["sha256"]
    if location.startswith(_URL_SCHEMES):
        return fetch(location, expected, force_download)
    directory = shipped_path("savedmodels", location)
    check_model_dir(directory)
    for file_name, digest in expected.items():
        actual = sha256_of(directory / file_name)
        if actual != digest:
            raise ChecksumError(
                f"the shipped {directory / file_name} has SHA-256 {actual}, expected {digest}: "
                f"the installation is damaged; reinstall mdgan-tf")
    return directory


def fetch(url, expected=None, force_download=False):
    """Download the model folder at `url` into the cache (once) and return the local copy.

    `expected`: {file name: SHA-256} that downloaded files must match. A cached copy is
    checked against the digests recorded when it was downloaded.

    Each process downloads into a folder of its own, validates the files (complete, the
    config parses, the weights open as HDF5) and then renames the folder into place, so
    the cache only ever holds whole, valid models. When several processes fetch the same
    URL at once, the first rename wins and the others use its copy.
    """
    expected = dict(expected or {})
    folder = mdgan_home() / "models" / hashlib.sha256(url.encode()).hexdigest()[:16]
    if not force_download:
        cached = _usable_cache(folder, expected, url)
        if cached:
            return cached
    # A folder there now is replaced (forced, stale, or not a cached model); one that
    # appears while we download was put there by another process fetching the same URL.
    replacing = folder.exists()
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=f".partial-{folder.name}-", dir=folder.parent))
    except OSError as error:
        raise PretrainedModelError(
            f"cannot write the model cache {folder.parent}: {error.strerror or error}. Set "
            f"MDGAN_HOME to a writable folder") from error
    try:
        deadline = time.monotonic() + download_deadline()
        digests = {name: _download(f"{url.rstrip('/')}/{name}", partial / name,
                                   expected.get(name), deadline)
                   for name in MODEL_FILES}
        _validate_model_files(partial, url)
        (partial / _RECORD).write_text(json.dumps({"url": url, "files": digests}, indent=2))
        try:
            publish_directory(partial, folder, overwrite=replacing)
        except FileExistsError:
            # Another process cached this URL meanwhile; its copy is as good as ours.
            cached = _usable_cache(folder, expected, url)
            if not cached:
                raise
            return cached
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return folder


def download_deadline():
    """Seconds a whole model download may take: `$MDGAN_DOWNLOAD_TIMEOUT`, default 600."""
    text = os.environ.get("MDGAN_DOWNLOAD_TIMEOUT", "600")
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1
    if not seconds > 0:
        raise PretrainedModelError(f"MDGAN_DOWNLOAD_TIMEOUT must be a positive number of "
                                   f"seconds, got {text!r}")
    return seconds


def _usable_cache(folder, expected, url):
    """`folder` if it holds a cached copy whose recorded digests agree with `expected`."""
    record = folder / _RECORD
    if not record.is_file():
        return None
    try:
        recorded = json.loads(record.read_text())["files"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ChecksumError(
            f"the cache record {record} is damaged. Pass force_download=True (mdgan-generate: "
            f"--force_download), or delete {folder}, to download {url} again") from None
    if not all(expected.get(name, digest) == digest for name, digest in recorded.items()):
        logging.info("%s: the expected SHA-256 changed since it was cached; downloading again",
                     url)
        return None
    _check_cached(folder, recorded)
    return folder


def read_config_dict(directory):
    """The fields of a model directory's config.json, as a dict; a damaged one is named.
    (`modeling.MDGANConfig.from_dict` checks them.)"""
    path = Path(directory) / CONFIG_FILE
    try:
        values = json.loads(path.read_text())
    except (UnicodeDecodeError, ValueError) as error:
        values = error
    if not isinstance(values, dict):
        raise PretrainedModelError(
            f"{path} is not a valid MD-GAN config: {values}. Restore it from where the model "
            f"came from (save_pretrained, mdgan-train and mdgan-convert write it)")
    return values


def check_weights_file(path):
    """Raise if `path` is not an HDF5 file of Keras weights (a page of HTML, cut short)."""
    try:
        with h5py.File(path, "r") as weights:
            if not len(weights):
                raise InputError("it holds no weights")
    except (OSError, ValueError) as error:
        raise PretrainedModelError(
            f"{path} is not a readable Keras weights file ({error}); it may be damaged or "
            f"cut short. Save or download it again") from error


def _validate_model_files(directory, url):
    try:
        read_config_dict(directory)
        check_weights_file(directory / WEIGHTS_FILE)
    except PretrainedModelError as error:
        raise PretrainedModelError(
            f"{url} did not serve an MD-GAN model ({error}); nothing was cached") from error


def _check_cached(folder, recorded):
    for name, digest in recorded.items():
        path = folder / name
        actual = sha256_of(path) if path.is_file() else "missing"
        if actual != digest:
            raise ChecksumError(
                f"the cached {path} is corrupted (SHA-256 {actual}, recorded {digest} when it "
                f"was downloaded). Pass force_download=True (mdgan-generate: "
                f"--force_download), or delete {folder}, to download it again")


def _download(url, path, expected, deadline):
    """Stream `url` into `path`, hashing as it goes; returns the SHA-256.

    Fails if the body is shorter than its Content-Length, or if the whole download is not
    done by `deadline` (time.monotonic()): a server that trickles bytes cannot hold a run
    for ever, as a per-read socket timeout alone would let it.
    """
    logging.info("downloading %s", url)
    digest = hashlib.sha256()
    received = 0
    try:
        timeout = max(1.0, min(60.0, deadline - time.monotonic()))
        with urllib.request.urlopen(url, timeout=timeout) as response, open(path, "wb") as out:
            length = response.headers.get("Content-Length")
            read = getattr(response, "read1", response.read)
            while block := read(1 << 16):
                digest.update(block)
                out.write(block)
                received += len(block)
                if time.monotonic() > deadline:
                    raise TimeoutError(f"not finished within {download_deadline():g} s "
                                       f"(MDGAN_DOWNLOAD_TIMEOUT)")
        if length is not None and length.isdigit() and received != int(length):
            raise UnreadableFileError(f"the connection ended after {received} of {length} bytes")
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", error)
        raise PretrainedModelError(
            f"could not download {url}: {reason}. Check the URL (it must name a folder holding "
            f"{' and '.join(MODEL_FILES)}) and the network; nothing was cached, and once "
            f"downloaded, a model is used from {mdgan_home()} offline") from error
    actual = digest.hexdigest()
    if expected and actual != expected:
        raise ChecksumError(
            f"{url} has SHA-256 {actual}, expected {expected}: the download is damaged or the "
            f"file was replaced; nothing was cached. Check the URL and the expected digest")
    return actual
