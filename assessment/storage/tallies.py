"""Results added up by the database: the SQL behind queries.scored_results.

PostgreSQL tallies whole cells (role tier x service area x theme) in one
statement with exact numeric sums, so a few hundred rows reach Python however
many people answered. SQLite's integers are 64 bits, too few for sums of
squared scaled scores, so there each respondent's theme sums come back, one
row per respondent and theme, and the framework tallies them. Both give the
figures the pure core gives answer by answer, to the bit (tested).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

from sqlalchemy import (
    BigInteger,
    Float,
    Numeric,
    case,
    cast,
    func,
    literal,
    literal_column,
    select,
    text,
)

from ..framework.model import Bank
from ..framework.scoring import Cell
from ..framework.tally import SCALE, ThemeTally
from .base import db
from .models import Answer, Assessment, Response

# A weight that is a whole number of 1/1024ths stays exact through PostgreSQL's
# float8 casts; any other weight is scored in Python, exactly, instead.
_EXACT_WEIGHT_STEP = 1024
# Each respondent's theme sums are a hash table of 70,000 rows for 10,000
# people: given room, PostgreSQL keeps it in memory instead of spilling to disk.
_GROUPING_MEMORY = "64MB"


def database_can_tally(bank: Bank) -> bool:
    exact = all((q.weight * _EXACT_WEIGHT_STEP).is_integer() for q in bank.questions)
    return exact and db.session.get_bind().dialect.name == "postgresql"


def cells(assessment: Assessment, bank: Bank) -> list[Cell]:
    """The submitted responses tallied by PostgreSQL: one statement, then one more for
    how many people are in each cell (some may have answered nothing)."""
    submitted = _submitted(assessment)
    weight = _weight(bank)
    weighted = func.sum(Answer.level * weight)
    weights = func.sum(case((Answer.level.is_not(None), weight)))
    # Exact: a score in [1, 5] times 2**52 is a whole number (see framework/tally.py).
    x = cast(weighted, Float) / cast(weights, Float) * literal(SCALE, BigInteger)
    per_respondent = (
        select(
            Response.role_tier.label("role"),
            Response.service_area.label("area"),
            _theme_of(Answer.question_id).label("theme_id"),
            cast(cast(x, BigInteger), Numeric).label("x"),
            func.count(Answer.level).label("levels"),
            (func.count() - func.count(Answer.level)).label("dont_knows"),
        )
        .join(Response, Response.id == Answer.response_id)
        .where(*submitted)
        # By the response's key, so its role and area come along (they depend on it),
        # and by the theme expression itself: a column named theme_id would win its name.
        .group_by(Response.id, _theme_of(Answer.question_id))
        .subquery()
    )
    cell = (per_respondent.c.role, per_respondent.c.area, per_respondent.c.theme_id)
    _give_the_grouping_room()
    rows = db.session.execute(
        select(
            *cell,
            func.count(per_respondent.c.x),
            func.sum(per_respondent.c.x),
            func.sum(per_respondent.c.x * per_respondent.c.x),
            func.sum(per_respondent.c.levels),
            func.sum(per_respondent.c.dont_knows),
        ).group_by(*cell)
    )
    themes: dict[tuple[str, str], dict[str, ThemeTally]] = defaultdict(dict)
    for role, area, theme_id, scored, total, squares, levels, dont_knows in rows:
        themes[role, area][theme_id] = ThemeTally(
            scored, int(total or 0), int(squares or 0), int(levels), int(dont_knows)
        )
    members = db.session.execute(
        select(Response.role_tier, Response.service_area, func.count())
        .where(*submitted)
        .group_by(Response.role_tier, Response.service_area)
    )
    return [Cell(role, area, count, themes[role, area]) for role, area, count in members]


def cells_per_person(assessment: Assessment, bank: Bank) -> list[Cell]:
    """Each submitted respondent as a cell of their own, from theme sums the database adds up.

    Three queries whatever the number of respondents. Plain sums and counts keep
    the grouping cheap; the few questions with a weight other than 1 are fetched
    on their own and their extra weight added here, exactly (in Fractions)."""
    submitted = _submitted(assessment)
    people = db.session.execute(
        select(Response.id, Response.role_tier, Response.service_area).where(*submitted)
    ).all()
    theme = _theme_of(Answer.question_id).label("theme_id")
    sums = db.session.execute(
        select(
            Answer.response_id,
            theme,
            func.sum(Answer.level),  # don't-know answers have no level: left out
            func.count(Answer.level),
            func.count(),
        )
        .join(Response, Response.id == Answer.response_id)
        .where(*submitted)
        # Grouped by the output name: SQLite would otherwise work the theme out twice.
        .group_by(Answer.response_id, literal_column("theme_id"))
    )
    totals: dict[int, dict[str, list]] = defaultdict(dict)
    for response_id, theme_id, level_sum, levels, answers in sums:
        totals[response_id][theme_id] = [float(level_sum or 0), float(levels), levels, answers]
    extra = {q.id: (q.theme_id, Fraction(q.weight) - 1) for q in bank.questions if q.weight != 1}
    if extra:
        weighted = db.session.execute(
            select(Answer.response_id, Answer.question_id, Answer.level)
            .join(Response, Response.id == Answer.response_id)
            .where(*submitted, Answer.question_id.in_(extra), Answer.level.is_not(None))
        )
        for response_id, question_id, level in weighted:
            theme_id, more = extra[question_id]
            entry = totals[response_id][theme_id]
            entry[0] = Fraction(entry[0]) + more * level
            entry[1] = Fraction(entry[1]) + more
    return [
        Cell(
            role,
            area,
            1,
            {
                theme_id: ThemeTally.of_sums(weighted, weights, levels, answers - levels)
                for theme_id, (weighted, weights, levels, answers) in totals[rid].items()
            },
        )
        for rid, role, area in people
    ]


def _give_the_grouping_room() -> None:
    # For this transaction only. JIT compiling takes longer than this query saves.
    db.session.execute(text(f"SET LOCAL work_mem = '{_GROUPING_MEMORY}'"))
    db.session.execute(text("SET LOCAL jit = off"))


def _submitted(assessment: Assessment) -> tuple:
    return (Response.assessment_id == assessment.id, Response.submitted_at.is_not(None))


def _weight(bank: Bank):
    """Each answer's question weight in SQL, exact: 1 unless the bank says otherwise."""
    weighted = {q.id: Decimal(q.weight) for q in bank.questions if q.weight != 1}
    if not weighted:
        return literal(1)
    return case(
        {qid: literal(w, Numeric) for qid, w in weighted.items()},
        value=Answer.question_id,
        else_=literal(1, Numeric),
    )


def _theme_of(question_id):
    """The theme id in SQL: the part of a question id before its dot."""
    dot, one = literal_column("'.'"), literal_column("1")
    if db.session.get_bind().dialect.name == "postgresql":
        return func.split_part(question_id, dot, one)
    return func.substr(question_id, one, func.instr(question_id, dot) - one)
