"""Load test of mdgan-study: raters voting at the same time on 127.0.0.1 lose no vote.

Starts the real binary on a fresh database, lets --raters threads each rate --votes pairs
as a browser does (the pair's page, both videos, the vote), then kills the server with
SIGKILL and counts what the database holds. Prints the votes sent, stored and lost, and
the vote latencies.

    python benchmarks/benchmark_study_load.py [--raters 10] [--votes 50]
"""

import http.client
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import numpy as np
from absl import app, flags

from mdgan_tf.inference import write_video
from mdgan_tf.study import VoteStore, summarise

FLAGS = flags.FLAGS
flags.DEFINE_integer("raters", 10, "Raters voting at once.")
flags.DEFINE_integer("votes", 50, "Votes each rater casts (the study has this many pairs).")


def videos(root, count):
    """Two folders of `count` 16-frame 64x64 H.264 clips of the same names."""
    folders = []
    for shade, label in enumerate(("stage1", "stage2")):
        folder = root / label
        folder.mkdir()
        for i in range(count):
            frames = np.full((16, 64, 64, 3), 60 + 80 * shade, np.uint8)
            frames[np.arange(16), :, (i + 4 * np.arange(16)) % 64] = 255
            write_video(folder / f"sky{i:03d}.mp4", frames, fps=16)
        folders.append(folder)
    return folders


def rater(port, name, count, latencies, errors):
    """One rater on one keep-alive connection, as a browser tab would hold."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

        def request(method, path, fields=None):
            body = urllib.parse.urlencode(fields).encode() if fields is not None else None
            headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            return response.status, response.getheader("location"), response.read()

        status, page, _ = request("POST", "/start", {"name": name})
        assert status == 303, status
        for _ in range(count):
            _, _, html = request("GET", page)
            position = re.search(rb'name="position" value="(\d+)"', html).group(1).decode()
            for side in ("left", "right"):
                assert request("GET", f"/video/{page.split('/')[-1]}/{position}/{side}")[0] == 200
            start = time.perf_counter()
            status, _, _ = request("POST", page, {"position": position, "choice": "left"})
            latencies.append(time.perf_counter() - start)
            assert status == 303, status
    except Exception as error:   # counted and printed: a lost vote must show
        errors.append(f"{name}: {error!r}")


def main(argv):
    del argv
    root = Path(tempfile.mkdtemp(prefix="study-load-"))
    a, b = videos(root, FLAGS.votes)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = root / "study.sqlite"
    server = subprocess.Popen([sys.executable, "-m", "mdgan_tf.cli.study", f"--condition_a={a}",
                               f"--condition_b={b}", f"--db={db}", f"--port={port}"],
                              stdout=subprocess.PIPE, text=True)
    print(server.stdout.readline().strip())
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    latencies, errors = [], []
    threads = [threading.Thread(target=rater, args=(port, f"rater{i}", FLAGS.votes, latencies,
                                                    errors)) for i in range(FLAGS.raters)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    server.send_signal(signal.SIGKILL)   # what is stored must not depend on a clean exit
    server.wait()
    votes = VoteStore(db).votes()
    sent = len(latencies)
    distinct = len({(v["rater_id"], v["position"]) for v in votes})
    latencies.sort()
    print(f"{FLAGS.raters} raters x {FLAGS.votes} votes at once, server killed after: "
          f"{sent} votes accepted, {len(votes)} stored ({distinct} distinct), "
          f"{sent - len(votes)} lost, {len(errors)} rater errors")
    print(f"{wall:.1f} s in all, {sent / wall:.0f} votes/s with 3 page/video requests each; "
          f"vote latency median {1000 * statistics.median(latencies):.1f} ms, "
          f"95th percentile {1000 * latencies[int(0.95 * (sent - 1))]:.1f} ms, "
          f"max {1000 * latencies[-1]:.1f} ms")
    [result] = summarise(votes)
    print(f"report: {result.votes} votes from {result.raters} raters")
    for error in errors:
        print("error:", error)
    if errors or len(votes) != FLAGS.raters * FLAGS.votes or distinct != len(votes):
        sys.exit("votes were lost or doubled")


if __name__ == "__main__":
    app.run(main)
