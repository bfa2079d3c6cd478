"""The tf.data builder and the splits: shapes, order, shuffling, crop, and no leaks."""

import numpy as np
import pytest

from mdgan_tf.data import DataError, SyntheticSkySource, make_dataset, split_by_video
from mdgan_tf.data.pipeline import square_frames


@pytest.fixture(scope="module")
def source():
    return SyntheticSkySource(videos=20, clips_per_video=2, frames=4, size=(24, 40), seed=2)


def test_batches_have_the_model_shape(source):
    batches = list(make_dataset(source, 16, batch_size=16, shuffle=False))
    assert [b.shape[0] for b in batches] == [16, 16, 8]
    assert batches[0].shape[1:] == (4, 16, 16, 3)
    dropped = list(make_dataset(source, 16, batch_size=16, shuffle=False, drop_remainder=True))
    assert len(dropped) == 2


def test_shuffle_changes_the_order_each_epoch_not_the_clips(source):
    ordered = np.concatenate(list(make_dataset(source, 16, 40, shuffle=False)))
    first, second = (b.numpy() for b in make_dataset(source, 16, 40, shuffle=True, seed=3, epochs=2))
    assert not np.array_equal(first, ordered) and not np.array_equal(first, second)

    def by_content(clips):
        return sorted(clip.tobytes() for clip in clips)

    assert by_content(first) == by_content(ordered) == by_content(second)
    again = np.concatenate(list(make_dataset(source, 16, 40, shuffle=True, seed=3)))
    assert np.array_equal(again, first)


def test_centre_crop_keeps_the_middle_square():
    frame = np.zeros((1, 20, 40, 3), np.uint8)
    frame[:, :, 10:30] = 255
    assert np.array_equal(square_frames(20, crop=True)(frame).numpy(), np.full((1, 20, 20, 3), 255.0))
    plain = square_frames(20)(frame).numpy()
    assert plain.min() == 0.0 and plain.max() == 255.0


def test_splits_share_no_video_and_cover_all(source):
    parts = split_by_video(source, seed=4)
    videos = {name: set(part.videos()) for name, part in parts.items()}
    assert sum(len(v) for v in videos.values()) == 20
    assert set.union(*videos.values()) == set(source.videos())
    assert not (videos["train"] & videos["validation"] or videos["train"] & videos["test"]
                or videos["validation"] & videos["test"])
    assert all(len(part.videos()) >= 1 for part in parts.values())
    for part in parts.values():   # clips follow their video
        assert all(c.video_id in set(part.videos()) for c in part.clips)
    assert sum(len(p) for p in parts.values()) == len(source)
    assert {n: p.videos() for n, p in split_by_video(source, seed=4).items()} == {
        n: p.videos() for n, p in parts.items()}


def test_bad_split_and_empty_source_are_refused(source):
    with pytest.raises(ValueError, match="sum to 1"):
        split_by_video(source, {"train": 0.5})
    with pytest.raises(DataError, match="no clips"):
        make_dataset(source.subset([]), 16, 4)


@pytest.mark.parametrize("packed", [False, True])
def test_skip_resumes_the_stream_where_it_stopped(source, packed, tmp_path):
    """Batches 3.. of a run equal a run started with skip = 3 batches, across epochs."""
    if packed:
        from mdgan_tf.data import TFRecordSource, write_tfrecords
        write_tfrecords(source, tmp_path, shards=3)
        source = TFRecordSource(tmp_path, frames=4)
    whole = make_dataset(source, 16, 6, shuffle=True, seed=5, epochs=None)
    batches = [b.numpy() for _, b in zip(range(10), whole)]
    resumed = make_dataset(source, 16, 6, shuffle=True, seed=5, epochs=None, skip=3 * 6)
    for expected, got in zip(batches[3:], resumed):
        assert np.array_equal(expected, got.numpy())
    # 10 batches of 6 span two epochs of 40 clips, in two different orders.
    firsts = np.concatenate(batches)[:, 0, 0, 0, 0]
    assert not np.array_equal(firsts[:20], firsts[40:60])
