import pytest
from study_fixtures import make_folders

from mdgan_tf.study import VoteStore, match_videos


@pytest.fixture
def comparison(tmp_path):
    return match_videos(*make_folders(tmp_path, [f"sky{i:02d}" for i in range(6)]))


@pytest.fixture
def store(tmp_path):
    return VoteStore(tmp_path / "study.sqlite")
