"""mdgan-export: a TF Serving SavedModel that needs no mdgan_tf and returns generate's videos."""

import base64
import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from mdgan_tf import MDGAN, MDGANConfig
from mdgan_tf.generation.export import export_saved_model

ROOT = Path(__file__).resolve().parents[2]
TINY = MDGANConfig.from_preset("mdgan_tiny")

# Runs in a fresh interpreter in which importing mdgan_tf fails, as on a serving machine.
LOAD_AND_SERVE = textwrap.dedent("""
    import json, sys
    sys.modules["mdgan_tf"] = None
    import numpy as np
    import tensorflow as tf

    export_dir, folder = sys.argv[1], sys.argv[2]
    served = tf.saved_model.load(export_dir)
    photos = [open(f"{folder}/photo{i}.png", "rb").read() for i in range(2)]
    videos = served.signatures["serving_default"](images=tf.constant(photos))["videos"]
    np.save(f"{folder}/served.npy", videos.numpy())
    frames = np.load(f"{folder}/frames.npy")
    floats = served.signatures["generate_from_frames"](frames=tf.constant(frames))["videos"]
    np.save(f"{folder}/served_float.npy", floats.numpy())
    try:
        served.signatures["serving_default"](images=tf.constant([b"not an image"]))
        garbage = "accepted"
    except tf.errors.InvalidArgumentError:
        garbage = "InvalidArgumentError"
    again = served.signatures["serving_default"](images=tf.constant(photos[:1]))["videos"]
    print(json.dumps({"garbage": garbage, "still_serving": bool(
        np.array_equal(again.numpy()[0], videos.numpy()[0]))}))
""")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    import keras
    keras.utils.set_random_seed(11)
    model = MDGAN(TINY)
    folder = tmp_path_factory.mktemp("export")
    export_dir = export_saved_model(model, folder / "tiny" / "1")
    rng = np.random.RandomState(0)
    photos = [rng.randint(0, 256, size).astype(np.uint8) for size in ((45, 61, 3), (20, 20, 3))]
    return model, export_dir, folder, photos


def test_the_export_serves_generates_videos_without_mdgan_tf(exported):
    model, export_dir, folder, photos = exported
    for i, photo in enumerate(photos):
        (folder / f"photo{i}.png").write_bytes(tf.io.encode_png(photo).numpy())
    frames = np.random.RandomState(1).uniform(-1, 1, (3, 27, 19, 3)).astype(np.float32)
    np.save(folder / "frames.npy", frames)
    result = subprocess.run([sys.executable, "-c", LOAD_AND_SERVE, str(export_dir), str(folder)],
                            capture_output=True, text=True, cwd=folder)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"garbage": "InvalidArgumentError", "still_serving": True}
    served = np.load(folder / "served.npy")
    assert served.dtype == np.uint8
    for i, photo in enumerate(photos):
        np.testing.assert_array_equal(served[i], model.generate(photo)[0])
    expected = model.generate(frames, value_range=(-1, 1), dtype="float32")
    np.testing.assert_allclose(np.load(folder / "served_float.npy"), expected, atol=1e-5)


