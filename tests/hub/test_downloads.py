"""Downloads that go wrong: cut short, not a model, too slow, several at once; and model
directories whose files are damaged. Each fails with one message and caches nothing."""

import concurrent.futures
import shutil
import http.server
import threading
import time

import pytest

from mdgan_tf import MDGAN, MDGANConfig
from mdgan_tf.hub.pretrained import PretrainedModelError, fetch


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site") / "tiny"
    MDGAN(MDGANConfig.from_preset("mdgan_tiny")).save_pretrained(folder)
    return folder


def cache_entries(cache):
    models = cache / "models"
    return sorted(p.name for p in models.iterdir()) if models.is_dir() else []


@pytest.fixture
def serve(model_dir):
    """serve(mode) -> the URL of model_dir behind a server that misbehaves as `mode` says:
    'ok', 'short' (half the body of the Content-Length it sends), 'html' (a web page with
    status 200 for every file), 'trickle' (one byte every 0.2 s), 'slow' (whole files,
    each after 0.3 s)."""
    servers = []

    def start(mode):
        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path = model_dir / self.path.rsplit("/", 1)[-1]
                body = b"<html><body>Sign in</body></html>" if mode == "html" else path.read_bytes()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    if mode == "short":
                        self.wfile.write(body[:len(body) // 2])
                    elif mode == "trickle":
                        for byte in body:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(0.2)
                    else:
                        if mode == "slow":
                            time.sleep(0.3)
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/tiny/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.mark.parametrize("mode, message", [
    ("short", "connection ended after"),
    ("html", "did not serve an MD-GAN model"),
])
def test_a_bad_download_is_refused_and_not_cached(serve, cache, mode, message):
    url = serve(mode)
    for _ in range(2):   # and the second try fails the same way: nothing was kept
        with pytest.raises(PretrainedModelError, match=message):
            MDGAN.from_pretrained(url)
        assert cache_entries(cache) == []


def test_a_download_has_an_overall_deadline(serve, cache, monkeypatch):
    monkeypatch.setenv("MDGAN_DOWNLOAD_TIMEOUT", "1.5")
    url = serve("trickle")
    started = time.monotonic()
    with pytest.raises(PretrainedModelError, match="not finished within 1.5 s"):
        fetch(url)
    assert time.monotonic() - started < 10
    assert cache_entries(cache) == []


def test_concurrent_first_downloads_all_succeed_with_one_cache_entry(serve, cache):
    url = serve("slow")
    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        folders = list(pool.map(lambda _: fetch(url), range(6)))
    assert len(set(folders)) == 1
    assert cache_entries(cache) == [folders[0].name]   # no partial folders left behind
    assert sorted(p.name for p in folders[0].iterdir()) == [
        "config.json", "model.weights.h5", "sha256.json"]


@pytest.mark.parametrize("damage, message", [
    (lambda d: (d / "model.weights.h5").write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 100),
     "model.weights.h5 is not a readable Keras weights file"),
    (lambda d: (d / "model.weights.h5").write_bytes((d / "model.weights.h5").read_bytes()[:5000]),
     "model.weights.h5 is not a readable Keras weights file"),
    (lambda d: (d / "config.json").write_text((d / "config.json").read_text().replace(
        '"frames": 8', '"frames": "8"')), "config.json is not a valid MD-GAN config: .*frames "
     "must be an integer, got '8'"),
    (lambda d: (d / "config.json").write_text("{not json"), "config.json is not a valid"),
])
def test_a_damaged_model_directory_names_the_file(model_dir, tmp_path, damage, message):
    copy = tmp_path / "copy"
    shutil.copytree(model_dir, copy)
    damage(copy)
    with pytest.raises(PretrainedModelError, match=message):
        MDGAN.from_pretrained(copy)


def test_a_cached_copy_whose_expected_digest_changed_is_replaced(model_dir, cache):
    from mdgan_tf.hub.pretrained import sha256_of

    url = model_dir.as_uri()
    first = fetch(url)
    record = first / "sha256.json"
    record.write_text(record.read_text().replace(sha256_of(model_dir / "model.weights.h5"), "0" * 64))
    again = fetch(url, {"model.weights.h5": sha256_of(model_dir / "model.weights.h5")})
    assert again == first and "0" * 64 not in record.read_text()
