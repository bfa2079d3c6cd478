"""mdgan-demo's web page: a photo in, its time-lapse and the input | stage I | stage II
grid out, in a browser (Gradio)."""

from mdgan_tf.demo.render import render

__all__ = ["render"]
