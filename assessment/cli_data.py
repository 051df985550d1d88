"""Data retention and data rights (UK GDPR) at the command line: purge what is kept
too long, erase an assessment or a council, and export a council's data.

The commands join the groups in cli.py: `flask --app assessment purge`,
`... assessments delete`, `... councils delete` and `... councils export`.
"""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from .cli import _assessment, _bank
from .config import MAX_RETENTION_DAYS
from .framework.model import Bank
from .framework.responses_csv import DONT_KNOW
from .framework.results_contract import results_json
from .framework.snapshot import texts
from .framework.snapshot import to_dict as snapshot_dict
from .reports.exports import results_csv
from .storage import comments, queries, snapshots
from .storage.models import Assessment, Council
from .web.admin import erase_assessment, erase_council

_BOM = "\ufeff"  # so Excel opens the CSV files as UTF-8; the import accepts it

AnswerRow = tuple[str, str, dict[str, Any]]


def register(cli: AppGroup, councils: AppGroup, assessments: AppGroup) -> None:
    cli.add_command(purge)
    assessments.add_command(assessments_delete)
    councils.add_command(councils_delete)
    councils.add_command(councils_export)


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
    count = queries.purge_unsubmitted(datetime.now(UTC) - timedelta(days=days))
    queries.commit()
    click.echo(
        f"Deleted {_plural(count, 'unsubmitted response')} "
        f"last changed more than {_plural(days, 'day')} ago."
    )


@click.command("delete")
@click.argument("assessment_id", type=int)
@click.option("--yes", is_flag=True, help="Confirm: it cannot be undone")
@with_appcontext
def assessments_delete(assessment_id: int, yes: bool) -> None:
    """Delete an assessment and every response to it, for good."""
    assessment = _assessment(assessment_id)
    held = queries.holdings_of_assessment(assessment)
    responses = _plural(held.responses, "response")
    what = f"assessment {assessment.id} ({assessment.title}) and {responses}"
    if not yes:
        raise click.ClickException(f"this deletes {what} for good; add --yes to do it")
    erase_assessment(assessment)
    queries.commit()
    click.echo(f"Deleted {what}.")


@click.command("delete")
@click.argument("slug")
@click.option("--yes", is_flag=True, help="Confirm: it cannot be undone")
@with_appcontext
def councils_delete(slug: str, yes: bool) -> None:
    """Delete a council with its leaders, its assessments and every response, for good."""
    council = _council(slug)
    held = queries.holdings_of_council(council)
    what = (
        f"council {council.slug} with {_plural(held.assessments, 'assessment')}, "
        f"{_plural(held.responses, 'response')} and {_plural(held.leaders, 'leader account')}"
    )
    if not yes:
        raise click.ClickException(f"this deletes {what} for good; add --yes to do it")
    erase_council(council)
    queries.commit()
    click.echo(f"Deleted {what}.")


@click.command("export")
@click.argument("slug")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the archive, e.g. exampleshire.zip",
)
@with_appcontext
def councils_export(slug: str, output: Path) -> None:
    """Write all of a council's data to one zip archive: JSON, and CSV files per assessment."""
    council = _council(slug)
    archive = council_archive(council, _bank())
    try:
        output.write_bytes(archive)
    except OSError as error:
        raise click.ClickException(
            f"{output}: cannot write the archive ({error.strerror})"
        ) from None
    click.echo(f"Wrote {output} ({len(archive):,} bytes)")


def council_archive(council: Council, bank: Bank) -> bytes:
    """council.json, and per assessment its results CSV and its anonymised responses CSV."""
    buffer = io.BytesIO()
    document = {
        "exported_at": datetime.now(UTC).isoformat(),
        "council": {
            "slug": council.slug,
            "name": council.name,
            "created_at": council.created_at.isoformat(),
        },
        "leaders": [
            {"email": user.email, "created_at": user.created_at.isoformat()}
            for user in queries.leaders_of(council)
        ],
        "assessments": [],
    }
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for assessment in reversed(queries.assessments_for(council)):
            files = {
                "results_csv": f"assessment-{assessment.id}-results.csv",
                "responses_csv": f"assessment-{assessment.id}-responses.csv",
            }
            scored = snapshots.live_results(assessment, bank)
            archive.writestr(files["results_csv"], results_csv(bank, scored))
            answers = queries.submitted_answers(assessment)
            archive.writestr(files["responses_csv"], responses_csv(bank, answers))
            document["assessments"].append(_assessment_document(assessment, bank, scored, files))
        archive.writestr("council.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return buffer.getvalue()


def _assessment_document(
    assessment: Assessment, bank: Bank, scored, files: dict[str, str]
) -> dict[str, Any]:
    started, submitted = queries.response_counts(assessment)
    shown = snapshots.stored(assessment)
    return {
        "id": str(assessment.id),
        "title": assessment.title,
        "status": assessment.status,
        "anonymity_threshold": assessment.anonymity_threshold,
        "bank_version": assessment.bank_version,
        "created_at": assessment.created_at.isoformat(),
        "responses": {"started": started, "submitted": submitted},
        "files": files,
        "results": results_json(bank, scored, queries.assessment_info(assessment)),
        # Every comment, held and hidden ones too (a data-rights request asks for all
        # that is held), each marked: by theme, alphabetical, not who wrote them.
        "comments": comments.archived(assessment),
        # What the council's leaders were shown, as stored when the assessment closed.
        "results_snapshot": None if shown is None else _snapshot_document(shown),
    }


def _snapshot_document(snapshot) -> dict[str, Any]:
    document = snapshot_dict(snapshot)
    # Without the entry ids: neighbouring ids tell which comments one person wrote,
    # which the shuffled responses file is careful not to.
    document["comments"] = {theme_id: texts(snapshot, theme_id) for theme_id in snapshot.comments}
    return document


def responses_csv(bank: Bank, rows: Sequence[AnswerRow]) -> bytes:
    """Submitted responses in the `responses import` format (FRAMEWORK.md, Responses CSV).

    Each row is one person's role, service area and answers: the rows are shuffled
    and numbered afresh, so neither the respondent id nor the order says who or when.
    """
    in_bank = [question.id for question in bank.questions]
    # Questions an older bank asked, so nothing stored is left out.
    retired = sorted({qid for _, _, answers in rows for qid in answers} - set(in_bank))
    columns = ["respondent", "role", "service_area", *in_bank, *retired]
    shuffled = list(rows)
    random.SystemRandom().shuffle(shuffled)
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(columns)
    for number, (role, area, answers) in enumerate(shuffled, start=1):
        cells = [_cell(answers.get(qid)) for qid in (*in_bank, *retired)]
        writer.writerow([f"respondent-{number}", role, area, *cells])
    return (_BOM + stream.getvalue()).encode("utf-8")


def _cell(answer: Any) -> str:
    if answer is None:
        return ""
    return DONT_KNOW if answer == DONT_KNOW else str(answer)


def _council(slug: str) -> Council:
    council = queries.council_by_slug(slug)
    if council is None:
        raise click.ClickException(f"council {slug!r}: no council has that slug")
    return council


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
