"""A rater in headless Chromium casts 20 votes; the database and the report hold exactly
those 20. Run with --browser (README)."""

import random

import pytest
from selenium.webdriver.common.by import By
from study_fixtures import make_folders, serving

from mdgan_tf.study import match_videos, summarise
from mdgan_tf.study.server import study_app

pytestmark = pytest.mark.browser
PAIRS = 10   # two rounds make the 20 votes


def playing(wait, selector):
    """Wait until every video on the page has frames and is playing."""
    wait(lambda b: b.execute_script(
        f"const v = [...document.querySelectorAll({selector!r})];"
        "return v.length > 0 && v.every(x => x.readyState >= 2 && !x.paused "
        "&& x.videoWidth > 0);"))


def test_twenty_votes_in_a_browser_are_twenty_votes_in_the_report(browser, wait, tmp_path, store,
                                                                  free_port, screenshots):
    comparison = match_videos(*make_folders(tmp_path, [f"sky{i}" for i in range(PAIRS)],
                                            playable=True))
    clicks = random.Random(0).choices(["left", "right"], k=2 * PAIRS)
    with serving(study_app(store, comparison), free_port()) as base:
        browser.get(base)
        browser.save_screenshot(str(screenshots / "study_start.png"))
        browser.find_element(By.ID, "name").send_keys("Browser rater")
        browser.find_element(By.ID, "start").click()
        for i, side in enumerate(clicks):
            if i == PAIRS:
                assert "You have rated 10 pairs" in browser.find_element(By.ID, "done").text
                browser.find_element(By.ID, "more").click()
            wait(lambda b: f"Pair {i + 1} of " in b.find_element(By.ID, "progress").text)
            playing(wait, "video")
            if i == 0:
                browser.save_screenshot(str(screenshots / "study_pair.png"))
            browser.find_element(By.ID, f"choose-{side}").click()
        wait(lambda b: b.find_elements(By.ID, "done"))
        browser.get(f"{base}/results")
        browser.save_screenshot(str(screenshots / "study_results.png"))
        cells = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#results td")]
    votes = store.votes()
    assert len(votes) == 20
    assert [v["position"] for v in votes] == list(range(20))
    assert [v["preferred"] == v[f"shown_{side}"] for v, side in zip(votes, clicks)] == [True] * 20
    [result] = summarise(votes)
    assert cells[:4] == ["stage1", "stage2", "20", "1"]
    assert cells[4].startswith(f"{result.percent_a:.1f}%")
