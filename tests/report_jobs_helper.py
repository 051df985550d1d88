"""Following a leader's report download to the file: the link, the job, the PDF."""

from __future__ import annotations

import time

JOB_WAIT = 180  # seconds: a cold Chromium and a full report on a busy test machine


def wait_for_job(client, job_page: str, wait: float = JOB_WAIT) -> dict:
    """The job's status once it has finished or failed."""
    deadline = time.monotonic() + wait
    while True:
        status = client.get(f"{job_page}/status").get_json()
        if status["state"] in ("done", "failed"):
            return status
        if time.monotonic() > deadline:
            raise AssertionError(f"the report job at {job_page} was still {status} after {wait}s")
        time.sleep(0.05)


def download_report(client, url: str, document: int = 0):
    """The response to the report link once its job is done: the PDF (or whatever page
    the link answers with when it is not a job, such as another council's 404)."""
    response = client.get(url)
    if response.status_code != 303:
        return response
    status = wait_for_job(client, response.headers["Location"])
    assert status["state"] == "done", status
    return client.get(status["documents"][document]["url"])
