"""The study's web pages: a start page, one page per pair to rate, and the results.

Plain HTML forms served by FastAPI (which Gradio is built on): each vote is one POST that
the server commits before it answers with the next pair, so a rater's progress lives in
the database, not the browser, and a reload or a restarted server resumes where they were.
Video URLs name the rater's trial and a side, never the condition, so the page source does
not give away which video is which.
"""

import html

from fastapi import FastAPI, Form, HTTPException
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse

from mdgan_tf.study.report import format_report, summarise, write_summary_csv, write_votes_csv
from mdgan_tf.study.votes import CHOICES

QUESTION = "Which looks more like a real time-lapse?"
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
.pair { display: flex; gap: 2rem; justify-content: center; flex-wrap: wrap; }
figure { margin: 0; text-align: center; }
video { width: 320px; height: 320px; background: #000; display: block; margin-bottom: .5rem; }
button { font-size: 1.1rem; padding: .5rem 1.5rem; cursor: pointer; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .3rem .6rem; }
"""


def study_app(store, comparison):
    """The study of `comparison` (`pairs.Comparison`), its votes kept in `store`."""
    app = FastAPI(title="MD-GAN preference study", docs_url=None, redoc_url=None,
                  openapi_url=None)

    def rater_of(token):
        """404 unless `token` is a rater of this study."""
        try:
            rater = store.rater(token)
        except KeyError:
            raise HTTPException(404, "unknown rater: start again from the study's first page")
        if rater[1:] != (comparison.label_a, comparison.label_b):
            raise HTTPException(404, f"this rater took part in the study {rater[1]} vs "
                                     f"{rater[2]}, which this server is not running")

    def check_position(position):
        """404 for a trial number no rater can have: below 0, or past what SQLite's 64-bit
        integers hold (which would fail inside the query, as a 500)."""
        if not 0 <= position < 2 ** 63:
            raise HTTPException(404, f"this rater has no pair {position}")

    @app.exception_handler(HTTPException)
    def error_page(request, error):
        return HTMLResponse(_page("Not found" if error.status_code == 404 else "Error",
                                  f"<p>{html.escape(str(error.detail))}</p>"
                                  f'<p><a href="/">The study\'s first page</a></p>'),
                            error.status_code)

    @app.get("/", response_class=HTMLResponse)
    def start_page():
        return _page("Time-lapse study", f"""
<p>You will see {len(comparison.videos)} pairs of short sky videos. For each pair, choose
the one that looks more like a real time-lapse. There are no right answers; go with your
first impression.</p>
<form method="post" action="/start">
<label>Your name (optional) <input name="name" id="name" maxlength="80"></label>
<button type="submit" id="start">Start</button>
</form>""")

    @app.post("/start")
    def start(name: str = Form("")):
        token = store.start_rater(comparison, name)
        return RedirectResponse(f"/rate/{token}", 303)

    @app.get("/rate/{token}", response_class=HTMLResponse)
    def rate_page(token: str):
        rater_of(token)
        position, answered, total = store.progress(token)
        if position is None:
            return _page("Thank you", f"""
<p id="done">You have rated {answered} pairs. Thank you!</p>
<form method="post" action="/rate/{token}/more">
<button type="submit" id="more">Rate another round</button></form>""")
        videos = "".join(f"""
<figure><video src="/video/{token}/{position}/{side}" autoplay loop muted playsinline></video>
<button type="submit" name="choice" value="{side}" id="choose-{side}">This one</button></figure>"""
                         for side in CHOICES)
        return _page(QUESTION, f"""
<p id="progress">Pair {answered + 1} of {total}</p>
<form method="post" action="/rate/{token}">
<input type="hidden" name="position" value="{position}">
<div class="pair">{videos}</div></form>""")

    @app.post("/rate/{token}")
    def vote(token: str, position: int = Form(...), choice: str = Form(...)):
        rater_of(token)
        check_position(position)
        try:
            store.vote(token, position, choice)
        except ValueError as error:   # not left or right
            raise HTTPException(400, str(error))
        except KeyError:
            raise HTTPException(404, f"this rater has no pair {position}")
        return RedirectResponse(f"/rate/{token}", 303)

    @app.post("/rate/{token}/more")
    def more(token: str):
        rater_of(token)
        store.add_round(token, comparison)
        return RedirectResponse(f"/rate/{token}", 303)

    @app.get("/video/{token}/{position}/{side}")
    def video(token: str, position: int, side: str):
        rater_of(token)
        check_position(position)
        if side not in CHOICES:
            raise HTTPException(404, f"no side {side!r}")
        try:
            name, a_on_left = store.trial(token, position)
            path_a, path_b = comparison.videos[name]
        except KeyError:
            raise HTTPException(404, f"this rater has no pair {position}")
        return FileResponse((path_a if (side == "left") == a_on_left else path_b),
                            headers={"Cache-Control": "no-store"})

    @app.get("/results", response_class=HTMLResponse)
    def results_page():
        results = summarise(store.votes())
        rows = "".join(
            f"<tr><td>{html.escape(r.label_a)}</td><td>{html.escape(r.label_b)}</td>"
            f"<td>{r.votes}</td><td>{r.raters}</td>"
            f"<td>{r.percent_a:.1f}% ({r.ci_a[0]:.1f}-{r.ci_a[1]:.1f})</td>"
            f"<td>{r.percent_b:.1f}% ({r.ci_b[0]:.1f}-{r.ci_b[1]:.1f})</td>"
            f"<td>{r.p_value:.4g}</td></tr>" for r in results)
        return _page("Study results", f"""
<table id="results"><tr><th>condition a</th><th>condition b</th><th>votes</th><th>raters</th>
<th>a preferred (95% CI)</th><th>b preferred (95% CI)</th><th>binomial p</th></tr>
{rows}</table>
<p>Percentages with Wilson 95% confidence intervals; p: two-sided exact binomial test
against 50%.</p>
<p><a href="/results/summary.csv">summary.csv</a> · <a href="/results/votes.csv">votes.csv</a></p>
<pre>{html.escape(format_report(results))}</pre>""")

    @app.get("/results/summary.csv")
    def summary_csv():
        return _csv(write_summary_csv(None, summarise(store.votes())), "summary.csv")

    @app.get("/results/votes.csv")
    def votes_csv():
        return _csv(write_votes_csv(None, store.votes()), "votes.csv")

    return app


def _csv(text, name):
    return PlainTextResponse(text, media_type="text/csv",
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _page(title, body):
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{STYLE}</style></head>
<body><h1>{html.escape(title)}</h1>{body}</body></html>"""
