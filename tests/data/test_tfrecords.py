"""TFRecord packing: what is read back is what was packed."""

import json

import numpy as np
import pytest

from mdgan_tf.data import (
    DataError, SkyTimelapseSource, SyntheticSkySource, TFRecordSource, make_dataset,
    open_source, split_by_video, write_sky_layout, write_tfrecords,
)
from mdgan_tf.data.tfrecords import MANIFEST

T = 4


def clips_of(source, resolution=32):
    return np.concatenate(list(make_dataset(source, resolution, 3, shuffle=False)))


@pytest.fixture
def synthetic():
    return SyntheticSkySource(videos=3, clips_per_video=2, frames=T, size=32, seed=5)


def test_pack_then_read_gives_the_source_clips(tmp_path, synthetic):
    manifest = write_tfrecords(synthetic, tmp_path / "packed", shards=2)
    assert manifest["image_format"] == "png" and len(manifest["shards"]) == 2
    packed = open_source(tmp_path / "packed", frames=T)
    assert isinstance(packed, TFRecordSource)
    assert [(c.video_id, c.start) for c in packed.clips] == [
        (c.video_id, c.start) for c in synthetic.clips]
    assert np.array_equal(clips_of(packed), clips_of(synthetic))


def test_folder_frames_are_copied_byte_for_byte(tmp_path, synthetic):
    write_sky_layout(synthetic, tmp_path / "folders")
    folders = SkyTimelapseSource(tmp_path / "folders", frames=T)
    assert write_tfrecords(folders, tmp_path / "packed")["image_format"] == "as-is"
    packed = TFRecordSource(str(tmp_path / "packed" / "*.tfrecord"), frames=T)
    assert np.array_equal(clips_of(packed, 16), clips_of(folders, 16))


def test_reading_without_a_manifest_scans_the_records(tmp_path, synthetic):
    write_tfrecords(synthetic, tmp_path, shards=3)
    (tmp_path / MANIFEST).unlink()
    scanned = TFRecordSource(tmp_path, frames=T)
    assert [(c.video_id, c.start) for c in scanned.clips] == [
        (c.video_id, c.start) for c in synthetic.clips]
    assert np.array_equal(clips_of(scanned), clips_of(synthetic))


def test_a_split_of_packed_clips_reads_only_its_videos(tmp_path, synthetic):
    write_tfrecords(synthetic, tmp_path, shards=2)
    packed = TFRecordSource(tmp_path, frames=T)
    parts = split_by_video(packed, {"train": 2 / 3, "test": 1 / 3}, seed=0)
    test_videos = parts["test"].videos()
    assert len(test_videos) == 1
    expected = synthetic.subset(test_videos)
    assert np.array_equal(clips_of(parts["test"]), clips_of(expected))
    shuffled = np.concatenate(list(make_dataset(parts["train"], 32, 8, shuffle=True, seed=1)))
    assert len(shuffled) == 4


def test_pack_refuses_a_packed_folder_and_reader_checks_frames(tmp_path, synthetic):
    write_tfrecords(synthetic, tmp_path)
    with pytest.raises(FileExistsError, match="already holds"):
        write_tfrecords(synthetic, tmp_path)
    with pytest.raises(DataError, match="holds clips of \\[4\\] frames; 8 are needed"):
        TFRecordSource(tmp_path, frames=8)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert sum(len(s["clips"]) for s in manifest["shards"]) == 6
    with pytest.raises(DataError, match="no TFRecord shards"):
        TFRecordSource(tmp_path / "nothing-*.tfrecord")


def test_pack_at_a_lower_resolution_as_jpeg(tmp_path, synthetic):
    write_tfrecords(synthetic, tmp_path, resolution=16, image_format="jpeg")
    packed = TFRecordSource(tmp_path, frames=T)
    small = clips_of(packed, 16)
    assert small.shape == (6, T, 16, 16, 3)
    assert np.abs(small - clips_of(synthetic, 16)).mean() < 0.05


def test_a_folder_whose_name_looks_like_a_glob_is_read_as_a_folder(tmp_path, synthetic):
    folder = tmp_path / "run [x]*"
    write_tfrecords(synthetic, folder, shards=2)
    assert len(open_source(folder, frames=T).clips) == len(synthetic.clips)
    assert len(open_source(folder / "clips-00000-of-00002.tfrecord", frames=T).clips) > 0
