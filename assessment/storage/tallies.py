"""Results from stored tallies: what snapshots.live_results adds up.

Submitted answers never change, so each response is scored once, by the pure
core, when it is submitted or imported, and its tally of each theme is stored
(models.ResponseTally). Results then add up seven small rows a person, not
every answer. A response without tallies for the bank in use (submitted before
tallies were kept, or scored with another bank version) is scored from its
answers instead, so results are always exactly the pure core's (tested).

PostgreSQL adds the tallies up in `numeric` and sends one row per role tier,
service area and theme. SQLite's 64-bit integers are too small for sums of
squared scaled scores, so there the rows come to Python to be added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from sqlalchemy import Numeric, cast, exists, func, insert, select

from ..framework.model import Bank
from ..framework.respondent_tally import Tallier
from ..framework.scoring import DONT_KNOW, Cell, Respondent, respondent_cell
from ..framework.tally import ThemeTally
from .base import db
from .models import Answer, Assessment, Response, ResponseTally

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


def cells(assessment: Assessment, bank: Bank) -> list[Cell]:
    """Every submitted response of the assessment, as cells for the scoring core."""
    tallied = exists().where(
        ResponseTally.response_id == Response.id, ResponseTally.bank_version == bank.version
    )
    submitted = (Response.assessment_id == assessment.id, Response.submitted_at.is_not(None))
    if db.session.get_bind().dialect.name == "postgresql":
        found = _added_up_in_sql(submitted, bank)
    else:
        found = _added_up_here(submitted, bank)
    return found + _scored_from_answers(submitted, ~tallied, bank)


def _added_up_in_sql(submitted: tuple, bank: Bank) -> list[Cell]:
    score = cast(ResponseTally.score, Numeric)
    cell = (Response.role_tier, Response.service_area, ResponseTally.theme_id)
    rows = db.session.execute(
        select(
            *cell,
            func.count(),
            func.sum(ResponseTally.scored),
            func.sum(score),
            func.sum(score * score),
            func.sum(ResponseTally.level_answers),
            func.sum(ResponseTally.dont_knows),
        )
        .join(Response, Response.id == ResponseTally.response_id)
        .where(*submitted, ResponseTally.bank_version == bank.version)
        .group_by(*cell)
    )
    people: dict[tuple[str, str], int] = {}
    themes: dict[tuple[str, str], dict[str, ThemeTally]] = defaultdict(dict)
    for role, area, theme_id, count, scored, total, squares, levels, dont_knows in rows:
        people[role, area] = count  # every tallied response has a row for every theme
        themes[role, area][theme_id] = ThemeTally(
            int(scored), int(total), int(squares), int(levels), int(dont_knows)
        )
    return [Cell(role, area, count, themes[role, area]) for (role, area), count in people.items()]


def _added_up_here(submitted: tuple, bank: Bank) -> list[Cell]:
    rows = db.session.execute(
        select(
            ResponseTally.response_id,
            Response.role_tier,
            Response.service_area,
            ResponseTally.theme_id,
            ResponseTally.scored,
            ResponseTally.score,
            ResponseTally.level_answers,
            ResponseTally.dont_knows,
        )
        .join(Response, Response.id == ResponseTally.response_id)
        .where(*submitted, ResponseTally.bank_version == bank.version)
    )
    people: dict[tuple[str, str], set[int]] = defaultdict(set)
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for response_id, role, area, theme_id, scored, score, levels, dont_knows in rows:
        people[role, area].add(response_id)
        total = sums[role, area, theme_id]
        total[0] += scored
        total[1] += score
        total[2] += score * score
        total[3] += levels
        total[4] += dont_knows
    themes: dict[tuple[str, str], dict[str, ThemeTally]] = defaultdict(dict)
    for (role, area, theme_id), total in sums.items():
        themes[role, area][theme_id] = ThemeTally(*total)
    return [Cell(role, area, len(ids), themes[role, area]) for (role, area), ids in people.items()]


def _scored_from_answers(submitted: tuple, untallied, bank: Bank) -> list[Cell]:
    """Responses without tallies for this bank, scored answer by answer (usually none)."""
    people = db.session.execute(
        select(Response.id, Response.role_tier, Response.service_area).where(*submitted, untallied)
    ).all()
    if not people:
        return []
    answers: dict[int, dict] = defaultdict(dict)
    rows = db.session.execute(
        select(Answer.response_id, Answer.question_id, Answer.level, Answer.dont_know)
        .join(Response, Response.id == Answer.response_id)
        .where(*submitted, untallied)
    )
    for response_id, question_id, level, dont_know in rows:
        answers[response_id][question_id] = DONT_KNOW if dont_know else level
    return [
        respondent_cell(bank, Respondent(role, area, answers[rid])) for rid, role, area in people
    ]
