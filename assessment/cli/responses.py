"""`responses`: import responses collected elsewhere."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from ..framework.responses_csv import CsvImportError, read_responses_csv
from ..storage import database, imports
from ..storage.base import Conflict
from .shared import assessment, bank_of

responses = AppGroup("responses", help="Import responses collected elsewhere.")


@responses.command("import")
@click.option("--assessment", "assessment_id", type=int, required=True)
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def responses_import(assessment_id: int, csv_file: Path) -> None:
    """Import a CSV of responses (all or nothing); each row counts as submitted."""
    into = assessment(assessment_id)
    made_with = bank_of(into)
    already = imports.imported_refs(into)
    try:
        with csv_file.open("rb") as stream:
            # The whole file is checked before a row is stored: a bad file never
            # holds the database's write lock, and costs one read of the file.
            for _row in read_responses_csv(made_with, stream, already):
                pass
            stream.seek(0)
            rows = read_responses_csv(made_with, stream, already)
            count = imports.import_responses(into, rows, made_with)
    except (CsvImportError, Conflict) as error:
        database.rollback()
        raise click.ClickException(f"{csv_file}: {error}") from None
    database.commit()
    imports.refresh_planner_statistics()
    click.echo(f"Imported {count} responses into assessment {into.id}")
