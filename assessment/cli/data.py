"""`purge` and `demo`: what is kept too long goes (data retention), and a demo
council comes in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from .. import bank as banks
from ..config import MAX_RETENTION_DAYS
from ..demo import load_demo
from ..storage import database, retention
from .shared import plural


@click.command("purge")
@click.option(
    "--older-than",
    "days",
    type=int,
    default=None,
    metavar="DAYS",
    help="Delete unsubmitted responses nobody has changed for more than DAYS days "
    "(default: the RETENTION_DAYS setting, which the privacy notice states)",
)
@with_appcontext
def purge(days: int | None) -> None:
    """Delete unsubmitted responses past retention; submitted responses are always kept."""
    if days is None:
        days = current_app.config["RETENTION_DAYS"]
    if not 1 <= days <= MAX_RETENTION_DAYS:
        raise click.ClickException(
            f"--older-than {days}: give a number of days from 1 to {MAX_RETENTION_DAYS}"
        )
    count = retention.purge_unsubmitted(datetime.now(UTC) - timedelta(days=days))
    database.commit()
    click.echo(
        f"Deleted {plural(count, 'unsubmitted response')} "
        f"last changed more than {plural(days, 'day')} ago."
    )


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Load a demo council, leader and assessment with synthetic responses (safe to rerun)."""
    summary = load_demo(banks.shelf())
    database.commit()
    for line in summary:
        click.echo(line)
