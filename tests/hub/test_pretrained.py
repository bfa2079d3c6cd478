"""MDGAN.from_pretrained by preset name, directory and URL, the download cache, and every
failure with the message that says what to do."""

import functools
import http.server
import threading

import numpy as np
import pytest

from mdgan_tf import MDGAN, MDGANConfig, PRESETS
from mdgan_tf.hub.pretrained import ChecksumError, PretrainedModelError, sha256_of
from mdgan_tf.hub.shipped import shipped_path

SHIPPED = "mdgan_sky_synthetic_64"
PHOTO = np.random.RandomState(0).randint(0, 256, (37, 53, 3)).astype(np.uint8)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A tiny model directory, as someone would put it on a web server, and its video."""
    import keras
    keras.utils.set_random_seed(5)
    model = MDGAN(MDGANConfig.from_preset("mdgan_tiny"))
    folder = tmp_path_factory.mktemp("site") / "tiny"
    model.save_pretrained(folder)
    return folder, model.generate(PHOTO)


def cached_folders(cache):
    return sorted(p for p in (cache / "models").iterdir()) if (cache / "models").is_dir() else []


@pytest.mark.parametrize("name", [SHIPPED, "mdgan_sky_synthetic_128", "mdgan_sky_wind_128"])
def test_the_shipped_presets_load_by_name_and_match_their_registry_entries(name):
    entry = PRESETS[name]
    folder = shipped_path("savedmodels", entry["weights"])
    config = MDGANConfig.from_preset(name)
    assert MDGANConfig.from_json((folder / "config.json").read_text()) == config
    for file, digest in entry["sha256"].items():
        assert sha256_of(folder / file) == digest
    model = MDGAN.from_pretrained(name)
    video = model.generate(PHOTO)
    size = config.resolution
    assert video.shape == (1, 32, size, size, 3)


def test_the_128_models_g1_moves_the_photo_it_starts_from():
    model = MDGAN.from_pretrained("mdgan_sky_synthetic_128")
    photo = np.asarray(model.generate(PHOTO, stage=1)[0, 0])   # frame 0: the resized photo
    video = model.generate(photo, stage=1)[0].astype(np.float32)
    np.testing.assert_allclose(video[0], photo, atol=1)     # sampled, not repainted
    change = np.abs(np.diff(video, axis=0)).mean() / 255
    assert change > 0.002, change   # the 16 real clips change 0.0094 a frame


def test_the_wind_model_moves_a_photos_sky_the_way_it_is_told():
    from mdgan_tf import PhotoAnimator
    from mdgan_tf.hub.shipped import example_photo
    from mdgan_tf.preprocessing.images import read_image

    animator = PhotoAnimator.from_preset("mdgan_sky_wind_128")
    photo = read_image(example_photo())
    drift = {}
    for wind in (0, 180, None):
        # Pixel p of the last frame shows what the photo has at p + displacement.
        moved = animator.animation(photo, frames=16, max_side=256, wind=wind).forward[-1]
        drift[wind] = float(np.median(moved[..., 0]))
    assert drift[0] < -1 and drift[180] > 1          # right, then left, pixels of the model
    # Told nothing, the speed it chooses is drawn along the horizon, not only the part of
    # it that lies along it (about 0.4 of it).
    assert abs(drift[None]) > 0.7 * min(abs(drift[0]), drift[180])


def test_file_url_is_downloaded_once_then_used_offline(published, cache, tmp_path):
    folder, video = published
    url = folder.as_uri()
    np.testing.assert_array_equal(MDGAN.from_pretrained(url).generate(PHOTO), video)
    [copy] = cached_folders(cache)
    assert sorted(p.name for p in copy.iterdir()) == ["config.json", "model.weights.h5",
                                                      "sha256.json"]
    # With the source gone (offline), the cached copy is used.
    moved = tmp_path / "moved"
    folder.rename(moved)
    try:
        np.testing.assert_array_equal(MDGAN.from_pretrained(url).generate(PHOTO), video)
    finally:
        moved.rename(folder)
    assert cached_folders(cache) == [copy]


def test_http_url_with_the_right_sha256(published, cache):
    folder, video = published
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder.parent)
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/{folder.name}/"
        model = MDGAN.from_pretrained(url, sha256=sha256_of(folder / "model.weights.h5"))
        np.testing.assert_array_equal(model.generate(PHOTO), video)
    finally:
        server.shutdown()


def test_a_checksum_mismatch_caches_nothing(published, cache):
    folder, _ = published
    with pytest.raises(ChecksumError, match=r"model.weights.h5 has SHA-256 \w+, expected 0{64}"):
        MDGAN.from_pretrained(folder.as_uri(), sha256="0" * 64)
    assert cached_folders(cache) == []


def test_a_corrupted_cached_file_is_detected_and_force_download_repairs_it(published, cache):
    folder, video = published
    MDGAN.from_pretrained(folder.as_uri())
    [copy] = cached_folders(cache)
    weights = copy / "model.weights.h5"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ChecksumError, match="cached .*model.weights.h5 is corrupted.*force_download"):
        MDGAN.from_pretrained(folder.as_uri())
    model = MDGAN.from_pretrained(folder.as_uri(), force_download=True)
    np.testing.assert_array_equal(model.generate(PHOTO), video)


def test_a_url_without_the_model_files(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(PretrainedModelError, match=r"could not download .*empty/config.json"):
        MDGAN.from_pretrained((tmp_path / "empty").as_uri())


def test_unknown_names_list_what_exists():
    with pytest.raises(PretrainedModelError, match=f"unknown model 'sky_xl'.*{SHIPPED}"):
        MDGAN.from_pretrained("sky_xl")
    with pytest.raises(PretrainedModelError, match="unsupported URL scheme"):
        MDGAN.from_pretrained("ftp://example.com/model")
    with pytest.raises(FileNotFoundError, match="not a model directory"):
        MDGAN.from_pretrained("./no/such/dir")


def test_a_preset_without_published_weights_says_how_to_get_them():
    with pytest.raises(PretrainedModelError,
                       match="'mdgan_sky_128' has no published weights yet.*mdgan-convert"):
        MDGAN.from_pretrained("mdgan_sky_128")


def test_the_shipped_model_moves_the_sky_and_keeps_the_foreground_still(shipped_model):
    """On synthetic scenes it never saw: the bottom fifth of every frame is foreground
    (`GROUND_FROM`), which never moves in the real clips; the sky does."""
    from mdgan_tf.data import SyntheticSkySource
    from mdgan_tf.data.pipeline import make_dataset
    from mdgan_tf.data.synthetic import GROUND_FROM
    from mdgan_tf.evaluation.metrics import frame_motion

    source = SyntheticSkySource(videos=6, clips_per_video=1, frames=32, size=64, seed=1,
                                version=1)
    real = next(iter(make_dataset(source, 64, 6, shuffle=False))).numpy()
    model = shipped_model
    ground = int(np.ceil(GROUND_FROM * 64))

    def motion(videos, rows):
        return float(np.mean(frame_motion((videos[:, :, rows] + 1) / 2)))

    sky, foreground = slice(0, 24), slice(ground, 64)
    assert motion(real, foreground) == 0 and motion(real, sky) > 0.005
    stage1, stage2 = (model.generate(real[:, 0], stage, value_range=(-1, 1), dtype="float32")
                      for stage in (1, 2))
    for video in (stage1, stage2):
        assert motion(video, sky) > 0.004
        assert motion(video, foreground) < 0.5 * motion(video, sky)


@pytest.fixture(scope="module")
def held_out_photos():
    """First frames of 6 synthetic scenes training never saw (seed 1), in [-1, 1]."""
    from mdgan_tf.data import SyntheticSkySource
    from mdgan_tf.data.pipeline import make_dataset

    source = SyntheticSkySource(videos=6, clips_per_video=1, frames=1, size=64, seed=1,
                                version=1)
    return next(iter(make_dataset(source, 64, 6, shuffle=False)))[:, 0]


@pytest.fixture(scope="module")
def shipped_model():
    return MDGAN.from_pretrained(SHIPPED)


def test_the_shipped_refine_net_keeps_the_photo(shipped_model, held_out_photos):
    """Stage II refines stage I's video rather than redrawing it: its frame 0 is as close
    to the input as stage I's (the first shipped G2 scored 10-19 dB here, G1 27-30 dB)."""
    from mdgan_tf.evaluation.metrics import frame_mse, psnr_from_mse

    model, photos = shipped_model, held_out_photos
    psnr = {stage: float(np.mean(psnr_from_mse(frame_mse(
        (model.generate(photos, stage, value_range=(-1, 1), dtype="float32")[:, :1] + 1) / 2,
        (photos[:, None] + 1) / 2)))) for stage in (1, 2)}
    assert psnr[1] > 26 and psnr[2] > psnr[1] - 1.0, psnr


def test_chained_clips_of_the_shipped_model_meet_without_a_jump(shipped_model, held_out_photos):
    """Across a join, the frame step is at most 1.5 times the mean step within the clips."""
    from mdgan_tf.hub.shipped import example_photo
    from mdgan_tf.preprocessing.images import read_image

    model = shipped_model
    t = model.config.frames
    photos = [read_image(example_photo())] + [(s.numpy() + 1) / 2 for s in held_out_photos[:3]]
    for stage in (1, 2):
        for photo in photos:
            video = model.generate(photo, stage=stage, frames=3 * t - 2)[0].astype(np.float64)
            steps = np.abs(np.diff(video, axis=0)).mean(axis=(1, 2, 3))
            joins = [t - 1, 2 * t - 2]                  # last frame of a clip -> next clip
            within = np.delete(steps, joins)
            assert steps[joins].mean() <= 1.5 * within.mean(), (stage, steps[joins], within.mean())
