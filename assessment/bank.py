"""The question bank this installation runs with (QUESTION_BANK_PATH), loaded once."""

from flask import current_app

from .framework.loader import load_bank
from .framework.model import Bank


def current_bank() -> Bank:
    return load_bank(current_app.config["QUESTION_BANK_PATH"])
