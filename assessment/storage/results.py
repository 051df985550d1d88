"""What results and progress read: how many people started and submitted, by group,
how many chose each level, and every submitted response added up for the scoring
core (cells).

Cells come from the tallies stored when each response was submitted or imported
(storage/tallies.py), seven small rows a person rather than every answer. A
response without tallies for the bank in use (submitted before tallies were kept,
or scored with another bank version) is scored from its answers instead, so
results are always exactly the pure core's (tested).

PostgreSQL adds the tallies up in `numeric` and sends one row per role tier,
service area and theme. SQLite's 64-bit integers are too small for sums of
squared scaled scores, so there the rows come to Python to be added.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Numeric, cast, exists, func, select

from ..framework.model import Bank, Theme
from ..framework.scoring import DONT_KNOW, Cell, respondent_cell
from ..framework.tally import ThemeTally
from . import responses
from .base import db
from .models import Answer, Assessment, Response, ResponseTally


def response_counts(assessment: Assessment) -> tuple[int, int]:
    """(started, submitted) for an assessment."""
    started, submitted = db.session.execute(
        select(func.count(Response.id), func.count(Response.submitted_at)).where(
            Response.assessment_id == assessment.id
        )
    ).one()
    return started, submitted


def latest_submission(assessment: Assessment) -> datetime | None:
    return db.session.scalar(
        select(func.max(Response.submitted_at)).where(Response.assessment_id == assessment.id)
    )


# What leaders see about an assessment (never one person's answers)


@dataclass(frozen=True)
class GroupProgress:
    started: int
    submitted: int


def progress_by_group(assessment: Assessment) -> dict[tuple[str, str], GroupProgress]:
    """(group type, group id) -> responses started and submitted, in two GROUP BY queries."""
    progress: dict[tuple[str, str], GroupProgress] = {}
    for group_type, group_column in (
        ("role", Response.role_tier),
        ("service_area", Response.service_area),
    ):
        rows = db.session.execute(
            select(group_column, func.count(Response.id), func.count(Response.submitted_at))
            .where(Response.assessment_id == assessment.id)
            .group_by(group_column)
        )
        for group_id, started, submitted in rows:
            progress[(group_type, group_id)] = GroupProgress(started, submitted)
    return progress


def level_counts(assessment: Assessment, theme: Theme) -> dict[str, dict[str, int]]:
    """Question id -> {"1".."5", "dk": how many submitted responses chose it}."""
    counts = {
        q.id: {**{str(level): 0 for level in range(1, 6)}, DONT_KNOW: 0} for q in theme.questions
    }
    rows = db.session.execute(
        select(Answer.question_id, Answer.level, Answer.dont_know, func.count())
        .join(Response, Response.id == Answer.response_id)
        .where(
            *responses.submitted_in(assessment),
            Answer.question_id.in_(theme.question_ids),
        )
        .group_by(Answer.question_id, Answer.level, Answer.dont_know)
    )
    for question_id, level, dont_know, count in rows:
        counts[question_id][DONT_KNOW if dont_know else str(level)] += count
    return counts


# Every submitted response, added up for the scoring core


def cells(assessment: Assessment, bank: Bank) -> list[Cell]:
    """Every submitted response of the assessment, as cells for the scoring core."""
    return _cells(responses.submitted_in(assessment), bank)


def cells_up_to(assessment: Assessment, bank: Bank, as_of: datetime | None) -> list[Cell]:
    """The responses a snapshot made `as_of` (its latest submission) was made from, as
    cells: those submitted at or before it, so figures read from them never move while a
    round is reopened (change since the last round). None: a snapshot of nobody."""
    if as_of is None:
        return []
    bounded = (*responses.submitted_in(assessment), Response.submitted_at <= as_of)
    return _cells(bounded, bank)


def submitted_up_to(assessment: Assessment, as_of: datetime | None) -> tuple[int, str | None]:
    """How many responses cells_up_to reads and when the latest was submitted: in one
    small query, what tells a report whether the cells it was made from have moved."""
    if as_of is None:
        return 0, None
    count, latest = db.session.execute(
        select(func.count(Response.id), func.max(Response.submitted_at)).where(
            *responses.submitted_in(assessment), Response.submitted_at <= as_of
        )
    ).one()
    return count, None if latest is None else str(latest)


def _cells(submitted: tuple, bank: Bank) -> list[Cell]:
    tallied = exists().where(
        ResponseTally.response_id == Response.id, ResponseTally.bank_version == bank.version
    )
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
    found = responses.respondents(*submitted, untallied)
    return [respondent_cell(bank, respondent) for respondent in found.values()]
