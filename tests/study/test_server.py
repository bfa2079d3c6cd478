"""The study's pages through FastAPI's test client, then a real server: raters at once,
and a server killed mid-study."""

import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

import pytest
from fastapi.testclient import TestClient
from study_fixtures import make_folders, serving

from mdgan_tf.study import VoteStore, match_videos, summarise
from mdgan_tf.study.server import study_app


@pytest.fixture
def client(store, comparison):
    return TestClient(study_app(store, comparison))


def start(client, name=""):
    response = client.post("/start", data={"name": name}, follow_redirects=False)
    assert response.status_code == 303
    return response.headers["location"]


def shown_position(page):
    return int(re.search(r'name="position" value="(\d+)"', page).group(1))


@pytest.mark.parametrize("position", [2 ** 63, 2 ** 64, -1])
def test_a_trial_number_out_of_range_is_not_found_and_stores_nothing(client, store, position):
    token = start(client).rsplit("/", 1)[1]
    assert client.get(f"/video/{token}/{position}/left").status_code == 404
    response = client.post(f"/rate/{token}", data={"position": position, "choice": "left"},
                           follow_redirects=False)
    assert response.status_code == 404 and "has no pair" in response.text
    assert store.votes() == []


def test_a_rater_rates_every_pair_and_the_results_count_each_vote(client, store, comparison):
    assert "Start" in client.get("/").text
    page = start(client, "Ann")
    token = page.rsplit("/", 1)[1]
    preferred = []
    for i in range(len(comparison.names)):
        text = client.get(page).text
        assert f"Pair {i + 1} of {len(comparison.names)}" in text
        position = shown_position(text)
        left = client.get(f"/video/{token}/{position}/left").content.decode()
        right = client.get(f"/video/{token}/{position}/right").content.decode()
        # The two sides are the two conditions' videos of one scene; the URLs say neither.
        assert {left.split("/")[0], right.split("/")[0]} == {"stage1", "stage2"}
        assert left.split("/")[1] == right.split("/")[1]
        assert "stage1" not in text and "stage2" not in text
        choice = "left" if i % 3 else "right"
        preferred.append((left if choice == "left" else right).split("/")[0])
        response = client.post(page, data={"position": position, "choice": choice},
                               follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (303, page)
    assert "You have rated 6 pairs" in client.get(page).text
    assert [v["preferred"] for v in store.votes()] == preferred
    results = client.get("/results").text
    share = 100 * preferred.count("stage1") / len(preferred)
    assert re.search(rf"<td>6</td><td>1</td><td>{share:.1f}%", results)
    votes_csv = client.get("/results/votes.csv")
    assert votes_csv.headers["content-type"].startswith("text/csv")
    assert votes_csv.text.count("\n") == 7
    assert "stage1,stage2,6,1" in client.get("/results/summary.csv").text


def test_a_resent_vote_counts_once_and_bad_requests_get_an_error_page(client, store):
    page = start(client)
    position = shown_position(client.get(page).text)
    for _ in range(2):
        client.post(page, data={"position": position, "choice": "left"})
    assert len(store.votes()) == 1
    assert client.post(page, data={"position": position, "choice": "up"}).status_code == 400
    missing = client.get("/rate/not-a-rater")
    assert missing.status_code == 404 and "start again" in missing.text
    assert client.post(page, data={"position": 99, "choice": "left"}).status_code == 404
    assert client.get(f"/video/{page.rsplit('/', 1)[1]}/0/middle").status_code == 404
    assert len(store.votes()) == 1


def test_a_rater_of_another_study_is_not_shown_this_ones_videos(tmp_path, store, comparison):
    token = store.start_rater(comparison)
    other = match_videos(*make_folders(tmp_path / "o", ["x"], ("model", "real")))
    response = TestClient(study_app(store, other)).get(f"/rate/{token}")
    assert response.status_code == 404 and "stage1 vs stage2" in response.text


def post(url, fields):
    """POST a form; the 303 answer (a committed vote) is not followed."""
    class Keep(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    request = urllib.request.Request(url, urllib.parse.urlencode(fields).encode())
    try:
        urllib.request.build_opener(Keep).open(request, timeout=30)
    except urllib.error.HTTPError as answer:
        assert answer.code == 303, answer.read()
        return answer.headers["location"]
    raise AssertionError("no redirect")


def rate(base, count, name):
    page = post(f"{base}/start", {"name": name})
    for i in range(count):
        text = urllib.request.urlopen(base + page, timeout=30).read().decode()
        post(base + page, {"position": shown_position(text),
                           "choice": "left" if i % 2 else "right"})


def test_raters_voting_at_once_on_a_real_server_lose_no_vote(store, comparison, free_port):
    with serving(study_app(store, comparison), free_port()) as base:
        raters = [threading.Thread(target=rate, args=(base, 6, f"r{i}")) for i in range(6)]
        for rater in raters:
            rater.start()
        for rater in raters:
            rater.join()
    votes = store.votes()
    assert len(votes) == 36
    assert sorted({(v["rater"], v["position"]) for v in votes}) == sorted(
        (f"r{i}", p) for i in range(6) for p in range(6))
    assert summarise(votes)[0].raters == 6


def test_votes_survive_the_server_being_killed(tmp_path, free_port):
    a, b = make_folders(tmp_path, ["one", "two", "three"])
    port, db = free_port(), tmp_path / "study.sqlite"
    server = subprocess.Popen(
        [sys.executable, "-m", "mdgan_tf.cli.study", f"--condition_a={a}", f"--condition_b={b}",
         f"--db={db}", f"--port={port}"], stdout=subprocess.PIPE, text=True)
    try:
        assert "Study of 3 pairs, stage1 vs stage2" in server.stdout.readline()
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=5)
                break
            except OSError:
                time.sleep(0.1)
        rate(base, 2, "before the kill")
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
    report = subprocess.run(
        [sys.executable, "-m", "mdgan_tf.cli.study", "--report", f"--db={db}",
         f"--votes_csv={tmp_path / 'votes.csv'}"], capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    assert "stage1 vs stage2: 2 votes from 1 rater" in report.stdout
    assert (tmp_path / "votes.csv").read_text().count("before the kill") == 2
    assert len(VoteStore(db).votes()) == 2


def test_the_study_binary_does_not_load_tensorflow():
    code = ("import sys, mdgan_tf.cli.study, mdgan_tf.study.server; "
            "print('tensorflow' in sys.modules, 'keras' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "False"], result.stderr
