import numpy as np
import pytest
import tensorflow as tf

from mdgan_tf import MDGAN, MDGANConfig

TINY = MDGANConfig.from_preset("mdgan_tiny")


@pytest.fixture(scope="module")
def model():
    import keras
    keras.utils.set_random_seed(7)
    return MDGAN(TINY)


def photos(n, size=(45, 61), seed=0):
    return np.random.RandomState(seed).randint(0, 256, (n, *size, 3)).astype(np.uint8)


def test_generate_returns_uint8_videos_at_the_model_size(model):
    video = model.generate(photos(1)[0])
    assert video.shape == (1, TINY.frames, TINY.resolution, TINY.resolution, 3)
    assert video.dtype == np.uint8
    assert video.std() > 0


@pytest.mark.parametrize("frames", [None, 2 * TINY.frames + 3])
def test_both_stages_at_once_are_what_each_stage_makes(model, frames):
    photo = photos(1, seed=3)[0]
    base, refined = model.generate_stages(photo, frames=frames)
    for stage, video in ((1, base), (2, refined)):
        alone = model.generate(photo, stage=stage, frames=frames)
        assert video.shape == alone.shape
        # One frozen graph for both stages against one per stage: float round-off only.
        assert np.abs(video.astype(int) - alone).max() <= 1
    assert np.abs(base.astype(int) - refined).mean() > 0.1   # two videos (untrained: close)


@pytest.mark.parametrize("stage", [1, 2])
def test_an_image_alone_generates_its_row_of_a_batch(model, stage):
    batch = photos(4)
    together = model.generate(batch, stage=stage, dtype="float32")
    alone = model.generate(batch[2], stage=stage, dtype="float32")
    np.testing.assert_allclose(alone[0], together[2], atol=1e-5)
    quantised = np.abs(model.generate(batch[2], stage=stage).astype(int)
                       - model.generate(batch, stage=stage)[2].astype(int))
    assert quantised.max() <= 1  # floats equal to 1e-5 may round to neighbouring levels


def test_generate_matches_the_keras_forward_pass(model):
    image = photos(1, size=(TINY.resolution, TINY.resolution))[0]
    frames = image[None].astype(np.float32) / 127.5 - 1.0
    np.testing.assert_allclose(model.generate(image, dtype="float32"), model(frames), atol=1e-5)
    assert not np.allclose(model.generate(image, stage=1, dtype="float32"),
                           model.generate(image, stage=2, dtype="float32"))


def test_save_then_load_gives_bit_identical_videos(model, tmp_path):
    image = photos(1)[0]
    model.save_pretrained(tmp_path / "m")
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == ["config.json", "model.weights.h5"]
    loaded = MDGAN.from_pretrained(tmp_path / "m")
    assert loaded.config == model.config
    for stage in (1, 2):
        np.testing.assert_array_equal(loaded.generate(image, stage=stage, dtype="float32"),
                                      model.generate(image, stage=stage, dtype="float32"))


def test_from_pretrained_names_the_missing_file(tmp_path):
    (tmp_path / "config.json").write_text(TINY.to_json())
    with pytest.raises(FileNotFoundError, match="model.weights.h5 is missing"):
        MDGAN.from_pretrained(tmp_path)


def test_load_weights_refreshes_the_frozen_inference(model, tmp_path):
    other = MDGAN(TINY)
    image = photos(1)[0]
    before = other.generate(image, dtype="float32")
    model.save_weights(tmp_path / "w.weights.h5")
    other.load_weights(tmp_path / "w.weights.h5")
    after = other.generate(image, dtype="float32")
    assert not np.allclose(before, after)
    np.testing.assert_array_equal(after, model.generate(image, dtype="float32"))


def test_float_images_in_either_range_give_the_same_video(model):
    image = photos(1)[0]
    unit = image.astype(np.float32) / 255.0
    reference = model.generate(image, dtype="float32")
    np.testing.assert_allclose(model.generate(unit, dtype="float32"), reference, atol=1e-5)
    np.testing.assert_allclose(model.generate(unit * 2 - 1, value_range=(-1, 1), dtype="float32"),
                               reference, atol=1e-5)


