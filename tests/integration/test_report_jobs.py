"""A leader's report is prepared by a job, here the in-process worker of `make run`
(no Redis): the link, "Preparing your report", joining, failing, retrying, and who may
see a job and its files."""

from __future__ import annotations

import logging
import time

import pytest

from assessment.reports import chart_export
from assessment.services import report_jobs
from assessment.services.report_cache import ReportCache

from ..page_checks import csrf_token
from ..report_jobs_helper import wait_for_job
from . import report_job_fakes
from .people import make_council, sign_in
from .report_job_fakes import closed_council

LEADER = "lead@jobs.example"


@pytest.fixture
def exporter(monkeypatch):
    fast = report_job_fakes.FastExporter()
    monkeypatch.setattr(chart_export, "exporter", lambda: fast)
    return fast


@pytest.fixture
def closed(app, clean_database, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "REPORT_CACHE_DIR", str(tmp_path / "reports"))
    return closed_council(app, "jobshire", LEADER)


def _link(council) -> str:
    return f"/assessments/{council.assessment_id}/report.pdf"


def test_the_link_starts_a_job_whose_page_then_offers_the_pdf(client, closed, exporter):
    sign_in(client, LEADER)
    response = client.get(_link(closed))
    assert response.status_code == 303
    job_page = response.headers["Location"]
    page = client.get(job_page).get_data(as_text=True)
    assert "Preparing your report" in page
    assert 'aria-live="polite"' in page

    status = wait_for_job(client, job_page)
    assert status["state"] == "done" and status["status"] == "Your report is ready"
    document, councillors = status["documents"]
    assert document["text"] == "The report for cabinet (PDF)" and not document["partial"]
    assert councillors["text"] == "Summary for councillors (PDF)" and not councillors["partial"]
    finished_page = client.get(job_page).get_data(as_text=True)
    assert document["url"] in finished_page and councillors["url"] in finished_page
    pdf = client.get(document["url"])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    summary = client.get(councillors["url"])
    assert summary.status_code == 200 and summary.data.startswith(b"%PDF")
    assert "councillors-summary" in summary.headers["Content-Disposition"]
    assert summary.data != pdf.data
    assert exporter.calls > 0 and exporter.outside_a_report_worker == 0

    again = client.get(_link(closed))  # made already: the file at once, from the cache
    assert again.status_code == 200 and again.data == pdf.data


def test_while_running_the_page_says_what_it_is_doing_and_asking_again_joins(
    client, closed, exporter
):
    sign_in(client, LEADER)
    exporter.held()
    job_page = client.get(_link(closed)).headers["Location"]
    assert exporter.drawing.wait(30)
    status = client.get(f"{job_page}/status").get_json()
    assert status["state"] == "running"
    assert status["status"].startswith("Drawing charts (1 of ")
    page = client.get(job_page).get_data(as_text=True)
    assert "Check again" in page and 'method="get"' in page
    assert 'http-equiv="refresh"' not in page

    joined = client.get(_link(closed))
    assert joined.status_code == 303 and joined.headers["Location"] == job_page
    exporter.hold.set()
    assert wait_for_job(client, job_page)["state"] == "done"
    calls = exporter.calls
    assert client.get(_link(closed)).status_code == 200
    assert exporter.calls == calls  # one job made it, the joined request made nothing


def test_a_job_waits_its_turn_behind_another(app, client, closed, exporter):
    other = closed_council(app, "otherjobshire", "lead@other.example")
    leader = app.test_client()
    sign_in(leader, "lead@other.example")
    exporter.held()
    first = leader.get(_link(other)).headers["Location"]
    assert exporter.drawing.wait(30)

    sign_in(client, LEADER)
    second = client.get(_link(closed)).headers["Location"]
    status = client.get(f"{second}/status").get_json()
    assert (status["state"], status["status"]) == ("queued", "Waiting for its turn")
    exporter.hold.set()
    assert wait_for_job(leader, first)["state"] == "done"
    assert wait_for_job(client, second)["state"] == "done"


def test_a_job_that_crashes_says_so_and_trying_again_makes_the_report(
    client, closed, exporter, monkeypatch, caplog
):
    def crash(html):
        raise OSError("the PDF renderer was killed")

    sign_in(client, LEADER)
    with monkeypatch.context() as patch:
        patch.setattr(report_jobs, "render_pdf", crash)
        job_page = client.get(_link(closed)).headers["Location"]
        with caplog.at_level(logging.ERROR):
            status = wait_for_job(client, job_page)
    assert status["state"] == "failed"
    assert status["problem"] == "Something went wrong while it was being prepared."
    assert "the PDF renderer was killed" in caplog.text
    page = client.get(job_page)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Your report could not be prepared" in text and "Try again" in text

    retried = client.post(f"{job_page}/retry", data={"csrf_token": csrf_token(text)})
    assert retried.status_code == 303 and retried.headers["Location"] == job_page
    assert wait_for_job(client, job_page)["state"] == "done"


def test_trying_again_needs_the_forms_token(client, closed, exporter):
    sign_in(client, LEADER)
    job_page = client.get(_link(closed)).headers["Location"]
    wait_for_job(client, job_page)
    assert client.post(f"{job_page}/retry").status_code == 400


