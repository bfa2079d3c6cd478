import csv
import io
import math

import pytest

from mdgan_tf.study import format_report, summarise, write_summary_csv, write_votes_csv


def votes(wins_a, wins_b, a="stage1", b="stage2", raters=3):
    return [{"id": i, "rater_id": i % raters, "rater": "", "position": i, "video": f"v{i}",
             "label_a": a, "label_b": b, "shown_left": a, "shown_right": b,
             "preferred": a if i < wins_a else b, "cast_at": 1.8e9 + i}
            for i in range(wins_a + wins_b)]


def exact_two_sided_p(k, n):
    """Sum of the Binomial(n, 1/2) probabilities no larger than that of k."""
    probability = [math.comb(n, i) / 2 ** n for i in range(n + 1)]
    return min(1.0, sum(p for p in probability if p <= probability[k] * (1 + 1e-7)))


def wilson(k, n, z=1.959964):
    centre = (k + z * z / 2) / (n + z * z)
    half = z / (n + z * z) * math.sqrt(k * (n - k) / n + z * z / 4)
    return 100 * (centre - half), 100 * (centre + half)


@pytest.mark.parametrize("wins_a, wins_b", [(15, 5), (10, 10), (0, 7), (33, 67)])
def test_percentages_intervals_and_p_values_match_their_formulas(wins_a, wins_b):
    [result] = summarise(votes(wins_a, wins_b))
    n = wins_a + wins_b
    assert (result.votes, result.raters, result.preferred_a) == (n, 3, wins_a)
    assert result.percent_a == pytest.approx(100 * wins_a / n)
    assert result.percent_a + result.percent_b == pytest.approx(100)
    assert result.ci_a == pytest.approx(wilson(wins_a, n), abs=1e-4)
    assert result.ci_b == pytest.approx(wilson(wins_b, n), abs=1e-4)
    assert result.p_value == pytest.approx(exact_two_sided_p(wins_a, n), rel=1e-6)


def test_15_of_20_is_significant_and_10_of_20_is_not():
    assert summarise(votes(15, 5))[0].p_value == pytest.approx(0.04139, abs=1e-5)
    assert summarise(votes(10, 10))[0].p_value == pytest.approx(1.0)


def test_each_pair_of_conditions_is_reported_once_whichever_came_first():
    swapped = votes(2, 1, a="stage2", b="stage1")
    results = summarise(votes(3, 1) + swapped + votes(4, 0, a="model", b="real"))
    assert [(r.label_a, r.label_b, r.votes, r.preferred_a) for r in results] == [
        ("stage1", "stage2", 7, 4), ("model", "real", 4, 4)]
    text = format_report(results)
    assert "stage1 vs stage2: 7 votes from 3 raters" in text
    assert "model preferred 100.0%" in text and "p = 0.125" in text
    assert format_report([]) == "no votes yet"


def test_csv_exports_carry_every_vote_and_every_pair(tmp_path):
    all_votes = votes(3, 2)
    all_votes[1]["rater"] = "=HYPERLINK(1)"
    rows = list(csv.DictReader(io.StringIO(write_votes_csv(tmp_path / "v.csv", all_votes))))
    assert [row["preferred"] for row in rows] == [v["preferred"] for v in all_votes]
    assert rows[0]["cast_at"] == "2027-01-15T08:00:00.000+00:00"
    assert rows[1]["rater"] == "'=HYPERLINK(1)"   # not run as a formula by a spreadsheet
    assert (tmp_path / "v.csv").read_text().count("\n") == 6
    [row] = csv.DictReader(io.StringIO(write_summary_csv(None, summarise(all_votes))))
    assert (row["condition_a"], row["votes"], row["percent_a"]) == ("stage1", "5", "60.00")
