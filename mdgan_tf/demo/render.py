"""What the demo page makes for one request, as video files a browser plays."""

from pathlib import Path

from mdgan_tf.inference import read_image, timelapse, write_video
from mdgan_tf.modeling.backbone import check_stage

# The page's videos are at most this wide or high: a phone's 12-megapixel photo then
# comes back in seconds, and still sharper than any screen shows it in the page.
DEMO_MAX_SIDE = 1024


def render(model, photo_path, folder, *, stage=2, frames=None, fps=25, max_pixels=None,
           wind=None, sky_mask=None):
    """Read the photo at `photo_path` and write into `folder` its time-lapse at `stage`
    and the input | stage I | stage II grid (input | moved, where the stages share one
    motion), both H.264 MP4 (what browsers play), at the
    photo's own size and aspect ratio (its longer side at most DEMO_MAX_SIDE), its sky
    moved along the model's motion.

    The grid holds both stages' videos, so the model runs once for both and the chosen
    stage is written on its own too, both at the encoder's fast settings. `wind`: the
    heading in degrees, for a model that can be told it (None: it chooses). `sky_mask`:
    the path of a sky the user drew, white where it is (None: the sky is found). Returns
    (video path, grid path).
    """
    check_stage(stage)   # the grid makes both stages, so generate never sees `stage`
    image = read_image(photo_path, max_pixels)
    grid = timelapse(model, image, frames=frames, grid=True, max_side=DEMO_MAX_SIDE,
                     max_pixels=max_pixels, wind=wind, sky_mask=sky_mask)
    name = Path(photo_path).stem
    folder = Path(folder)
    # Panel `stage`, or the one moved panel where both stages share a motion.
    panel = grid.videos[min(stage, len(grid.videos) - 1)]
    video = write_video(folder / f"{name}_stage{stage}.mp4", panel, fps, fast=True)
    grid = write_video(folder / f"{name}_grid.mp4", grid, fps, fast=True)
    return video, grid
