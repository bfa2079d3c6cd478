"""Video files: the GIF palette keeps still regions still and colours close."""

import av
import numpy as np

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
