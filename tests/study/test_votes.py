import random
import sqlite3

import pytest

from mdgan_tf.study import VoteStore


def answer_all(store, token, choice="left"):
    while (position := store.progress(token)[0]) is not None:
        assert store.vote(token, position, choice)


def test_each_rater_sees_every_pair_once_in_an_own_random_order(store, comparison):
    orders, sides = set(), []
    for seed in range(8):
        token = store.start_rater(comparison, rng=random.Random(seed))
        trials = [store.trial(token, p) for p in range(len(comparison.names))]
        assert sorted(video for video, _ in trials) == comparison.names
        orders.add(tuple(video for video, _ in trials))
        sides += [a_on_left for _, a_on_left in trials]
    assert len(orders) > 1                      # the order is random per rater
    assert 0.25 < sum(sides) / len(sides) < 0.75   # and so is the side of condition a


def test_a_vote_is_stored_with_what_the_rater_saw(store, comparison):
    token = store.start_rater(comparison, "  Ann   Lee ")
    position = store.progress(token)[0]
    video, a_on_left = store.trial(token, position)
    assert store.vote(token, position, "right")
    [vote] = store.votes()
    shown = ("stage1", "stage2") if a_on_left else ("stage2", "stage1")
    assert (vote["rater"], vote["video"], vote["shown_left"], vote["shown_right"]) == (
        "Ann Lee", video, *shown)
    assert vote["preferred"] == shown[1]
    assert store.progress(token) == (position + 1, 1, len(comparison.names))


def test_a_second_answer_to_one_pair_is_not_counted(store, comparison):
    token = store.start_rater(comparison)
    assert store.vote(token, 0, "left")
    assert not store.vote(token, 0, "right")
    assert [v["preferred"] for v in store.votes()] == [store.votes()[0]["shown_left"]]


def test_bad_votes_are_refused(store, comparison):
    token = store.start_rater(comparison)
    with pytest.raises(ValueError, match="choice must be one of"):
        store.vote(token, 0, "middle")
    with pytest.raises(KeyError):
        store.vote(token, 99, "left")
    with pytest.raises(KeyError):
        store.vote("no-such-rater", 0, "left")
    assert store.votes() == []


def test_another_round_repeats_every_pair_after_the_first(store, comparison):
    token = store.start_rater(comparison)
    answer_all(store, token)
    assert store.progress(token)[0] is None
    store.add_round(token, comparison)
    store.add_round(token, comparison)   # resent: still one new round
    count = len(comparison.names)
    assert store.progress(token) == (count, count, 2 * count)
    answer_all(store, token)
    assert len(store.votes()) == 2 * count


def test_the_database_is_in_wal_mode_and_reopens_with_its_votes(tmp_path, comparison):
    path = tmp_path / "study.sqlite"
    token = VoteStore(path).start_rater(comparison)
    VoteStore(path).vote(token, 0, "left")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(VoteStore(path).votes()) == 1


def test_a_file_that_is_not_a_database_is_named(tmp_path):
    path = tmp_path / "study.sqlite"
    path.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(OSError, match="study.sqlite"):
        VoteStore(path)
    with pytest.raises(IsADirectoryError, match="is a folder"):
        VoteStore(tmp_path)
