"""`questions`: check and export the question bank; neither needs SECRET_KEY."""

from __future__ import annotations

import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from ..framework.bank_export import bank_json
from ..framework.loader import BankError, bank_folder, load_shelf
from ..framework.reading_time import READING_LIMIT_MINUTES, reading_time_problem, shown_minutes
from .settings import needs_no_secret
from .shared import bank

questions = AppGroup("questions", help="Check and export the question bank.")


@needs_no_secret
@questions.command("check")
def questions_check() -> None:
    """Validate every installed question bank and say what is wrong, file by file; print
    each bank's size and reading time, and refuse a current bank too long to read."""
    path = current_app.config["QUESTION_BANK_PATH"]
    try:
        checked = load_shelf(path)
    except BankError as error:
        for line in str(error).splitlines():
            click.echo(line, err=True)
        sys.exit(1)
    for installed in checked.banks:
        role = (
            f"limit {READING_LIMIT_MINUTES}; new assessments use it"
            if installed is checked.current
            else "kept for the assessments made with it"
        )
        click.echo(
            f"{installed.version}: {len(installed.themes)} themes, "
            f"{len(installed.questions)} questions, "
            f"reading time {shown_minutes(installed)} minutes ({role})"
        )
    problem = reading_time_problem(checked.current, bank_folder(path, checked.current.version))
    if problem:
        click.echo(problem, err=True)
        sys.exit(1)
    banks = "bank is" if len(checked.banks) == 1 else "banks are"
    click.echo(f"The question {banks} valid.")


@needs_no_secret
@questions.command("export")
@click.option(
    "--format", "output_format", type=click.Choice(["json"]), default="json", show_default=True
)
def questions_export(output_format: str) -> None:
    """Print the question bank as JSON."""
    click.echo(json.dumps(bank_json(bank()), indent=2, ensure_ascii=False))
