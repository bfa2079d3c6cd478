"""The paper's pairwise preference study (section 4.4) as a tool: raters see two videos of
one scene and pick the more realistic; votes go to SQLite and the report gives preference
percentages with confidence intervals and a binomial test.

It needs no model: any two folders of videos made from the same photos can be compared.
"""

from mdgan_tf.study.pairs import Comparison, match_videos
from mdgan_tf.study.report import (
    ConditionResult, format_report, summarise, write_summary_csv, write_votes_csv,
)
from mdgan_tf.study.votes import VoteStore

__all__ = ["Comparison", "ConditionResult", "VoteStore", "format_report", "match_videos",
           "summarise", "write_summary_csv", "write_votes_csv"]
