"""What a study found: per pair of conditions, how often each was preferred, with a 95%
confidence interval (Wilson's score interval) and a two-sided exact binomial test of
"neither is preferred" (p = 0.5), and both as CSV."""

import csv
import dataclasses
import datetime
import io

from scipy.stats import binomtest

from mdgan_tf.fileio import write_text_atomic

CONFIDENCE = 0.95
VOTE_COLUMNS = ("id", "rater_id", "rater", "position", "video", "label_a", "label_b", "shown_left",
                "shown_right", "preferred", "cast_at")


@dataclasses.dataclass(frozen=True)
class ConditionResult:
    """Condition a against condition b over `votes` answers; percentages are in 0-100."""

    label_a: str
    label_b: str
    votes: int
    raters: int
    preferred_a: int
    percent_a: float
    ci_a: tuple
    percent_b: float
    ci_b: tuple
    p_value: float


def summarise(votes):
    """One ConditionResult per pair of conditions among `votes` (`VoteStore.votes()`),
    in the order the pairs were first voted on. A pair is the same whichever of its
    conditions was a."""
    groups = {}
    for vote in votes:
        key = frozenset((vote["label_a"], vote["label_b"]))
        groups.setdefault(key, (vote["label_a"], vote["label_b"], []))[2].append(vote)
    return [_result(a, b, group) for a, b, group in groups.values()]


def _result(label_a, label_b, votes):
    wins = sum(vote["preferred"] == label_a for vote in votes)
    test = binomtest(wins, len(votes), 0.5, alternative="two-sided")
    low, high = test.proportion_ci(CONFIDENCE, method="wilson")
    share = wins / len(votes)
    return ConditionResult(
        label_a, label_b, len(votes), len({vote["rater_id"] for vote in votes}), wins,
        100 * share, (100 * low, 100 * high),
        100 * (1 - share), (100 * (1 - high), 100 * (1 - low)),
        float(test.pvalue))


def format_report(results):
    """The results as lines of text, one block per pair of conditions."""
    if not results:
        return "no votes yet"
    lines = []
    for r in results:
        lines += [f"{r.label_a} vs {r.label_b}: {r.votes} votes from {r.raters} "
                  f"rater{'s' * (r.raters != 1)}",
                  f"  {r.label_a} preferred {r.percent_a:.1f}% "
                  f"(95% CI {r.ci_a[0]:.1f}-{r.ci_a[1]:.1f}%)",
                  f"  {r.label_b} preferred {r.percent_b:.1f}% "
                  f"(95% CI {r.ci_b[0]:.1f}-{r.ci_b[1]:.1f}%)",
                  f"  two-sided binomial test against 50%: p = {r.p_value:.4g}"]
    return "\n".join(lines)


def write_summary_csv(path, results):
    rows = [("condition_a", "condition_b", "votes", "raters", "preferred_a", "percent_a",
             "ci95_low_a", "ci95_high_a", "percent_b", "ci95_low_b", "ci95_high_b",
             "p_value")]
    rows += [(r.label_a, r.label_b, r.votes, r.raters, r.preferred_a, f"{r.percent_a:.2f}",
              f"{r.ci_a[0]:.2f}", f"{r.ci_a[1]:.2f}", f"{r.percent_b:.2f}",
              f"{r.ci_b[0]:.2f}", f"{r.ci_b[1]:.2f}", f"{r.p_value:.6g}") for r in results]
    return _write_csv(path, rows)


def write_votes_csv(path, votes):
    """Every vote, its time in UTC (ISO 8601). A rater name that a spreadsheet would run
    as a formula (it starts with = + - or @) is written with a leading apostrophe."""
    def row(vote):
        when = datetime.datetime.fromtimestamp(vote["cast_at"], datetime.timezone.utc)
        name = vote["rater"]
        values = {**vote, "cast_at": when.isoformat(timespec="milliseconds"),
                  "rater": "'" + name if name[:1] in ("=", "+", "-", "@") else name}
        return [values[column] for column in VOTE_COLUMNS]
    return _write_csv(path, [VOTE_COLUMNS] + [row(vote) for vote in votes])


def _write_csv(path, rows):
    """The CSV text; written atomically to `path` unless it is None."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    if path is not None:
        write_text_atomic(path, text.getvalue())
    return text.getvalue()