def test_grayscale_and_rgba_are_converted(model):
    rgb = photos(1)[0]
    gray = rgb[..., 0]
    as_rgb = np.repeat(gray[..., None], 3, axis=-1)
    expected = model.generate(as_rgb)
    np.testing.assert_array_equal(model.generate(gray), expected)
    np.testing.assert_array_equal(model.generate(gray[..., None]), expected)
    rgba = np.concatenate([rgb, np.full_like(rgb[..., :1], 9)], axis=-1)
    np.testing.assert_array_equal(model.generate(rgba), model.generate(rgb))


@pytest.mark.parametrize("bad, message", [
    (np.zeros((2, 3, 4, 5, 3), np.uint8), "rank 5"),
    (np.zeros((0, 8, 3), np.uint8), "empty"),
    (np.zeros((8, 8, 2), np.uint8), "1 \\(grayscale\\), 3 \\(RGB\\) or 4 \\(RGBA\\) channels, got 2"),
    (np.full((8, 8, 3), np.nan, np.float32), "NaN"),
    (np.full((8, 8, 3), 2.0, np.float32), "expected in \\[0, 1\\].*value_range=\\(-1, 1\\)"),
    (np.full((8, 8, 3), -0.5, np.float32), "expected in \\[0, 1\\]"),
    (np.full((8, 8, 3), 300, np.int32), "0..255"),
    (np.array([["a"]]), "numeric"),
])
def test_bad_images_raise_a_value_error_naming_the_problem(model, bad, message):
    with pytest.raises(ValueError, match=message):
        model.generate(bad)


def test_float_outside_minus_one_to_one_names_that_range(model):
    with pytest.raises(ValueError, match="expected in \\[-1, 1\\].*value_range=\\(0, 1\\)"):
        model.generate(np.full((8, 8, 3), 1.5, np.float32), value_range=(-1, 1))


def test_unknown_stage_is_rejected(model):
    for stage in (3, "2", True):   # rejected up front, not from inside a traced function
        with pytest.raises(ValueError, match=r"^stage must be the int 1 .* got"):
            model.generate(photos(1)[0], stage=stage)


def test_longer_videos_chain_clips_from_their_last_frame(model):
    image = photos(1)[0]
    T = TINY.frames
    first = model.generate(image, dtype="float32")
    long = model.generate(image, dtype="float32", frames=2 * T + 3)
    assert long.shape == (1, 2 * T + 3, TINY.resolution, TINY.resolution, 3)
    np.testing.assert_array_equal(long[:, :T], first)
    second = model.generate(first[:, -1], value_range=(-1, 1), dtype="float32")
    # The next clip is drawn from the last frame, then anchored to start exactly there.
    fade = np.linspace(1, 0, T)[None, :, None, None, None]
    anchored = np.clip(second + fade * (first[:, -1:] - second[:, :1]), -1, 1)
    np.testing.assert_allclose(long[:, T:2 * T - 1], anchored[:, 1:], atol=1e-5)
    assert model.generate(image, frames=3).shape[1] == 3
    for frames in (0, 2.7, -3):
        with pytest.raises(ValueError, match="frames must be a whole number of at least 1"):
            model.generate(image, frames=frames)
    assert model.generate(image, frames=5.0).shape[1] == 5


@pytest.mark.parametrize("kind", ["png", "jpeg"])
@pytest.mark.parametrize("orientation", range(1, 9))
def test_photos_are_read_upright_by_their_exif_orientation(tmp_path, orientation, kind):
    from PIL import Image, ImageOps

    from mdgan_tf.preprocessing.images import read_image

    stored = np.random.RandomState(orientation).randint(0, 256, (5, 9, 3)).astype(np.uint8)
    exif = Image.Exif()
    exif[0x0271] = "a maker tag first, so orientation is not the first entry"
    exif[0x0112] = orientation
    path = tmp_path / f"phone.{kind}"
    Image.fromarray(stored).save(path, exif=exif,
                                 **({"quality": 100, "subsampling": 0} if kind == "jpeg" else {}))
    upright = np.asarray(ImageOps.exif_transpose(Image.open(path)).convert("RGB"))
    got = read_image(path)
    if kind == "png":
        np.testing.assert_array_equal(got, upright)
    else:   # two JPEG decoders: equal up to rounding
        assert np.abs(got.astype(int) - upright).max() <= 2
    assert got.shape == ((9, 5, 3) if orientation >= 5 else (5, 9, 3))


