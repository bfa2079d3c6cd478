"""Atomic writes: a reader sees the old target or the whole new one; a failure leaves the
target as it was and no temporary behind."""

import json

import numpy as np
import pytest

from mdgan_tf.fileio import atomic_path, publish_directory, write_text_atomic
from mdgan_tf.inference import write_video


class DiskFull(OSError):
    def __init__(self):
        super().__init__(28, "No space left on device")


def test_a_file_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "scores.json"
    write_text_atomic(target, json.dumps({"psnr": 21}))
    with pytest.raises(DiskFull):
        with atomic_path(target) as temporary:
            temporary.write_text('{"psnr": 2')
            raise DiskFull()
    assert json.loads(target.read_text()) == {"psnr": 21}
    assert [p.name for p in tmp_path.iterdir()] == ["scores.json"]


def test_a_folder_is_replaced_whole(tmp_path):
    target = tmp_path / "frames"
    for contents in (["a", "b", "c"], ["d"]):
        with atomic_path(target, directory=True) as temporary:
            for name in contents:
                (temporary / name).write_text(name)
    assert sorted(p.name for p in target.iterdir()) == ["d"]
    assert [p.name for p in tmp_path.iterdir()] == ["frames"]


def test_the_loser_of_a_race_to_publish_a_folder_is_told(tmp_path):
    target = tmp_path / "model"
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "weights").write_text(name)
    publish_directory(tmp_path / "first", target, overwrite=False)
    with pytest.raises(FileExistsError):
        publish_directory(tmp_path / "second", target, overwrite=False)
    assert (target / "weights").read_text() == "first"


def test_a_part_of_the_path_that_is_a_file_is_named(tmp_path):
    (tmp_path / "notes").write_text("")
    with pytest.raises(NotADirectoryError, match="notes is a file, not a folder"):
        with atomic_path(tmp_path / "notes" / "out.json"):
            pass


@pytest.mark.parametrize("name", ["clip.mp4", "clip.gif", "frames"])
def test_a_video_cut_short_by_a_full_disk_leaves_the_old_one(tmp_path, monkeypatch, name):
    import av
    import tensorflow as tf

    frames = np.random.RandomState(0).randint(0, 256, (6, 16, 16, 3)).astype(np.uint8)
    target = write_video(tmp_path / name, frames)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    written = []

    def fail_on_the_third_frame(*args, **kwargs):
        written.append(1)
        if len(written) == 3:
            raise DiskFull()
        return real(*args, **kwargs)

    if name == "frames":
        real = tf.io.write_file
        monkeypatch.setattr(tf.io, "write_file", fail_on_the_third_frame)
    else:
        real = av.container.OutputContainer.mux
        monkeypatch.setattr(av.container.OutputContainer, "mux", fail_on_the_third_frame)
    with pytest.raises(DiskFull):
        write_video(target, frames[::-1])
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