def test_saved_model_cli_lists_both_signatures(exported):
    export_dir = exported[1]
    result = subprocess.run(
        [sys.executable, "-m", "tensorflow.python.tools.saved_model_cli", "show", "--all",
         "--dir", str(export_dir)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "signature_def['serving_default']" in result.stdout
    assert "signature_def['generate_from_frames']" in result.stdout
    assert "dtype: DT_STRING" in result.stdout and "dtype: DT_UINT8" in result.stdout


def test_export_needs_a_fresh_numeric_version_folder(exported, tmp_path):
    model, export_dir = exported[:2]
    (tmp_path / "a_file").write_text("")
    with pytest.raises(NotADirectoryError, match="a_file is a file, not a folder"):
        export_saved_model(model, tmp_path / "a_file" / "1")
    with pytest.raises(ValueError, match="numeric version folder"):
        export_saved_model(model, tmp_path / "tiny" / "latest")
    with pytest.raises(FileExistsError, match="already holds an export"):
        export_saved_model(model, export_dir)


def load_example(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "examples" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_rest_body_and_grpc_request_carry_the_photos(exported):
    """What TF Serving does with each request: decode the instances, run the signature."""
    model, export_dir, _, photos = exported
    client = load_example("serving_client")
    encoded = [tf.io.encode_png(photo).numpy() for photo in photos]
    served = tf.saved_model.load(str(export_dir))
    body = json.loads(json.dumps(client.rest_body(encoded)))
    signature = served.signatures[body["signature_name"]]
    images = [base64.b64decode(instance["b64"]) for instance in body["instances"]]
    response = {"predictions": signature(images=tf.constant(images))["videos"].numpy().tolist()}
    videos = client.videos_from_rest(response)
    for video, photo in zip(videos, photos):
        np.testing.assert_array_equal(video, model.generate(photo)[0])

    pytest.importorskip("tensorflow_serving.apis.predict_pb2")
    request = client.grpc_request(encoded, "mdgan")
    assert (request.model_spec.name, request.model_spec.signature_name) == ("mdgan",
                                                                            "serving_default")
    tensor = tf.make_ndarray(request.inputs["images"])
    assert list(tensor) == encoded
    np.testing.assert_array_equal(signature(images=tf.constant(tensor))["videos"].numpy(), videos)


def test_requests_are_checked_before_decoding_and_turned_upright(exported, tmp_path,
                                                                   png_header):
    from PIL import Image

    from mdgan_tf.preprocessing.images import read_image

    model, export_dir, _, photos = exported
    serve = tf.saved_model.load(str(export_dir)).signatures
    with pytest.raises(tf.errors.InvalidArgumentError, match="over the limit of 50,000,000"):
        serve["serving_default"](images=tf.constant([png_header(20000, 20000)]))
    with pytest.raises(tf.errors.InvalidArgumentError, match="NaN or infinite"):
        serve["generate_from_frames"](frames=tf.fill([1, 8, 8, 3], float("nan")))
    exif = Image.Exif()
    exif[0x0112] = 6   # stored sideways, shown turned 90 degrees clockwise
    Image.fromarray(photos[0]).save(tmp_path / "phone.jpg", exif=exif, quality=95)
    served = serve["serving_default"](images=tf.constant([(tmp_path / "phone.jpg").read_bytes()]))
    np.testing.assert_array_equal(served["videos"].numpy()[0],
                                  model.generate(read_image(tmp_path / "phone.jpg"))[0])

    small = export_saved_model(model, tmp_path / "small" / "1", max_pixels=1000)
    serve_small = tf.saved_model.load(str(small)).signatures["serving_default"]
    assert serve_small(images=tf.constant([tf.io.encode_png(photos[1]).numpy()]))["videos"].shape[0] == 1
    with pytest.raises(tf.errors.InvalidArgumentError, match="over the limit of 1,000"):
        serve_small(images=tf.constant([tf.io.encode_png(photos[0]).numpy()]))


def test_a_failed_export_leaves_nothing_in_the_watched_folder(exported, tmp_path, monkeypatch):
    model = exported[0]

    def fail_halfway(module, export_dir, signatures):
        (Path(export_dir) / "variables").mkdir(parents=True)
        (Path(export_dir) / "saved_model.pb.tmp123").write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tf.saved_model, "save", fail_halfway)
    with pytest.raises(OSError, match="No space left"):
        export_saved_model(model, tmp_path / "tiny" / "1")
    assert list((tmp_path / "tiny").iterdir()) == []


def test_a_moving_g1s_export_serves_its_velocities_for_the_photo_size_video(tmp_path):
    """`motion_from_images`: what a client needs to move the photo itself as mdgan-generate
    does; a painting G1's export has no such signature."""
    import keras

    from mdgan_tf.generation.export import signatures
    from mdgan_tf.animation.rendering import PhotoAnimation

    keras.utils.set_random_seed(5)
    model = MDGAN(TINY.replace(base_head={"type": "warp"}))
    last = model.base_generator.get_layer("deconv4")
    kernel = np.random.RandomState(3).normal(300, 100, last.get_weights()[0].shape)
    last.set_weights([kernel.astype(np.float32)])
    photo = np.random.RandomState(4).randint(0, 256, (40, 56, 3)).astype(np.uint8)
    served = tf.saved_model.load(str(export_saved_model(model, tmp_path / "warp" / "1")))
    assert set(served.signatures) == set(signatures(model)) == {
        "serving_default", "generate_from_frames", "motion_from_images"}
    out = served.signatures["motion_from_images"](images=tf.constant([
        tf.io.encode_png(photo).numpy()]))
    velocities = out["velocities"].numpy()
    assert velocities.shape == (1, TINY.frames, TINY.resolution, TINY.resolution, 2)
    assert np.abs(velocities).mean() > 0.01
    np.testing.assert_allclose(velocities[0, 1:], model.motion(photo), atol=1e-4)
    stage1 = model.generate(photo, stage=1)[0].astype(int)
    assert np.abs(out["videos"].numpy()[0].astype(int) - stage1).max() <= 1   # rounding
    client = np.stack(list(PhotoAnimation(photo, velocities[0, 1:], drift=True)))
    np.testing.assert_array_equal(client, model.animate(photo, max_side=None))
    assert signatures(MDGAN(TINY)) == ("serving_default", "generate_from_frames")


def test_a_g1_told_the_wind_is_served_told_none_with_its_changes(tmp_path):
    import keras

    keras.utils.set_random_seed(6)
    model = MDGAN(TINY.replace(base_head={"type": "warp_change"}, wind_condition=True))
    last = model.base_generator.get_layer("deconv4")
    last.set_weights([np.random.RandomState(3).normal(0, 1, w.shape).astype(np.float32)
                      for w in last.get_weights()])
    photo = np.random.RandomState(4).randint(0, 256, (40, 56, 3)).astype(np.uint8)
    served = tf.saved_model.load(str(export_saved_model(model, tmp_path / "wind" / "1")))
    out = served.signatures["motion_from_images"](images=tf.constant([
        tf.io.encode_png(photo).numpy()]))
    np.testing.assert_allclose(out["velocities"].numpy()[0, 1:], model.motion(photo),
                               atol=1e-4)
    steps, change = model.animator.motion_and_change(photo)
    changes = out["changes"].numpy()[0]
    assert np.abs(changes).max() > 0.01
    np.testing.assert_allclose(np.diff(changes, axis=0), change, atol=1e-4)
    videos = served.signatures["serving_default"](images=tf.constant([
        tf.io.encode_png(photo).numpy()]))["videos"].numpy()[0].astype(int)
    assert np.abs(videos - model.generate(photo)[0]).max() <= 1
