"""The demo's logic, then its page through Gradio's own client on a real local server."""

from pathlib import Path

import av
import httpx
import numpy as np
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from PIL import Image

from mdgan_tf.demo import render
from mdgan_tf.demo.page import demo_page, launch_options
from mdgan_tf.hub import example_photo
from mdgan_tf.inference import MDGAN
from mdgan_tf.generation.grid import GRID_GAP
from mdgan_tf.modeling import MDGANConfig


@pytest.fixture(scope="module")
def model():
    return MDGAN(MDGANConfig.from_preset("mdgan_tiny"))


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    path = tmp_path_factory.mktemp("photo") / "sunset.png"
    rows = np.linspace(0, 255, 48, dtype=np.uint8)[:, None, None]
    Image.fromarray(np.broadcast_to(rows, (48, 80, 3)).copy()).save(path)
    return path


def frames_of(path):
    """The decoded frames of a video file, or of the file a Gradio Video answer names."""
    path = path["video"] if isinstance(path, dict) else path
    with av.open(str(path)) as container:
        return np.stack([f.to_ndarray(format="rgb24") for f in container.decode(video=0)])


@pytest.mark.parametrize("stage", [1, 2])
def test_render_writes_the_chosen_stage_and_the_grid_it_belongs_to(model, photo, tmp_path,
                                                                   stage):
    video, grid = render(model, photo, tmp_path, stage=stage, frames=12, fps=10)
    frames, grid_frames = frames_of(video), frames_of(grid)
    assert frames.shape == (12, 48, 80, 3)          # the photo's own size
    assert grid_frames.shape == (12, 48, 3 * 80 + 2 * GRID_GAP, 3)
    panel = grid_frames[:, :, stage * (80 + GRID_GAP):][:, :, :80]
    expected = model.animate(np.asarray(Image.open(photo)), stage=stage, frames=12)
    # Both files are H.264 of the same frames: each is close to what generate makes.
    for decoded in (frames, panel):
        assert np.abs(decoded.astype(int) - expected).mean() < 4


def test_render_of_a_model_whose_stages_share_one_motion_writes_photo_and_moved(photo,
                                                                               tmp_path):
    # A G1 that moves the photo: both stages are one motion at the photo's size, so the
    # grid is photo | moved and either stage's video is that moved panel.
    moving = MDGAN(MDGANConfig.from_preset("mdgan_tiny").replace(base_head={"type": "warp"}))
    video, grid = render(moving, photo, tmp_path, stage=2, frames=8, fps=10)
    frames, grid_frames = frames_of(video), frames_of(grid)
    assert grid_frames.shape == (8, 48, 2 * 80 + GRID_GAP, 3)
    expected = moving.animate(np.asarray(Image.open(photo)), frames=8)
    for decoded in (frames, grid_frames[:, :, 80 + GRID_GAP:]):
        assert np.abs(decoded.astype(int) - expected).mean() < 4


@pytest.fixture(scope="module")
def speckled(tmp_path_factory):
    """A 48 x 80 sky with a grain the tiny model visibly moves, and a mask of its top half
    drawn at half its size."""
    folder = tmp_path_factory.mktemp("speckled")
    rows = np.linspace(0, 255, 48)[:, None, None]
    grain = np.random.RandomState(0).randint(-30, 30, (48, 80, 3))
    Image.fromarray(np.clip(rows + grain, 0, 255).astype(np.uint8)).save(folder / "sky.png")
    mask = np.zeros((24, 40), np.uint8)
    mask[:12] = 255
    Image.fromarray(mask).save(folder / "mask.png")
    Image.fromarray(np.full((30, 30), 255, np.uint8)).save(folder / "square.png")
    return folder


def test_render_moves_only_the_sky_drawn(model, speckled, tmp_path):
    video, _ = render(model, speckled / "sky.png", tmp_path, stage=2, frames=8, fps=10,
                      sky_mask=speckled / "mask.png")
    frames = frames_of(video).astype(int)
    change = np.abs(frames[-1] - frames[0]).mean(axis=(1, 2))
    assert change[:20].mean() > 5, change                # the drawn sky moves
    assert change[28:].max() < 1, change                 # the rest is held (H.264's noise)


def test_render_refuses_a_stage_that_does_not_exist(model, photo, tmp_path):
    with pytest.raises(ValueError, match="stage must be the int 1"):
        render(model, photo, tmp_path, stage=3)


@pytest.fixture(scope="module")
def client(model, free_port):
    page = demo_page(model)
    port = free_port()
    page.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
                **launch_options(max_upload_mb=1))
    yield Client(f"http://127.0.0.1:{port}/", verbose=False)
    page.close()


def test_the_page_serves_the_example_photo_and_no_other_file_beside_it(client):
    base = client.src.rstrip("/")
    photo = Path(example_photo())
    script = photo.parent / "quickstart.py"   # in a checkout the scripts sit beside it
    assert script.is_file()
    assert httpx.get(f"{base}/gradio_api/file={photo}").status_code == 200
    assert httpx.get(f"{base}/gradio_api/file={script}").status_code in (403, 404)