def test_damaged_exif_reads_the_photo_as_stored():
    from mdgan_tf.preprocessing.images import exif_orientation

    for data in (b"", b"Exif\0\0", b"Exif\0\0II*\0\xff\xff\xff\x7f", b"xxeXIfMM\0*\0\0\0\x08\xff\xff"):
        assert int(exif_orientation(data)) == 1


def test_images_over_the_pixel_limit_are_refused_before_decoding(tmp_path, monkeypatch):
    from mdgan_tf.preprocessing.images import read_image

    model = MDGAN(MDGANConfig.from_preset("mdgan_tiny"))
    photo = np.zeros((40, 30, 3), np.uint8)
    with pytest.raises(ValueError, match="has 1,200 pixels, over the limit of 1,000 pixels"):
        model.generate(photo, max_pixels=1000)
    path = tmp_path / "photo.png"
    path.write_bytes(tf.io.encode_png(photo).numpy())
    monkeypatch.setenv("MDGAN_MAX_PIXELS", "1199")
    with pytest.raises(ValueError, match="photo.png: the image has 1,200 pixels"):
        read_image(path)
    assert read_image(path, max_pixels=1200).shape == (40, 30, 3)
    monkeypatch.setenv("MDGAN_MAX_PIXELS", "lots")
    with pytest.raises(ValueError, match=r"MDGAN_MAX_PIXELS must be a positive whole number of pixels, got 'lots'"):
        read_image(path)


def test_a_raised_pixel_limit_reaches_every_step_of_a_timelapse(monkeypatch):
    from mdgan_tf.inference import timelapse

    model = MDGAN(MDGANConfig.from_preset("mdgan_tiny"))
    photo = np.zeros((40, 30, 3), np.uint8)
    monkeypatch.setenv("MDGAN_MAX_PIXELS", "1000")   # the default, below the photo's 1,200
    with pytest.raises(ValueError, match="over the limit of 1,000 pixels"):
        timelapse(model, photo)
    assert timelapse(model, photo, grid=True, max_pixels=1200).shape[0] == TINY.frames


def test_videos_over_the_memory_limit_are_refused_before_any_frame_is_made(model,
                                                                          monkeypatch):
    side = model.config.resolution
    per_frame_mb = side * side * 3 * 9 / 2**20          # float32 clips, their join, uint8
    monkeypatch.setenv("MDGAN_MAX_VIDEO_MB", "1")
    fits = int(1 / per_frame_mb)
    assert model.generate(photos(1), frames=fits).shape[1] == fits
    with pytest.raises(ValueError, match=rf"{fits + 1} frames at {side}x{side} would take "
                                         r"about 1 MB of memory, over the limit of 1 MB"):
        model.generate(photos(1), frames=fits + 1)
    # Per video of a batch, and both stages of the grid.
    with pytest.raises(ValueError, match=f"{fits} frames at {side}x{side}, 2 videos"):
        model.generate(photos(2), frames=fits)
    with pytest.raises(ValueError, match="over the limit of 1 MB"):
        model.generate_stages(photos(1), frames=fits)
    with pytest.raises(ValueError, match="over the limit"):
        model.animation(photos(1)[0], frames=10 * fits)
    monkeypatch.setenv("MDGAN_MAX_VIDEO_MB", "2")
    assert model.generate_stages(photos(1), frames=fits)[0].shape[1] == fits
    monkeypatch.setenv("MDGAN_MAX_VIDEO_MB", "lots")
    with pytest.raises(ValueError, match=r"\$MDGAN_MAX_VIDEO_MB must be a positive whole"):
        model.generate(photos(1))
