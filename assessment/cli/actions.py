"""`actions`: an assessment's action plan as CSV or JSON, for other tools."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..reports.actions_export import actions_csv, actions_json
from ..storage import actions as stored
from .shared import assessment


@click.command("actions")
@with_appcontext
@click.option("--assessment", "assessment_id", type=int, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
)
def actions(assessment_id: int, output_format: str) -> None:
    """Print an assessment's actions: id, title, detail, theme, owner, due (ISO 8601),
    measure and status."""
    found = stored.actions_of(assessment(assessment_id))
    if output_format == "csv":
        click.echo(actions_csv(found), nl=False)
    else:
        click.echo(actions_json(found))
