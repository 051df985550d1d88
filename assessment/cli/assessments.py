"""`assessments`: create, open, close and erase assessments."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..services import bank_versions, closing, rounds
from ..services.erasure import erase_assessment
from ..services.links import invitation_link
from ..services.rounds import RoundRefused
from ..storage import assessments as assessment_store
from ..storage import database, retention
from ..storage.models import MIN_ANONYMITY_THRESHOLD
from .shared import assessment, bank, bank_of, council, plural

assessments = AppGroup("assessments", help="Create, open and close assessments.")


@assessments.command("create")
@click.option("--council", "council_slug", required=True)
@click.option("--title", required=True)
@click.option(
    "--anonymity-threshold",
    type=click.IntRange(min=MIN_ANONYMITY_THRESHOLD),
    default=5,
    show_default=True,
    help="Groups with fewer respondents than this are never shown",
)
@click.option(
    "--previous",
    help="The id of the round this one follows, or 'none' "
    "[default: the council's latest closed assessment]",
)
def assessments_create(
    council_slug: str, title: str, anonymity_threshold: int, previous: str | None
) -> None:
    """Create an open assessment: its id on stdout, its invitation link on stderr."""
    of_council = council(council_slug)
    if not title.strip() or len(title) > 200:
        raise click.ClickException("--title: give a title of 1 to 200 characters")
    created = bank_versions.new_assessment(of_council, title.strip(), anonymity_threshold, bank())
    if previous is not None:
        try:
            rounds.set_previous(created, _previous_id(previous))
        except RoundRefused as refused:
            database.rollback()
            raise click.ClickException(f"--previous: {refused}") from None
    database.commit()
    click.echo(str(created.id))
    click.echo(f"Invitation link: {invitation_link(created)}", err=True)


def _previous_id(given: str) -> int | None:
    if given.strip().lower() == "none":
        return None
    try:
        return int(given)
    except ValueError:
        raise click.ClickException(
            f"--previous: give an assessment id or 'none', not {given!r}"
        ) from None


@assessments.command("open")
@click.argument("assessment_id", type=int)
def assessments_open(assessment_id: int) -> None:
    """Open an assessment to answers."""
    _set_status(assessment_id, "open")


@assessments.command("close")
@click.argument("assessment_id", type=int)
def assessments_close(assessment_id: int) -> None:
    """Close an assessment and store the results leaders then see: answers already
    saved are kept, no new ones are taken. A second close keeps the first results
    unless at least the anonymity threshold of new responses came in between."""
    found = assessment(assessment_id)
    closed = closing.close(found, bank_of(found))
    database.commit()
    click.echo(f"Assessment {found.id} is closed")
    if not closed.replaced:
        click.echo(
            f"The results leaders see are those of the last close: {closed.new_since} "
            f"new submitted responses since, and {closed.threshold} are needed to replace them",
            err=True,
        )


def _set_status(assessment_id: int, status: str) -> None:
    found = assessment(assessment_id)
    assessment_store.set_status(found, status)
    database.commit()
    click.echo(f"Assessment {found.id} is {status}")


@assessments.command("delete")
@click.argument("assessment_id", type=int)
@click.option("--yes", is_flag=True, help="Confirm: it cannot be undone")
def assessments_delete(assessment_id: int, yes: bool) -> None:
    """Delete an assessment and every response to it, for good."""
    found = assessment(assessment_id)
    held = retention.holdings_of_assessment(found)
    what = f"assessment {found.id} ({found.title}) and {plural(held.responses, 'response')}"
    if not yes:
        raise click.ClickException(f"this deletes {what} for good; add --yes to do it")
    erase_assessment(found)
    database.commit()
    click.echo(f"Deleted {what}.")
