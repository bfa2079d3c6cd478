"""What the demo page makes for one request, as video files a browser plays."""

from pathlib import Path

from mdgan_tf.inference import grid_panels, read_image, side_by_side, write_video
from mdgan_tf.inference.mdgan import check_stage


def render(model, photo_path, folder, *, stage=2, frames=None, fps=25, max_pixels=None):
    """Read the photo at `photo_path` and write into `folder` its time-lapse at `stage`
    and the input | stage I | stage II grid, both H.264 MP4 (what browsers play).

    The grid holds both stages' videos, so they are made once and the chosen one is
    written on its own too, both at the encoder's fast settings. Returns (video path, grid
    path).
    """
    check_stage(stage)   # the grid makes both stages, so generate never sees `stage`
    image = read_image(photo_path, max_pixels)
    photo, base, refined = grid_panels(model, image, frames=frames, max_pixels=max_pixels)
    name = Path(photo_path).stem
    folder = Path(folder)
    video = write_video(folder / f"{name}_stage{stage}.mp4", refined if stage == 2 else base,
                        fps, fast=True)
    grid = write_video(folder / f"{name}_grid.mp4", side_by_side(photo, base, refined), fps,
                       fast=True)
    return video, grid
