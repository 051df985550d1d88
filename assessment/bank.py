"""The question banks this installation runs with (QUESTION_BANK_PATH), loaded once.

New assessments are made with the current bank (the newest installed); every
assessment is then scored, shown and exported with the bank it was made with
(bank_of), forever, so an installation keeps every version still in use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app

from .framework.loader import BankError, Shelf, bank_folder, load_shelf
from .framework.model import Bank
from .framework.reading_time import reading_time_problem

if TYPE_CHECKING:
    from .storage.models import Assessment


def shelf() -> Shelf:
    return load_shelf(current_app.config["QUESTION_BANK_PATH"])


def current_bank() -> Bank:
    """The bank new assessments are made with: the newest installed."""
    return shelf().current


def bank_for(version: str) -> Bank:
    """The bank of that version; UnknownBankVersion if it is not installed."""
    return shelf().get(version)


def check_on_start_up() -> Bank:
    """Every installed bank, loaded and checked before the first request, so a broken one
    stops the server with the file and field named, not a page; and the current bank
    refused when it takes longer to read than FRAMEWORK.md allows, as `questions check`
    refuses it. Older banks may be longer: they are kept for the assessments made with them."""
    current = current_bank()
    folder = bank_folder(current_app.config["QUESTION_BANK_PATH"], current.version)
    problem = reading_time_problem(current, folder)
    if problem:
        raise BankError(problem)
    return current


def bank_of(assessment: Assessment) -> Bank:
    """The bank `assessment` was made with; UnknownBankVersion if it is not installed
    (web/errors.py and cli/shared.py say so to whoever asked)."""
    return bank_for(assessment.bank_version)
