"""`councils`: create a council, erase one for good, or export all its data (UK GDPR)."""

from __future__ import annotations

import re
from pathlib import Path

import click
from flask.cli import AppGroup

from ..services.archive import council_archive
from ..services.erasure import erase_council
from ..storage import councils as council_store
from ..storage import database, retention
from ..storage.base import Conflict
from .shared import council, plural

councils = AppGroup("councils", help="Manage councils.")


@councils.command("create")
@click.option("--slug", required=True, help="Short id used in links and exports, e.g. exampleshire")
@click.option("--name", required=True, help="The council's name, e.g. Exampleshire County Council")
def councils_create(slug: str, name: str) -> None:
    """Create a council."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,59}", slug):
        raise click.ClickException(
            f"--slug {slug!r}: use up to 60 lower-case letters, numbers and hyphens"
        )
    if not name.strip() or len(name.strip()) > 200:
        raise click.ClickException("--name: give the council's name, up to 200 characters")
    try:
        created = council_store.create_council(slug, name.strip())
    except Conflict as error:
        raise click.ClickException(str(error)) from None
    database.commit()
    click.echo(f"Created council {created.slug} ({created.name})")


@councils.command("delete")
@click.argument("slug")
@click.option("--yes", is_flag=True, help="Confirm: it cannot be undone")
def councils_delete(slug: str, yes: bool) -> None:
    """Delete a council with its leaders, its assessments and every response, for good."""
    found = council(slug, given_as="council")
    held = retention.holdings_of_council(found)
    what = (
        f"council {found.slug} with {plural(held.assessments, 'assessment')}, "
        f"{plural(held.responses, 'response')} and {plural(held.leaders, 'leader account')}"
    )
    if not yes:
        raise click.ClickException(f"this deletes {what} for good; add --yes to do it")
    erase_council(found)
    database.commit()
    click.echo(f"Deleted {what}.")


@councils.command("export")
@click.argument("slug")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the archive, e.g. exampleshire.zip",
)
def councils_export(slug: str, output: Path) -> None:
    """Write all of a council's data to one zip archive: JSON, and CSV files per assessment."""
    archive = council_archive(council(slug, given_as="council"))
    try:
        output.write_bytes(archive)
    except OSError as error:
        raise click.ClickException(
            f"{output}: cannot write the archive ({error.strerror})"
        ) from None
    click.echo(f"Wrote {output} ({len(archive):,} bytes)")
