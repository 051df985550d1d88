"""`worker`: a report worker on Redis, run beside gunicorn (README, "Reports")."""

from __future__ import annotations

import click
import redis
from flask import current_app
from flask.cli import with_appcontext
from rq import Queue, SimpleWorker

from ..reports import chart_export


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
@with_appcontext
def worker(burst: bool) -> None:
    """Prepare leaders' PDF reports from the Redis queue (needs REDIS_URL)."""
    url = current_app.config["REDIS_URL"]
    if not url:
        raise click.ClickException(
            "REDIS_URL is not set: without Redis, each web process prepares reports itself"
        )
    connection = redis.Redis.from_url(url)
    queue = Queue(current_app.config["REPORT_QUEUE"], connection=connection)
    # SimpleWorker runs each job in this process rather than a fork per job, so the one
    # Chromium the chart exporter keeps is started once and serves every job after.
    # RQ's job timeout (REPORT_DEADLINE) still applies: it interrupts the job by SIGALRM.
    with chart_export.report_worker():
        SimpleWorker([queue], connection=connection).work(burst=burst)