def test_the_page_answers_with_the_video_the_grid_and_a_download(client, photo):
    video, grid, download = client.predict(handle_file(str(photo)), "2", 16, 8,
                                           api_name="/make")
    assert frames_of(video).shape[0] == 16
    assert frames_of(grid).shape[2] > frames_of(video).shape[2]
    assert download.endswith("sunset_stage2.mp4")


@pytest.mark.parametrize("upload, message", [
    ("broken.jpg", "broken.jpg"),
    ("huge.png", "pixels"),
    ("big.jpg", "max"),     # over the 1 MB upload limit: Gradio's own message
    (None, "Upload a photo"),
    ("too long", "Length \\(frames\\) must be a number from 1 to 256, got 10000"),
])
def test_a_bad_upload_gets_a_message_and_the_page_keeps_working(client, photo, tmp_path,
                                                                png_header, upload, message):
    path = None
    if upload == "broken.jpg":
        path = tmp_path / upload
        path.write_bytes(b"\xff\xd8 this is not a JPEG" * 10)
    elif upload == "huge.png":
        path = tmp_path / upload
        path.write_bytes(png_header(20000, 20000))
    elif upload == "big.jpg":
        path = tmp_path / upload
        path.write_bytes(b"\xff\xd8" + bytes(2_000_000))
    elif upload == "too long":
        path = photo
    frames = 10_000 if upload == "too long" else 8
    with pytest.raises((AppError, ValueError), match=message) as failure:
        client.predict(handle_file(str(path)) if path else None, "1", frames, 8,
                       api_name="/make")
    assert "Traceback" not in str(failure.value)
    video, _, _ = client.predict(handle_file(str(photo)), "1", 8, 8, api_name="/make")
    assert frames_of(video).shape[0] == 8


def test_a_sky_mask_of_another_shape_gets_a_message_naming_it(client, speckled):
    with pytest.raises((AppError, ValueError), match="the sky mask is 30x30 and the photo "
                                                     "80x48") as failure:
        client.predict(handle_file(str(speckled / "sky.png")), "1", 8, 8, "none",
                       handle_file(str(speckled / "square.png")), api_name="/make")
    assert "Traceback" not in str(failure.value)
    video, _, _ = client.predict(handle_file(str(speckled / "sky.png")), "1", 8, 8, "none",
                                 handle_file(str(speckled / "mask.png")), api_name="/make")
    assert frames_of(video).shape == (8, 48, 80, 3)


def test_the_api_takes_the_types_it_advertises(client, photo):
    """`view_api` lists the stage as one of two strings: those are what it takes."""
    parameters = client.view_api(return_format="dict", print_info=False)[
        "named_endpoints"]["/make"]["parameters"]
    stage = next(p for p in parameters if p["parameter_name"] == "stage")
    assert sorted(stage["type"]["enum"]) == ["1", "2"], stage
    for value in stage["type"]["enum"]:
        video, _, _ = client.predict(handle_file(str(photo)), value, 4, 8, api_name="/make")
        assert frames_of(video).shape[0] == 4


@pytest.mark.parametrize("request_, message", [
    (("2", -5, 8), "Length (frames) must be a number from 1 to 256, got -5"),
    (("2", 1e6, 8), "Length (frames) must be a number from 1 to 256, got 1000000"),
    (("2", 8, 0), "Frames per second must be a number from 1 to 60, got 0"),
    (("7", 8, 8), "Stage must be one of '2', '1', got '7'"),
    ((2, 8, 8), "Stage must be one of '2', '1', got 2"),
    (("notes.txt", "2", 8, 8), "Invalid file type"),
])
def test_a_value_outside_the_page_gets_one_line_and_no_traceback(client, photo, tmp_path,
                                                                 capfd, request_, message):
    if request_[0] == "notes.txt":
        notes = tmp_path / "notes.txt"
        notes.write_text("not a photo")
        upload, request_ = handle_file(str(notes)), request_[1:]
    else:
        upload = handle_file(str(photo))
    capfd.readouterr()
    with pytest.raises(AppError) as failure:
        client.predict(upload, *request_, api_name="/make")
    assert message in str(failure.value)
    log = capfd.readouterr().err
    assert "Traceback" not in log
    assert len([line for line in log.splitlines() if "refused a request" in line]) == 1, log


def test_render_tells_a_model_that_can_be_told_the_wind(photo, tmp_path, monkeypatch):
    told = MDGAN(MDGANConfig.from_preset("mdgan_tiny").replace(base_head={"type": "warp"},
                                                               wind_condition=True))
    generator = told.generator
    asked, run = [], generator.run
    monkeypatch.setattr(generator, "run", lambda stage, images, wind=None: (
        asked.append(wind), run(stage, images, wind))[1])
    video, _ = render(told, photo, tmp_path, frames=8, fps=10, wind=180)
    assert asked and set(asked) == {180}
    expected = told.animate(np.asarray(Image.open(photo)), frames=8, wind=180)
    assert np.abs(frames_of(video).astype(int) - expected).mean() < 4
