"""Each response's tallies: scored once, by the pure core, when it is submitted or
imported, and stored (models.ResponseTally), so results add up seven small rows a
person rather than every answer (storage/results.py). Submitted answers never
change, so a tally never goes stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import insert

from ..framework.model import Bank
from ..framework.respondent_tally import Tallier
from ..framework.scoring import Respondent
from .base import db
from .models import ResponseTally

COLUMNS = (
    "response_id",
    "theme_id",
    "bank_version",
    "scored",
    "score",
    "level_answers",
    "dont_knows",
)


def store(bank: Bank, scored: Iterable[tuple[int, Respondent]]) -> None:
    """Score each (response id, respondent) with the pure core and keep its tallies."""
    records = [dict(zip(COLUMNS, row, strict=True)) for row in rows(bank, scored)]
    if records:
        db.session.execute(insert(ResponseTally), records)


def rows(bank: Bank, scored: Iterable[tuple[int, Respondent]]) -> Iterator[tuple]:
    """The tally rows of each (response id, respondent), values in COLUMNS' order."""
    tally_of = Tallier(bank)
    for response_id, respondent in scored:
        for theme_id, tally in tally_of(respondent.answers).items():
            yield (
                response_id,
                theme_id,
                bank.version,
                tally.scored,
                tally.score_sum,
                tally.level_answers,
                tally.dont_knows,
            )
