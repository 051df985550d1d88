"""The question banks this installation runs with (QUESTION_BANK_PATH), loaded once."""

from flask import current_app

from .framework.loader import Shelf, load_shelf
from .framework.model import Bank


def shelf() -> Shelf:
    return load_shelf(current_app.config["QUESTION_BANK_PATH"])


def current_bank() -> Bank:
    """The bank new assessments are made with: the newest installed."""
    return shelf().current


def bank_for(version: str) -> Bank:
    """The bank an assessment was made with; UnknownBankVersion if it is not installed."""
    return shelf().get(version)
