"""Video files: the GIF palette keeps still regions still and colours close."""

import av
import numpy as np
import pytest

from mdgan_tf.inference import write_video


def test_gif_keeps_still_pixels_identical_across_frames(tmp_path):
    rng = np.random.RandomState(0)
    frames = np.repeat(rng.randint(0, 256, (1, 40, 50, 3)).astype(np.uint8), 12, axis=0)
    y, x = np.mgrid[0:20, 0:50]
    for t in range(len(frames)):   # the top half moves: a gradient that drifts
        frames[t, :20] = np.stack([(x * 5 + t * 9) % 256, y * 12, (x + y + t * 20) % 256], -1)
    write_video(tmp_path / "clip.gif", frames)
    with av.open(str(tmp_path / "clip.gif")) as container:
        decoded = np.stack([f.to_ndarray(format="rgb24") for f in container.decode(video=0)])
    assert decoded.shape == frames.shape
    still = decoded[:, 20:].astype(int)
    assert np.abs(np.diff(still, axis=0)).max() == 0          # no flicker where nothing moves
    # Random noise is the worst case for 256 colours: Pillow's median cut gives 11.9 here
    # (k-means 8.9); a broken palette gives errors near 100.
    assert np.abs(decoded.astype(int) - frames).mean() < 16
    assert np.abs(np.diff(decoded[:, :20].astype(int), axis=0)).mean() > 1   # the rest moves


def test_fast_encoding_keeps_the_frames_and_changes_the_encoder_settings(tmp_path):
    y, x = np.mgrid[0:48, 0:64]
    frames = np.stack([np.stack([(x * 4 + t * 6) % 256, y * 5, (x + y) % 256], -1)
                       for t in range(16)]).astype(np.uint8)
    decoded, settings = {}, {}
    for fast in (False, True):
        path = write_video(tmp_path / f"fast_{fast}.mp4", frames, 16, fast=fast)
        with av.open(str(path)) as container:
            decoded[fast] = np.stack([f.to_ndarray(format="rgb24")
                                      for f in container.decode(video=0)])
        # x264 writes the settings it ran with into the stream.
        settings[fast] = path.read_bytes().split(b"options: ")[1].split(b"\x00")[0]
    for fast in (False, True):
        assert decoded[fast].shape == frames.shape
        assert np.abs(decoded[fast].astype(int) - frames).mean() < 4
    assert b"subme=2" in settings[True] and b"subme=7" in settings[False]   # veryfast, medium


class _Endless:
    """A frame sequence with a shape that fails if a frame is asked for."""
    shape = (10_000, 2000, 3000, 3)

    def __len__(self):
        return self.shape[0]

    def __iter__(self):
        raise AssertionError("a frame was made")


def test_a_gif_too_large_to_hold_is_refused_before_any_frame_is_made(tmp_path):
    with pytest.raises(ValueError, match=r"a GIF of 10,000 frames at 3000x2000 .* over the "
                                         r"limit of 2,048 MB"):
        write_video(tmp_path / "huge.gif", _Endless())
    assert list(tmp_path.iterdir()) == []
