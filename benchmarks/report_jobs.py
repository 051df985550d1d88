"""The download page while reports render: how long a leader waits for the first response
to the report link (and to "Preparing your report") while a report job is drawing and
laying out, with no Redis, so the job runs on a thread of the same web process and
competes with it. Three runs, each with an empty cache; medians of each run's figures.

With Redis and a report worker (production), benchmarks/report_queue.py measures.
"""

from __future__ import annotations

import statistics
import tempfile
import time

from assessment.demo import LEADER_EMAIL, LEADER_PASSWORD

from .http_throughput import _token
from .setup import demo_app

WHILE_RENDERING = 10  # requests timed while a report is being made


def measure(runs: int = 3) -> list[dict[str, float]]:
    found = []
    with demo_app() as app:
        client = app.test_client()
        token = _token(client.get("/auth/sign-in").get_data(as_text=True))
        client.post(
            "/auth/sign-in",
            data={"csrf_token": token, "email": LEADER_EMAIL, "password": LEADER_PASSWORD},
        )
        link = f"/assessments/{_demo_assessment_id(app)}/report.pdf"
        for _ in range(runs):
            app.config["REPORT_CACHE_DIR"] = tempfile.mkdtemp()
            found.append(_one_run(client, link))
    return found


def _one_run(client, link: str) -> dict[str, float]:
    started = time.perf_counter()
    response = client.get(link)  # starts the job
    first = time.perf_counter() - started
    job_page = response.headers["Location"]
    link_times, page_times = [], []
    while len(page_times) < WHILE_RENDERING:
        state = client.get(f"{job_page}/status").get_json()["state"]
        if state not in ("queued", "running"):
            break
        link_times.append(_seconds(lambda: client.get(link)))  # joins the job
        page_times.append(_seconds(lambda: client.get(job_page)))
        time.sleep(0.2)
    while client.get(f"{job_page}/status").get_json()["state"] in ("queued", "running"):
        time.sleep(0.2)
    return {
        "report link, first response, starting the job (ms)": first * 1000,
        "report link while a report renders, median (ms)": statistics.median(link_times) * 1000,
        "report link while a report renders, worst (ms)": max(link_times) * 1000,
        "preparing page while a report renders, median (ms)": statistics.median(page_times) * 1000,
    }


def _seconds(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def _demo_assessment_id(app) -> int:
    from assessment.demo import ASSESSMENT_TITLE
    from assessment.storage import assessments, councils

    with app.app_context():
        council = councils.council_by_slug("exampleshire")
        return next(
            a.id for a in assessments.assessments_for(council) if a.title == ASSESSMENT_TITLE
        )


if __name__ == "__main__":
    samples = measure()
    for name in samples[0]:
        print(f"{name:55} {statistics.median(s[name] for s in samples):10.2f}")
