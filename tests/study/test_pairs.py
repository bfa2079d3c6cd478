import logging

import pytest
from study_fixtures import make_folders

from mdgan_tf.study import match_videos


def test_videos_are_matched_by_name_whatever_their_suffix(tmp_path):
    a, b = make_folders(tmp_path, ["one", "two"])
    (b / "two.mp4").rename(b / "two.webm")
    comparison = match_videos(a, b)
    assert (comparison.label_a, comparison.label_b) == ("stage1", "stage2")
    assert comparison.names == ["one", "two"]
    assert comparison.videos["two"] == (a / "two.mp4", b / "two.webm")


def test_a_video_in_one_folder_only_is_left_out_with_a_warning(tmp_path, caplog):
    a, b = make_folders(tmp_path, ["one", "two"])
    (a / "extra.mp4").write_bytes(b"x")
    (a / "notes.txt").write_text("not a video")
    with caplog.at_level(logging.WARNING):
        comparison = match_videos(a, b, labels=["model", "real"])
    assert comparison.names == ["one", "two"]
    assert (comparison.label_a, comparison.label_b) == ("model", "real")
    assert "1 videos are in only one folder" in caplog.text and "extra" in caplog.text


@pytest.mark.parametrize("case, message", [
    ("nothing shared", "no videos of the same name"),
    ("same labels", "two different, non-empty labels"),
    ("two of one name", "two videos are named 'one'"),
    ("not a folder", "not a folder of videos"),
])
def test_unusable_folders_are_refused_with_the_reason(tmp_path, case, message):
    a, b = make_folders(tmp_path, ["one"])
    labels = None
    if case == "nothing shared":
        (b / "one.mp4").rename(b / "other.mp4")
    elif case == "same labels":
        labels = ["x", "x"]
    elif case == "two of one name":
        (a / "one.webm").write_bytes(b"x")
    else:
        b = tmp_path / "missing"
    with pytest.raises((ValueError, OSError), match=message):
        match_videos(a, b, labels)
