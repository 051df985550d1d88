"""The question banks this installation runs with (QUESTION_BANK_PATH), loaded once."""

from flask import current_app

from .framework.loader import BankError, Shelf, bank_folder, load_shelf
from .framework.model import Bank
from .framework.reading_time import reading_time_problem


def shelf() -> Shelf:
    return load_shelf(current_app.config["QUESTION_BANK_PATH"])


def current_bank() -> Bank:
    """The bank new assessments are made with: the newest installed."""
    return shelf().current


def bank_for(version: str) -> Bank:
    """The bank an assessment was made with; UnknownBankVersion if it is not installed."""
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
