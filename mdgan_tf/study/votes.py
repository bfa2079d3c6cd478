"""The study's votes in an embedded SQLite database, one transaction per vote.

Write-ahead logging with `synchronous=FULL` makes each committed vote durable before the
page answers, so killing the server (or the machine losing power) loses no vote that a
rater saw accepted. Every call opens its own connection, so each request thread of the
server writes through its own, and SQLite's lock serialises them: raters voting at the
same time wait a few milliseconds for one another, never overwrite.
"""

import contextlib
import random
import secrets
import sqlite3
import time
from pathlib import Path

from mdgan_tf.errors import FolderGivenError, InputError, UnreadableFileError

SCHEMA = """
CREATE TABLE IF NOT EXISTS raters (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    label_a TEXT NOT NULL,
    label_b TEXT NOT NULL,
    started REAL NOT NULL
);
-- What each rater is shown, in order: the pair of one video and which side condition a is on.
CREATE TABLE IF NOT EXISTS trials (
    rater_id INTEGER NOT NULL REFERENCES raters(id),
    position INTEGER NOT NULL,
    video TEXT NOT NULL,
    a_on_left INTEGER NOT NULL,
    PRIMARY KEY (rater_id, position)
);
-- One row per answer; complete on its own, so an export needs no join.
CREATE TABLE IF NOT EXISTS votes (
    id INTEGER PRIMARY KEY,
    rater_id INTEGER NOT NULL,
    rater TEXT NOT NULL,
    position INTEGER NOT NULL,
    video TEXT NOT NULL,
    label_a TEXT NOT NULL,
    label_b TEXT NOT NULL,
    shown_left TEXT NOT NULL,
    shown_right TEXT NOT NULL,
    preferred TEXT NOT NULL,
    cast_at REAL NOT NULL,
    UNIQUE (rater_id, position),
    FOREIGN KEY (rater_id, position) REFERENCES trials(rater_id, position)
);
"""
MAX_NAME = 80
CHOICES = ("left", "right")


class VoteStore:
    """The study database at `path` (created if new). Safe to share between threads and
    between processes on one machine."""

    def __init__(self, path):
        self.path = Path(path)
        if self.path.is_dir():
            raise FolderGivenError(f"{self.path} is a folder; name the study's database file")
        with self._connect() as db:
            mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal":   # a file system without shared memory, for one
                raise UnreadableFileError(
                    f"{self.path}: SQLite cannot use write-ahead logging here "
                    f"(journal mode {mode!r}); put the database on a local disk")
            db.executescript(SCHEMA)

    @contextlib.contextmanager
    def _connect(self):
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as error:
            raise UnreadableFileError(
                f"{self.path}: cannot open the study database ({error})") from error
        try:
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            yield db
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.IntegrityError):
                raise
            raise UnreadableFileError(f"{self.path}: {error}") from error
        finally:
            db.close()

    @contextlib.contextmanager
    def _transaction(self):
        """One write transaction, taking the write lock at its start so that two raters'
        transactions never interleave."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def start_rater(self, comparison, name="", rng=None):
        """A new rater with every pair of `comparison` in random order and random sides;
        returns the rater's token, the key to their page."""
        token = secrets.token_urlsafe(12)
        name = " ".join(str(name or "").split())[:MAX_NAME]
        with self._transaction() as db:
            rater_id = db.execute(
                "INSERT INTO raters (token, name, label_a, label_b, started) "
                "VALUES (?, ?, ?, ?, ?)",
                (token, name, comparison.label_a, comparison.label_b, time.time())).lastrowid
            self._add_round(db, rater_id, comparison.names, 0, rng)
        return token

    def add_round(self, token, comparison, rng=None):
        """Every pair once more, in a new random order, after those the rater has; nothing
        while some are unanswered (so a resent request adds one round, not two)."""
        with self._transaction() as db:
            rater_id = self._rater(db, token)[0]
            trials, votes = db.execute(
                "SELECT (SELECT COUNT(*) FROM trials WHERE rater_id = ?), "
                "(SELECT COUNT(*) FROM votes WHERE rater_id = ?)", (rater_id, rater_id)).fetchone()
            if votes == trials:
                self._add_round(db, rater_id, comparison.names, trials, rng)

    @staticmethod
    def _add_round(db, rater_id, names, first, rng):
        rng = rng or random.SystemRandom()
        order = list(names)
        rng.shuffle(order)
        db.executemany("INSERT INTO trials VALUES (?, ?, ?, ?)",
                       [(rater_id, first + i, video, rng.random() < 0.5)
                        for i, video in enumerate(order)])

    def rater(self, token):
        """(name, label_a, label_b) of a rater; KeyError for a token never given."""
        with self._connect() as db:
            return self._rater(db, token)[1:]

    @staticmethod
    def _rater(db, token):
        row = db.execute("SELECT id, name, label_a, label_b FROM raters WHERE token = ?",
                         (token,)).fetchone()
        if row is None:
            raise KeyError(token)
        return row

    def trial(self, token, position):
        """(video, a_on_left) that the rater's trial `position` shows; KeyError if none."""
        with self._connect() as db:
            row = db.execute(
                "SELECT video, a_on_left FROM trials JOIN raters ON raters.id = rater_id "
                "WHERE token = ? AND position = ?", (token, position)).fetchone()
        if row is None:
            raise KeyError((token, position))
        return row[0], bool(row[1])

    def progress(self, token):
        """(position of the first unanswered trial or None, answered, trials in all)."""
        with self._connect() as db:
            rater_id = self._rater(db, token)[0]
            answered, total = db.execute(
                "SELECT (SELECT COUNT(*) FROM votes WHERE rater_id = ?), "
                "(SELECT COUNT(*) FROM trials WHERE rater_id = ?)",
                (rater_id, rater_id)).fetchone()
            row = db.execute(
                "SELECT MIN(position) FROM trials WHERE rater_id = ? AND position NOT IN "
                "(SELECT position FROM votes WHERE rater_id = ?)",
                (rater_id, rater_id)).fetchone()
        return row[0], answered, total

    def vote(self, token, position, choice):
        """Record that the rater preferred the `choice` ('left' or 'right') video of trial
        `position`. A second answer to the same trial (a double click, a resent form) is
        ignored: returns False; the first answer returns True once it is on disk."""
        if choice not in CHOICES:
            raise InputError(f"choice must be one of {CHOICES}, got {choice!r}")
        with self._transaction() as db:
            rater_id, name, label_a, label_b = self._rater(db, token)
            row = db.execute("SELECT video, a_on_left FROM trials WHERE rater_id = ? AND "
                             "position = ?", (rater_id, position)).fetchone()
            if row is None:
                raise KeyError((token, position))
            video, a_on_left = row
            left, right = (label_a, label_b) if a_on_left else (label_b, label_a)
            cursor = db.execute(
                "INSERT INTO votes (rater_id, rater, position, video, label_a, label_b, "
                "shown_left, shown_right, preferred, cast_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (rater_id, position) DO NOTHING",
                (rater_id, name, position, video, label_a, label_b, left, right,
                 left if choice == "left" else right, time.time()))
            return cursor.rowcount == 1

    def votes(self):
        """Every vote, oldest first, as dicts (see the `votes` table)."""
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute("SELECT * FROM votes ORDER BY id")]
