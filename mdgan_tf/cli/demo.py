"""mdgan-demo: try the model in a web browser.

    mdgan-demo                        # the shipped model at http://127.0.0.1:7860/
    mdgan-demo --model runs/sky --port 8000

The page takes a photo (or the shipped example), the stage, the length and the frame rate,
and shows the time-lapse with the input | stage I | stage II grid, ready to download.
"""

import logging

from absl import flags

from mdgan_tf.cli.flags import check_model, define_max_pixels, define_model
from mdgan_tf.cli.runner import needs_extra, run_main

FLAGS = flags.FLAGS
define_model()
flags.DEFINE_string("host", "127.0.0.1", "Address to serve on; 0.0.0.0 for other machines.")
flags.DEFINE_integer("port", 7860, "Port to serve on.", lower_bound=0, upper_bound=65535)
flags.DEFINE_integer("max_upload_mb", 50, "Largest photo file accepted, in MB.", lower_bound=1)
define_max_pixels()


def main():
    from mdgan_tf.inference import MDGAN

    with needs_extra("mdgan-demo", "demo"):
        from mdgan_tf.demo import page
    # Gradio checks its own server through httpx at start-up; absl would log each request.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    model = MDGAN.from_preset(FLAGS.model)
    demo = page.demo_page(model, max_pixels=FLAGS.max_pixels)
    print(f"MD-GAN demo of {model.config.name}: http://{FLAGS.host}:{FLAGS.port}/", flush=True)
    demo.launch(server_name=FLAGS.host, server_port=FLAGS.port,
                **page.launch_options(FLAGS.max_upload_mb))


def run():
    run_main(main, precheck=lambda: check_model(FLAGS.model))


if __name__ == "__main__":
    run()
