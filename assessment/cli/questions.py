"""`questions`: check and export the question bank; neither needs SECRET_KEY."""

from __future__ import annotations

import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from ..framework.bank_export import bank_json
from ..framework.loader import BankError, load_bank
from .settings import needs_no_secret
from .shared import bank

questions = AppGroup("questions", help="Check and export the question bank.")


@needs_no_secret
@questions.command("check")
def questions_check() -> None:
    """Validate the question bank and say what is wrong, file by file."""
    path = current_app.config["QUESTION_BANK_PATH"]
    try:
        checked = load_bank(path)
    except BankError as error:
        for line in str(error).splitlines():
            click.echo(line, err=True)
        sys.exit(1)
    count = sum(len(theme.questions) for theme in checked.themes)
    click.echo(
        f"The question bank {checked.version} is valid: "
        f"{len(checked.themes)} themes, {count} questions."
    )


@needs_no_secret
@questions.command("export")
@click.option(
    "--format", "output_format", type=click.Choice(["json"]), default="json", show_default=True
)
def questions_export(output_format: str) -> None:
    """Print the question bank as JSON."""
    click.echo(json.dumps(bank_json(bank()), indent=2, ensure_ascii=False))
