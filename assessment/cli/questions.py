"""`questions`: check and export the question banks; neither needs SECRET_KEY."""

from __future__ import annotations

import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from .. import bank as banks
from ..framework.bank_export import bank_json
from ..framework.loader import BankError, UnknownBankVersion, bank_folder, load_shelf
from ..framework.reading_time import READING_LIMIT_MINUTES, reading_time_problem, shown_minutes
from ..services import bank_versions
from .settings import needs_no_secret
from .shared import bank

questions = AppGroup("questions", help="Check and export the question banks.")


@needs_no_secret
@questions.command("check")
def questions_check() -> None:
    """Validate every installed question bank, and each version assessments already use
    against what it was when first used; say what is wrong, file by file; print each
    bank's size and reading time, and refuse a current bank too long to read."""
    path = current_app.config["QUESTION_BANK_PATH"]
    try:
        shelf = load_shelf(path)
    except BankError as error:
        _refuse(str(error))
    changed = bank_versions.changed_versions(shelf, path)
    if changed:
        _refuse("\n".join(changed))
    for installed in shelf.banks:
        role = (
            f"limit {READING_LIMIT_MINUTES}; new assessments use it"
            if installed is shelf.current
            else "kept for the assessments made with it"
        )
        click.echo(
            f"{installed.version}: {len(installed.themes)} themes, "
            f"{len(installed.questions)} questions, "
            f"reading time {shown_minutes(installed)} minutes ({role})"
        )
    problem = reading_time_problem(shelf.current, bank_folder(path, shelf.current.version))
    if problem:
        _refuse(problem)
    valid = "bank is" if len(shelf.banks) == 1 else "banks are"
    click.echo(f"The question {valid} valid.")


def _refuse(problems: str) -> None:
    for line in problems.splitlines():
        click.echo(line, err=True)
    sys.exit(1)


@needs_no_secret
@questions.command("export")
@click.option(
    "--format", "output_format", type=click.Choice(["json"]), default="json", show_default=True
)
@click.option(
    "--version", "version", default=None, help="The bank version to export (default: the current)"
)
def questions_export(output_format: str, version: str | None) -> None:
    """Print a question bank as JSON: the current one, which new assessments use, unless
    --version names another installed."""
    chosen = bank()
    if version is not None:
        installed = banks.shelf()
        try:
            chosen = installed.get(version)
        except UnknownBankVersion:
            raise click.ClickException(
                f"--version {version!r}: no such bank is installed "
                f"(installed: {', '.join(installed.versions)})"
            ) from None
    click.echo(json.dumps(bank_json(chosen), indent=2, ensure_ascii=False))
