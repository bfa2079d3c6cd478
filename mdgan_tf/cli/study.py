"""mdgan-study: a pairwise preference study of two sets of videos, as in the paper's
section 4.4, and its report.

    mdgan-study --condition_a videos/stage1 --condition_b videos/stage2   # serve the study
    mdgan-study --report --csv summary.csv --votes_csv votes.csv          # what raters said

The two folders hold videos (.mp4 or .webm) made from the same photos, matched by file
name: make them with `mdgan-generate --images_dir photos/ --stage 1 --output videos/stage1`
(and --stage 2), or put real clips in one. Raters open the printed address; every vote is
committed to --db (SQLite, write-ahead log) before the next pair shows.
"""

from absl import app, flags

from mdgan_tf.cli.runner import needs_extra, run_main

FLAGS = flags.FLAGS
flags.DEFINE_string("condition_a", None, "Folder of .mp4 or .webm videos of one condition.")
flags.DEFINE_string("condition_b", None, "Folder of .mp4 or .webm videos of the other, with "
                    "the same file names.")
flags.DEFINE_list("labels", None, "The two conditions' names, as 'stage I,stage II' "
                  "(default: the folders' names).")
flags.DEFINE_string("db", "study.sqlite", "The study's SQLite database (created if new).")
flags.DEFINE_string("host", "127.0.0.1", "Address to serve on; 0.0.0.0 for other machines.")
flags.DEFINE_integer("port", 7861, "Port to serve on.", lower_bound=0, upper_bound=65535)
flags.DEFINE_boolean("report", False, "Print the results of --db instead of serving.")
flags.DEFINE_string("csv", None, "--report: also write the results as CSV here.")
flags.DEFINE_string("votes_csv", None, "--report: also write every vote as CSV here.")


def report(study):
    store = study.VoteStore(FLAGS.db)
    votes = store.votes()
    results = study.summarise(votes)
    print(study.format_report(results))
    if FLAGS.csv:
        study.write_summary_csv(FLAGS.csv, results)
    if FLAGS.votes_csv:
        study.write_votes_csv(FLAGS.votes_csv, votes)


def main():
    with needs_extra("mdgan-study", "study"):
        import uvicorn

        from mdgan_tf import study
        from mdgan_tf.study.server import study_app
    if FLAGS.report:
        if FLAGS.condition_a or FLAGS.condition_b:
            raise app.UsageError("--report reads --db only; leave out the folders")
        return report(study)
    if FLAGS.csv or FLAGS.votes_csv:
        raise app.UsageError("--csv and --votes_csv go with --report")
    if not (FLAGS.condition_a and FLAGS.condition_b):
        raise app.UsageError("give --condition_a and --condition_b (or --report)")
    comparison = study.match_videos(FLAGS.condition_a, FLAGS.condition_b, FLAGS.labels)
    store = study.VoteStore(FLAGS.db)
    print(f"Study of {len(comparison.videos)} pairs, {comparison.label_a} vs "
          f"{comparison.label_b}: http://{FLAGS.host}:{FLAGS.port}/ (results at /results; "
          f"votes in {FLAGS.db})", flush=True)
    uvicorn.run(study_app(store, comparison), host=FLAGS.host, port=FLAGS.port,
                log_level="warning")


def run():
    run_main(main, tensorflow=False)


if __name__ == "__main__":
    run()
