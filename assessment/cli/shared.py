"""What the command groups share: the question bank, and finding what an argument
names, with one message each when nothing has that name.

An assessment made with a bank version this installation does not have is one line
on stderr, exit status 1, whichever command meets it: bank_of() says so for the
assessment a command was given, and every command is wrapped (say_missing_banks)
so that one met deeper (a council's archive) is told the same way."""

from __future__ import annotations

import functools
from collections.abc import Callable

import click
from flask import current_app

from .. import bank as banks
from ..framework.loader import BankError, UnknownBankVersion
from ..framework.model import Bank
from ..storage import accounts, assessments, councils
from ..storage.models import Assessment, Council, User


def bank() -> Bank:
    """The current bank, which new assessments are made with."""
    try:
        return banks.current_bank()
    except BankError as error:
        raise _not_valid() from error


def bank_of(found: Assessment) -> Bank:
    """The bank `found` was made with."""
    try:
        return banks.bank_of(found)
    except BankError as error:
        raise _not_valid() from error
    except UnknownBankVersion as missing:
        raise click.ClickException(f"assessment {found.id}: {_missing(missing.version)}") from None


def _not_valid() -> click.ClickException:
    return click.ClickException(
        "the question bank is not valid; run `flask --app assessment questions check`"
    )


def _missing(version: str) -> str:
    return (
        f"made with the question bank {version}, which this installation does not have; "
        f"install it as {current_app.config['QUESTION_BANK_PATH']}/{version}"
    )


def say_missing_banks(group: click.Group) -> None:
    """Make each command under `group` say in one line that a bank is missing, however
    deep it was found. Commands are shared by every app of a process: wrapped once."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            say_missing_banks(command)
        elif command.callback is not None and not hasattr(command.callback, "says_missing"):
            command.callback = _saying_missing(command.callback)


def _saying_missing(callback: Callable) -> Callable:
    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except UnknownBankVersion as missing:
            raise click.ClickException(f"an assessment was {_missing(missing.version)}") from None

    run.says_missing = True
    return run


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
