"""SIGINT and SIGTERM end a binary mid-run with one line and status 130 or 143, no
traceback, no half-written file; the demo's scratch folder goes too."""

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest


def default_signals():
    """Run in the child before it starts: SIGINT and SIGTERM handled as by default. A
    suite started with SIGINT ignored (under `nohup`, or `&` in a script) passes that on
    to its children, and Python then never raises KeyboardInterrupt: the binary ran on
    and exited 0."""
    for sent in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sent, signal.SIG_DFL)


def wait_for(condition, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.mark.parametrize("sent, status, word", [(signal.SIGINT, 130, "interrupted"),
                                                (signal.SIGTERM, 143, "terminated")])
def test_a_signal_while_writing_ends_generate_in_one_line(tmp_path, sent, status, word):
    # 400 frames at 640 px: the motion is made in a few seconds, and writing takes several.
    output = tmp_path / "long.mp4"
    process = subprocess.Popen(
        [sys.executable, "-m", "mdgan_tf.cli.generate", "--frames", "400", "--max_side", "640",
         "--output", str(output)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=default_signals)
    try:
        wait_for(lambda: any(tmp_path.glob(".partial-*")) or process.poll() is not None)
        process.send_signal(sent)
        _, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == status, stderr[-2000:]
    assert stderr.strip().splitlines()[-1] == f"mdgan-generate: {word}"
    assert "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []     # no video, no temporary


def test_sigterm_ends_the_demo_and_removes_its_scratch_folder(free_port, tmp_path):
    """Its log on the way: one line per refused upload, and no request lines of Gradio's
    start-up check."""
    pytest.importorskip("gradio")
    from gradio_client import Client, handle_file

    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 this is not a JPEG" * 10)
    port = free_port()
    # Its own temporary folder: a demo that another test worker starts meanwhile makes its
    # scratch folder beside it, and this test counted two.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "mdgan_tf.cli.demo", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "GRADIO_ANALYTICS_ENABLED": "False",
                                    "TMPDIR": str(temporary)},
                               preexec_fn=default_signals)
    try:
        def answers():
            try:
                return urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).status == 200
            except OSError:
                return process.poll() is not None
        wait_for(answers)
        scratch = set(temporary.glob("mdgan-demo-*"))
        assert len(scratch) == 1
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        for upload in (handle_file(str(broken)), None):
            with pytest.raises(Exception, match="broken.jpg: not a readable|Upload a photo"):
                client.predict(upload, "1", 8, 8, api_name="/make")
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 143, stderr[-2000:]
    lines = stderr.strip().splitlines()
    assert lines[-1] == "mdgan-demo: terminated"
    assert "Traceback" not in stderr
    assert not any(folder.exists() for folder in scratch)
    refused = [line for line in lines if "refused" in line]
    assert len(refused) == 2 and "broken.jpg: not a readable" in refused[0], stderr[-3000:]
    assert "Upload a photo" in refused[1]
    assert not [line for line in lines if "HTTP Request" in line], stderr[-3000:]
