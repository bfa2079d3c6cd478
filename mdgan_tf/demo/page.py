"""The demo page (Gradio): upload a photo or take the example, pick the stage, length and
frame rate (and the wind, for a model that can be told it; and, where the sky is found
wrongly, upload it drawn), and watch and download the time-lapse beside the input |
stage I | stage II grid. A photo that cannot be used gets a message on the page, not a
failed request, and so does any value outside what the page offers (as its API may be
called with anything): one line on the page and one in the log, never a traceback."""

import atexit
import numbers
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")   # no calls home from the page

import gradio as gr  # noqa: E402

from mdgan_tf.demo.render import DEMO_MAX_SIDE, render  # noqa: E402
from mdgan_tf.errors import UserError, one_line  # noqa: E402
from mdgan_tf.hub import example_photo  # noqa: E402

MAX_FRAMES = 256
# System fonts: the default theme's web fonts would be fetched from the internet.
THEME = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["monospace"])
# Strings: Gradio advertises a radio's values in its API as strings, and then must take
# what it advertises.
STAGES = [("II: Base-Net, then Refine-Net", "2"), ("I: Base-Net only", "1")]
# The winds a model that can be told one is offered: along the horizon, which is all the
# photo's size draws (`PhotoAnimator.animation`).
WINDS = [("The model's choice", "none"), ("Left to right", "0"), ("Right to left", "180")]


def _refused(message):
    """The message on the page, and one line in the log: not Gradio's two tracebacks,
    since a bad request is the user's to fix, not a fault of the server."""
    print(f"mdgan-demo: refused a request: {message}", file=sys.stderr, flush=True)
    return gr.Error(message, print_exception=False)


def _checked(component):
    """`component`, any value it is sent that the page could not send refused in one line
    (`_refusal`), as are Gradio's own refusals (a file type it does not take). The check
    wraps the component's own `preprocess`: a subclass of a Gradio component makes
    Gradio write a .pyi file beside this module."""
    preprocess = component.preprocess

    def checked(payload):
        wrong = _refusal(component, payload)
        if wrong:
            raise _refused(wrong)
        try:
            return preprocess(payload)
        except gr.Error as error:
            raise _refused(str(error)) from None

    component.preprocess = checked
    return component


def _refusal(component, payload):
    """What is wrong with `payload` for a slider or radio of the page, or None."""
    if isinstance(component, gr.Slider):
        if not isinstance(payload, numbers.Real) or isinstance(payload, bool) or (
                not component.minimum <= payload <= component.maximum):
            return (f"{component.label} must be a number from {component.minimum:g} to "
                    f"{component.maximum:g}, got {payload!r}")
    elif isinstance(component, gr.Radio):
        values = [value for _, value in component.choices]
        if payload not in values:
            return (f"{component.label} must be one of {', '.join(map(repr, values))}, "
                    f"got {payload!r}")
    return None


def demo_page(model, *, max_pixels=None):
    """The page for `model` (an `MDGAN`), as a `gr.Blocks` to `launch`
    (`launch_options()` gives what it needs)."""
    scratch = Path(tempfile.mkdtemp(prefix="mdgan-demo-"))
    atexit.register(shutil.rmtree, scratch, True)

    def make(photo, stage, frames, fps, wind, sky_mask=None):
        if not photo:
            raise _refused("Upload a photo, or pick the example, first.")
        # Gradio has copied the last answer's files into its own cache by now, and this
        # event runs one request at a time, so the scratch folder can be emptied.
        shutil.rmtree(scratch, ignore_errors=True)
        try:
            video, grid = render(model, photo, scratch / "video", stage=int(stage),
                                 frames=int(frames), fps=int(fps), max_pixels=max_pixels,
                                 wind=None if wind == "none" else float(wind),
                                 sky_mask=sky_mask or None)
        except UserError as error:   # say which upload, not Gradio's copy of it
            message = one_line(error)
            for upload in filter(None, (photo, sky_mask)):
                message = message.replace(str(upload), Path(upload).name)
            raise _refused(message) from None
        return str(video), str(grid), str(video)

    frames = model.config.frames
    with gr.Blocks(title="MD-GAN sky time-lapse", delete_cache=(3600, 3600)) as page:
        gr.Markdown(f"# A sky time-lapse from one photo\nMD-GAN (Xiong et al., CVPR 2018), "
                    f"model `{model.config.name}`: {frames} frames per clip at "
                    f"{model.config.resolution}x{model.config.resolution}; longer videos "
                    f"chain clips. The photo keeps its own size (up to {DEMO_MAX_SIDE} "
                    f"pixels on its longer side) and its sky moves along the model's "
                    f"motion.")
        with gr.Row():
            with gr.Column():
                photo = _checked(gr.File(label="Photo (JPEG, PNG, BMP or GIF)",
                                         file_types=["image"], type="filepath",
                                         elem_id="photo"))
                gr.Examples([[str(example_photo())]], inputs=[photo], label="Example photo")
                stage = _checked(gr.Radio(STAGES, value="2", label="Stage", elem_id="stage"))
                length = _checked(gr.Slider(1, MAX_FRAMES, value=frames, step=1,
                                            label="Length (frames)", elem_id="frames"))
                fps = _checked(gr.Slider(1, 60, value=25, step=1, label="Frames per second",
                                         elem_id="fps"))
                wind = _checked(gr.Radio(WINDS, value="none", label="Wind", elem_id="wind",
                                         visible=model.config.wind_condition))
                sky_mask = _checked(gr.File(
                    label="Sky mask, if the sky is found wrongly (optional): an image of the "
                          "photo's shape, white where the sky is", file_types=["image"],
                    type="filepath", elem_id="sky_mask"))
                button = gr.Button("Make the time-lapse", variant="primary", elem_id="make")
            with gr.Column():
                video = gr.Video(label="Time-lapse", autoplay=True, loop=True, height=320,
                                 elem_id="timelapse")
                grid = gr.Video(label="Input | stage I | stage II (where they differ)",
                                autoplay=True, loop=True, elem_id="grid")
                download = gr.File(label="Download the time-lapse", elem_id="download")
        button.click(make, [photo, stage, length, fps, wind, sky_mask], [video, grid, download],
                     concurrency_limit=1)
    return page


def launch_options(max_upload_mb):
    """What `page.launch` needs besides host and port: the example photo may be served
    (it lives in the package, outside Gradio's folders; the file alone, not its folder)
    and uploads are capped."""
    return {"theme": THEME, "allowed_paths": [str(example_photo())],
            "max_file_size": f"{max_upload_mb}mb", "quiet": True}
