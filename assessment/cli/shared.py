"""What the command groups share: the question bank, and finding what an argument
names, with one message each when nothing has that name."""

from __future__ import annotations

import click

from ..bank import current_bank
from ..framework.loader import BankError
from ..framework.model import Bank
from ..storage import accounts, assessments, councils
from ..storage.models import Assessment, Council, User


def bank() -> Bank:
    try:
        return current_bank()
    except BankError as error:
        raise click.ClickException(
            "the question bank is not valid; run `flask --app assessment questions check`"
        ) from error


def council(slug: str, given_as: str = "--council") -> Council:
    """The council a slug names; `given_as` is how the command takes it (an option, or
    an argument), so the message points at what to correct."""
    found = councils.council_by_slug(slug)
    if found is None:
        raise click.ClickException(f"{given_as} {slug!r}: no council has that slug")
    return found


def user(email: str) -> User:
    found = accounts.user_by_email(email)
    if found is None:
        raise click.ClickException(f"--email {email!r}: no account has that email address")
    return found


def assessment(assessment_id: int) -> Assessment:
    found = assessments.assessment_by_id(assessment_id)
    if found is None:
        raise click.ClickException(f"assessment {assessment_id}: no assessment has that id")
    return found


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
