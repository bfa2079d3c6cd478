"""Latency of mdgan-demo against mdgan-generate for the same 32-frame request.

generate: what `mdgan-generate --frames 32` does once its model is loaded (read the photo,
make the stage-II video, write the MP4). demo: one request to the page on 127.0.0.1 over
Gradio's HTTP API, as a browser makes it: upload the photo, call, wait for the result
event, fetch the video (the page makes both stages for the grid and writes two MP4s).
Both are timed warm, median of --repeats. The target is a demo under twice generate.
(gradio_client is not used: its own overhead, about 300 ms a call here, is more than the
whole request.)

    python benchmarks/benchmark_demo.py [--model mdgan_sky_synthetic_64] [--repeats 5]
"""

import json
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from absl import app, flags

from mdgan_tf.demo.page import demo_page, launch_options
from mdgan_tf.hub import example_photo
from mdgan_tf.inference import MDGAN, read_image, timelapse, write_video

FLAGS = flags.FLAGS
flags.DEFINE_string("model", "mdgan_sky_synthetic_64", "Preset name or model directory.")
flags.DEFINE_integer("repeats", 5, "Timed requests of each kind, after one warm-up.")
FRAMES = 32


def median_seconds(fn):
    fn()
    times = []
    for _ in range(FLAGS.repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv):
    del argv
    model = MDGAN.from_preset(FLAGS.model)
    photo = example_photo()
    output = Path(tempfile.mkdtemp()) / "timelapse.mp4"

    def generate():
        write_video(output, timelapse(model, read_image(photo), frames=FRAMES, stage=2), 25)

    page = demo_page(model)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    page.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
                **launch_options(max_upload_mb=50))
    api = f"http://127.0.0.1:{port}/gradio_api"
    client = httpx.Client(timeout=60)

    def demo():
        with open(photo, "rb") as f:
            [uploaded] = client.post(f"{api}/upload", files={"files": (photo.name, f)}).json()
        photo_data = {"path": uploaded, "meta": {"_type": "gradio.FileData"}}
        event = client.post(f"{api}/call/make",
                            json={"data": [photo_data, 2, FRAMES, 25]}).json()["event_id"]
        with client.stream("GET", f"{api}/call/make/{event}") as answer:
            lines = list(answer.iter_lines())
        if "event: complete" not in lines:
            raise RuntimeError(f"the demo failed: {lines}")
        video = json.loads(lines[lines.index("event: complete") + 1][len("data: "):])[0]
        client.get(video["url"]).raise_for_status()

    generate_s, demo_s = median_seconds(generate), median_seconds(demo)
    page.close()
    print(f"{model.config.name}, {FRAMES} frames, median of {FLAGS.repeats}: generate "
          f"{1000 * generate_s:.0f} ms, demo request {1000 * demo_s:.0f} ms, "
          f"ratio {demo_s / generate_s:.2f} (target < 2)")
    if demo_s >= 2 * generate_s:
        sys.exit("the demo takes twice generate or more")


if __name__ == "__main__":
    app.run(main)
