"""Report jobs on Redis: the web process queues them on RQ and never starts Chromium; a
report worker (`flask --app assessment worker`, here in burst mode in this process)
makes them. Redis gone: a clear page, never a 500."""

from __future__ import annotations

import os
import uuid

import plotly.graph_objects as go
import pytest
import redis
from rq import Queue

from assessment import create_app
from assessment.reports import chart_export

from ..page_checks import CheckedClient, csrf_token
from . import report_job_fakes
from .people import sign_in
from .report_job_fakes import closed_council

LEADER = "lead@queue.example"
# The tests' app settings that an app of their own on Redis shares.
SHARED_SETTINGS = ("APP_ENV", "TESTING", "SECRET_KEY", "SESSION_COOKIE_SECURE", "BASE_URL")
SHARED_SETTINGS += ("SQLALCHEMY_DATABASE_URI", "QUESTION_BANK_PATH")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="module")
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        reason = f"Redis tests skipped: cannot reach {REDIS_URL}: {error}"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Redis tests, but {reason}")
        pytest.skip(reason)
    return REDIS_URL


def _app_on(app, url: str, tmp_path):
    """An app on the same database as the tests', preparing reports on its own RQ queue."""
    queue = f"reports-test-{uuid.uuid4().hex[:12]}"  # parallel runs never share a queue
    on_redis = create_app(
        {key: app.config[key] for key in SHARED_SETTINGS}
        | {"REDIS_URL": url, "REPORT_QUEUE": queue, "REPORT_CACHE_DIR": str(tmp_path)}
    )
    on_redis.test_client_class = CheckedClient
    return on_redis


@pytest.fixture
def queued_app(app, clean_database, redis_url, tmp_path):
    on_redis = _app_on(app, redis_url, tmp_path)
    yield on_redis
    chart_export.only_in_report_workers(False)  # this process is the tests', not a web one
    connection = redis.Redis.from_url(redis_url)
    queue = Queue(on_redis.config["REPORT_QUEUE"], connection=connection)
    for job_id in queue.get_job_ids():
        connection.delete(f"rq:job:{job_id}")
    queue.delete(delete_jobs=True)


@pytest.fixture
def exporter(monkeypatch):
    fast = report_job_fakes.FastExporter()
    monkeypatch.setattr(chart_export, "exporter", lambda: fast)
    return fast


@pytest.fixture
def leader(queued_app):
    closed = closed_council(queued_app, "queueshire", LEADER)
    client = queued_app.test_client()
    sign_in(client, LEADER)
    return client, f"/assessments/{closed.assessment_id}/report.pdf"


def _work(app) -> None:
    """One report worker, as `flask --app assessment worker` runs, until the queue is empty."""
    result = app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code == 0, result.output


def test_a_queued_job_is_joined_then_made_by_the_worker_and_offered(queued_app, leader, exporter):
    client, link = leader
    job_page = client.get(link).headers["Location"]
    status = client.get(f"{job_page}/status").get_json()
    assert (status["state"], status["status"]) == ("queued", "Waiting for its turn")
    assert "Check again" in client.get(job_page).get_data(as_text=True)
    assert client.get(link).headers["Location"] == job_page  # joined, not queued twice
    assert len(Queue(queued_app.config["REPORT_QUEUE"], connection=_redis()).job_ids) == 1
    assert exporter.calls == 0  # the web process drew nothing

    _work(queued_app)
    status = client.get(f"{job_page}/status").get_json()
    assert status["state"] == "done" and status["status"] == "Your report is ready"
    assert exporter.calls > 0 and exporter.outside_a_report_worker == 0
    pdf = client.get(status["documents"][0]["url"])
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert client.get(link).data == pdf.data  # from the cache, no job


def test_a_web_process_with_report_workers_refuses_to_export_a_chart(queued_app):
    exporter = chart_export.ChartExporter(chromium="/nonexistent/chromium")
    with pytest.raises(chart_export.ChartExportError, match="report workers"):
        exporter.svg(go.Figure(go.Bar(x=["a"], y=[1])))
    with chart_export.report_worker(), pytest.raises(chart_export.ChartExportError) as inside:
        exporter.svg(go.Figure(go.Bar(x=["a"], y=[1])))
    assert "no Chromium" in str(inside.value)  # allowed to try: the browser is what is missing
    assert exporter.starts == 0


def test_a_failed_job_says_so_and_trying_again_queues_it_anew(
    queued_app, leader, exporter, monkeypatch
):
    client, link = leader
    from assessment.services import report_jobs

    def crash(html):
        raise OSError("killed")

    monkeypatch.setattr(report_jobs, "render_pdf", crash)
    job_page = client.get(link).headers["Location"]
    _work(queued_app)
    page = client.get(job_page).get_data(as_text=True)
    assert "Your report could not be prepared" in page
    assert "Something went wrong while it was being prepared." in page

    monkeypatch.undo()
    monkeypatch.setattr(chart_export, "exporter", lambda: exporter)
    retried = client.post(f"{job_page}/retry", data={"csrf_token": csrf_token(page)})
    assert retried.headers["Location"] == job_page
    assert client.get(f"{job_page}/status").get_json()["state"] == "queued"
    _work(queued_app)
    assert client.get(f"{job_page}/status").get_json()["state"] == "done"


def test_another_council_cannot_see_a_queued_job(queued_app, leader, exporter):
    client, link = leader
    job_page = client.get(link).headers["Location"]
    closed_council(queued_app, "peekshire", "lead@peek.example")
    nosy = queued_app.test_client()
    sign_in(nosy, "lead@peek.example")
    assert nosy.get(job_page).status_code == 404
    assert nosy.get(f"{job_page}/status").status_code == 404


def test_redis_unreachable_gives_a_clear_page_never_a_500(app, clean_database, tmp_path):
    gone = _app_on(app, "redis://127.0.0.1:1/0", tmp_path)  # nothing listens on port 1
    try:
        closed = closed_council(gone, "downshire", "lead@down.example")
        client = gone.test_client()
        sign_in(client, "lead@down.example")
        base = f"/assessments/{closed.assessment_id}/report"
        response = client.get(f"{base}.pdf")
        assert response.status_code == 503
        page = response.get_data(as_text=True)
        assert "Your report could not be prepared" in page and "Try again" in page
        job = f"{base}/report-{closed.assessment_id}-en-{'0' * 32}"
        assert client.get(job).status_code == 503  # Redis gone mid-job: the same page
        assert client.get(f"{job}/status").get_json()["state"] == "failed"
    finally:
        chart_export.only_in_report_workers(False)


def test_the_worker_refuses_to_start_without_redis(app, app_context):
    result = app.test_cli_runner().invoke(args=["worker"])
    assert result.exit_code == 1
    assert "REDIS_URL is not set" in result.output


def _redis() -> redis.Redis:
    return redis.Redis.from_url(REDIS_URL)


def test_a_job_past_the_deadline_is_stopped_by_the_worker_and_says_so(queued_app, leader, exporter):
    client, link = leader
    queued_app.config["REPORT_DEADLINE"] = 1  # RQ's job timeout: the worker stops it
    exporter.held()  # a chart that never comes
    job_page = client.get(link).headers["Location"]
    _work(queued_app)
    queued_app.config["REPORT_DEADLINE"] = 300
    status = client.get(f"{job_page}/status").get_json()
    assert status["state"] == "failed"
    assert status["problem"] == "Preparing it took too long, so it was stopped."