def test_a_job_past_its_deadline_has_failed_is_logged_and_can_be_tried_again(
    app, client, closed, exporter, monkeypatch, caplog
):
    sign_in(client, LEADER)
    exporter.held()
    job_page = client.get(_link(closed)).headers["Location"]
    assert exporter.drawing.wait(30)
    monkeypatch.setitem(app.config, "REPORT_DEADLINE", 0)
    time.sleep(0.01)
    with caplog.at_level(logging.WARNING):
        status = client.get(f"{job_page}/status").get_json()
    assert status["state"] == "failed"
    assert status["problem"] == "Preparing it took too long, so it was stopped."
    assert "passed its deadline" in caplog.text
    exporter.hold.set()  # the stuck job ends at last; the retry then runs
    monkeypatch.setitem(app.config, "REPORT_DEADLINE", 300)
    token = csrf_token(client.get(job_page).get_data(as_text=True))
    assert client.post(f"{job_page}/retry", data={"csrf_token": token}).status_code == 303
    assert wait_for_job(client, job_page)["state"] == "done"


def test_charts_that_cannot_be_drawn_still_give_a_report_saying_so(client, closed, monkeypatch):
    broken = chart_export.ChartExporter(chromium="/nonexistent/chromium")
    monkeypatch.setattr(chart_export, "exporter", lambda: broken)
    sign_in(client, LEADER)
    job_page = client.get(_link(closed)).headers["Location"]
    status = wait_for_job(client, job_page)
    assert status["state"] == "done" and status["documents"][0]["partial"]
    assert "Some charts could not be drawn" in client.get(job_page).get_data(as_text=True)
    assert client.get(status["documents"][0]["url"]).data.startswith(b"%PDF")
    # Not kept as the report: the next request tries the charts again.
    assert client.get(_link(closed)).status_code == 303


def test_another_councils_leader_gets_404_for_the_job_and_its_files(app, client, closed, exporter):
    sign_in(client, LEADER)
    job_page = client.get(_link(closed)).headers["Location"]
    status = wait_for_job(client, job_page)
    file_url = status["documents"][0]["url"]

    make_council(app, "nosyshire", "lead@nosy.example")
    nosy = app.test_client()
    sign_in(nosy, "lead@nosy.example")
    token = csrf_token(nosy.get("/assessments/new").get_data(as_text=True))
    for url in (job_page, f"{job_page}/status", file_url):
        assert nosy.get(url).status_code == 404, url
    assert nosy.post(f"{job_page}/retry", data={"csrf_token": token}).status_code == 404


def test_made_up_job_ids_and_download_links_are_404(app, client, closed, exporter):
    other = make_council(app, "elsewhereshire", "lead@elsewhere.example")
    sign_in(client, LEADER)
    job_page = client.get(_link(closed)).headers["Location"]
    status = wait_for_job(client, job_page)
    base = f"/assessments/{closed.assessment_id}/report"
    job_id = job_page.rsplit("/", 1)[1]
    key = status["documents"][0]["url"].split("/")[-2]
    for url in (
        f"{base}/report-{other.assessment_id}-en-{'0' * 32}",  # another assessment's name
        f"{base}/{job_id.replace('report-', 'report-9')}",
        f"{base}/{job_id[:-1]}0/status",
        f"{base}/en/{'f' * 64}/report.pdf",  # forged key
        f"{base}/en/{key}/minutes.pdf",  # no such document
        f"{base}/xx/{key}/report.pdf",  # no such language
        f"{base}/en/{key[:-1]}/report.pdf",
        f"{base}/en/{key}-partial/report.pdf",  # a partial copy that was never made
        f"/assessments/{other.assessment_id}/report/en/{key}/report.pdf",  # not its key
    ):
        assert client.get(url).status_code == 404, url


def test_a_download_link_of_results_since_changed_is_404_even_while_its_file_is_there(
    app, client, closed, exporter
):
    """The link's copy may show a comment since hidden: it is never sent again."""
    sign_in(client, LEADER)
    status = wait_for_job(client, client.get(_link(closed)).headers["Location"])
    url = status["documents"][0]["url"]
    language, key = url.split("/")[-3:-1]
    stale = "1" * 64
    cache = ReportCache(app.config["REPORT_CACHE_DIR"])
    pdf = cache.get(closed.assessment_id, "report", language, key)
    (cache.folder / f"assessment-{closed.assessment_id}-report-{language}-{stale}.pdf").write_bytes(
        pdf
    )
    assert client.get(url.replace(key, stale)).status_code == 404
    assert client.get(url).status_code == 200


def test_job_state_is_in_files_any_web_process_reads(app, client, closed, exporter):
    sign_in(client, LEADER)
    job_page = client.get(_link(closed)).headers["Location"]
    wait_for_job(client, job_page)
    job_id = job_page.rsplit("/", 1)[1]
    saved = ReportCache(app.config["REPORT_CACHE_DIR"]).folder / "jobs" / f"{job_id}.json"
    assert '"state": "done"' in saved.read_text()
    # A process that never ran it (a fresh queue for the same app) reads the same state.
    from assessment.services import report_queue_files

    assert report_queue_files.FileReportQueue(app).get(job_id).state == "done"
