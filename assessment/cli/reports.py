"""`results` and `report`: an assessment's results as data, and its PDF for leaders."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..framework.results_contract import results_json, write_results_csv
from ..reports import chart_export
from ..services import closing
from ..services.change import since_last_round
from ..services.report import councillors_pdf, report_pdf
from ..storage import assessments, database, snapshots
from .shared import assessment, bank_of

DOCUMENTS = {"report": report_pdf, "councillors": councillors_pdf}


@click.command("results")
@with_appcontext  # as AppGroup commands are: app.cli alone pushes no app context
@click.option("--assessment", "assessment_id", type=int, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
)
def results(assessment_id: int, output_format: str) -> None:
    """Print an assessment's results, suppressed under its anonymity threshold.

    Scored live from the responses submitted so far, even while the assessment is
    open: this is an operator's tool. Leaders' pages, downloads and PDF show only the
    results stored when the assessment was closed."""
    found = assessment(assessment_id)
    made_with = bank_of(found)
    scored = snapshots.live_results(found, made_with)
    change = since_last_round(found, made_with, None)  # live, as the results are
    if output_format == "json":
        questions = snapshots.live_questions(found, made_with, scored)
        info = assessments.assessment_info(found)
        document = results_json(made_with, scored, info, questions=questions, change=change)
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        write_results_csv(made_with, scored, sys.stdout, change)


@click.command("report")
@click.option("--assessment", "assessment_id", type=int, required=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="Where to write the PDF, e.g. report.pdf",
)
@click.option(
    "--document",
    type=click.Choice(sorted(DOCUMENTS)),
    default="report",
    show_default=True,
    help="report: the full report for leaders; councillors: the two-page summary for councillors",
)
@with_appcontext
def report(assessment_id: int, output: Path, document: str) -> None:
    """Write an assessment's PDF report for leaders, or its summary for councillors."""
    found = assessment(assessment_id)
    snapshot = closing.shown_snapshot(found, bank_of(found))
    if snapshot is None:
        raise click.ClickException(
            f"assessment {found.id} is open: its report is made once it is closed"
        )
    database.commit()  # a snapshot made now, for an assessment closed before they were kept
    with chart_export.report_worker():  # the operator's command is its own report worker
        pdf = DOCUMENTS[document](found, snapshot)
    try:
        output.write_bytes(pdf)
    except OSError as error:
        raise click.ClickException(
            f"{output}: cannot write the report ({error.strerror})"
        ) from None
    click.echo(f"Wrote {output} ({len(pdf):,} bytes)")
