"""An officer's theme page: what it shows (visit) and what a save stores (save).

Every officer opens and saves these pages, so they skip the ORM: each is one unit
of work on a Core connection of its own, opened by `_connection()` and given back to
the pool at the end of its `with` block, whatever the request does besides.

- visit() reads one row: the assessment (and the bank version it was made with),
  this browser's response and what the response holds for the theme.
- save() is one transaction, committed before it returns: lock the response (the
  lock checks the assessment is open and the response unsubmitted), read what the
  theme held (ADR 0004, two tabs), write every answer, write the theme's entry.
  A lock that finds no row changes nothing, and the transaction is rolled back.

This is the one module where PostgreSQL and SQLite differ (docs/adr/0006):

- On PostgreSQL a page's read runs in AUTOCOMMIT: at READ COMMITTED a transaction
  gives one statement nothing, and would cost a BEGIN and a COMMIT round trip.
- An upsert is spelt in each database's own dialect (INSERT ... ON CONFLICT).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, String, Table, bindparam, case, cast, false, literal, select
from sqlalchemy import update as update_
from sqlalchemy.dialects import postgresql, sqlite

from ..framework.model import Theme
from ..framework.scoring import DONT_KNOW
from ..framework.scoring import Answer as AnswerValue
from .base import could_be_an_id, db, utcnow
from .models import Answer, Assessment, Response, ThemeEntry

# A browser holds one response an assessment it took part in: a handful at most.
_MOST_RESPONSES = 10


@dataclass(frozen=True)
class StoredTheme:
    """What a response held for a theme: answers as a form gives them ("1".."5" or "dk")."""

    answers: dict[str, str]
    comment: str | None


@dataclass(frozen=True)
class OfficerVisit:
    """What an officer's theme page needs: the assessment its invitation names, this
    browser's response to it (if any) and, when asked, what that response holds for
    the theme."""

    assessment_id: int
    invitation_token: str
    bank_version: str
    open: bool
    response_id: int | None
    submitted: bool
    stored: StoredTheme | None


@contextmanager
def _connection(autocommit: bool) -> Iterator[Connection]:
    with db.engine.connect() as connection:
        if autocommit and connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection


def visit(
    token: str, response_ids: Iterable[int], theme: Theme | None = None
) -> OfficerVisit | None:
    """None when no assessment has the invitation `token`. The response is the one of
    `response_ids` (the browser's) that belongs to the assessment; `stored` is what it
    holds for `theme`, when one is given."""
    ids = [i for i in response_ids if could_be_an_id(i)][:_MOST_RESPONSES]
    params = {"token": token, **{f"response_{n}": i for n, i in enumerate(ids)}}
    question_ids = theme.question_ids if theme else ()
    statement = _visit_statement(len(ids), theme.id if theme else None, question_ids)
    with _connection(autocommit=True) as connection:
        row = connection.execute(statement, params).first()
    if row is None:
        return None
    assessment_id, bank_version, status, response_id, submitted_at, *held = row
    stored = None
    if theme is not None and response_id is not None:
        stored = _stored_from(question_ids, held)
    return OfficerVisit(
        assessment_id=assessment_id,
        invitation_token=token,
        bank_version=bank_version,
        open=status == "open",
        response_id=response_id,
        submitted=submitted_at is not None,
        stored=stored,
    )


def save(
    invitation: str,
    bank_version: str,
    response_id: int,
    theme: Theme,
    answers: Mapping[str, AnswerValue],
    comment: str | None,
    completed: bool,
) -> StoredTheme | None:
    """Store one theme page and commit it; returns what the theme held just before.
    Nothing is stored (None) unless the response is not yet submitted and belongs to the
    open assessment with this `invitation` token, made with the bank `bank_version` that
    `theme` is from: the lock checks all of that, so a save
    needs no read before it. Saves of one response (two tabs, a submit) take turns on
    the response's row, so what is returned is exactly what this save replaced."""
    now = utcnow()
    lock = {
        "response": response_id,
        "invitation": invitation,
        "bank_version": bank_version,
        "now": now,
    }
    with _connection(autocommit=False) as connection, connection.begin() as transaction:
        if connection.execute(_LOCK_OPEN_RESPONSE, lock).rowcount != 1:
            transaction.rollback()
            return None
        read = _stored_theme_statement(theme.id, theme.question_ids)
        held = connection.execute(read, {"response": response_id}).one()
        write_theme(connection, response_id, theme, answers, comment, completed, now)
    return _stored_from(theme.question_ids, held)


def write_theme(
    connection: Connection,
    response_id: int,
    theme: Theme,
    answers: Mapping[str, AnswerValue],
    comment: str | None,
    completed: bool,
    now: datetime,
) -> None:
    """Upsert the theme's answers and its entry, in the connection's transaction.
    Questions not in `answers` keep what they had: an empty radio group means "not
    answered on this page", never "forget it"."""
    rows = []
    for question_id, value in answers.items():
        if not question_id.startswith(f"{theme.id}."):
            raise ValueError(f"{question_id} is not a question in the theme {theme.id}")
        dont_know = value == DONT_KNOW
        rows.append(
            {
                "response_id": response_id,
                "question_id": question_id,
                "level": None if dont_know else int(value),
                "dont_know": dont_know,
                "updated_at": now,
            }
        )
    entry: dict[str, object] = {
        "response_id": response_id,
        "theme_id": theme.id,
        "comment": comment or None,
        "updated_at": now,
    }
    if completed:
        entry["completed_at"] = now
    dialect = connection.dialect.name
    if rows:  # every answer in one executemany
        keys = ("response_id", "question_id")
        connection.execute(_upsert(dialect, Answer.__table__, keys, tuple(rows[0])), rows)
    keys = ("response_id", "theme_id")
    connection.execute(_upsert(dialect, ThemeEntry.__table__, keys, tuple(entry)), entry)


_RESPONSE, _ASSESSMENT = Response.__table__, Assessment.__table__
_LOCK_OPEN_RESPONSE = (
    update_(_RESPONSE)
    .where(
        _RESPONSE.c.id == bindparam("response"),
        _RESPONSE.c.submitted_at.is_(None),
        _RESPONSE.c.assessment_id.in_(
            select(_ASSESSMENT.c.id).where(
                _ASSESSMENT.c.invitation_token == bindparam("invitation"),
                _ASSESSMENT.c.status == "open",
                # A theme of another bank would store answers to questions not asked.
                _ASSESSMENT.c.bank_version == bindparam("bank_version"),
            )
        ),
    )
    .values(updated_at=bindparam("now"))
)


@functools.cache
def _visit_statement(count: int, theme_id: str | None, question_ids: tuple[str, ...]):
    # Built once for each number of responses a browser holds and each theme: building
    # a statement costs more than running it. One bound value per id, not an expanding
    # IN, which SQLAlchemy would render again on every run.
    ids = [bindparam(f"response_{n}") for n in range(count)]
    belongs = _RESPONSE.c.id.in_(ids) if ids else false()
    columns = [
        _ASSESSMENT.c.id,
        _ASSESSMENT.c.bank_version,
        _ASSESSMENT.c.status,
        _RESPONSE.c.id,
        _RESPONSE.c.submitted_at,
    ]
    if theme_id is not None:
        columns += _held_for_theme(_RESPONSE.c.id, theme_id, question_ids)
    joined = _ASSESSMENT.outerjoin(
        _RESPONSE, (_RESPONSE.c.assessment_id == _ASSESSMENT.c.id) & belongs
    )
    return (
        select(*columns)
        .select_from(joined)
        .where(_ASSESSMENT.c.invitation_token == bindparam("token"))
    )


@functools.cache
def _stored_theme_statement(theme_id: str, question_ids: tuple[str, ...]):
    return select(*_held_for_theme(bindparam("response"), theme_id, question_ids))


def _held_for_theme(response_id, theme_id: str, question_ids: tuple[str, ...]) -> list:
    """What a response holds for a theme, as columns of one row: each question's answer
    ("1".."5", "dk" or NULL), then the theme's comment."""
    columns = []
    for question_id in question_ids:
        answer = select(
            case((Answer.dont_know, literal(DONT_KNOW)), else_=cast(Answer.level, String))
        ).where(Answer.response_id == response_id, Answer.question_id == question_id)
        columns.append(answer.scalar_subquery())
    comment = select(ThemeEntry.comment).where(
        ThemeEntry.response_id == response_id, ThemeEntry.theme_id == theme_id
    )
    return [*columns, comment.scalar_subquery()]


def _stored_from(question_ids: tuple[str, ...], held) -> StoredTheme:
    *answers, comment = held
    given = {qid: answer for qid, answer in zip(question_ids, answers, strict=True) if answer}
    return StoredTheme(answers=given, comment=comment)


_DIALECT_INSERT = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


@functools.cache
def _upsert(dialect: str, table: Table, keys: tuple[str, ...], columns: tuple[str, ...]):
    # INSERT ... ON CONFLICT DO UPDATE: two tabs saving at once cannot collide. Built
    # once, its values bound as it runs, so SQLAlchemy compiles it once.
    insert = _DIALECT_INSERT[dialect](table)
    changed = {name: insert.excluded[name] for name in columns if name not in keys}
    return insert.on_conflict_do_update(index_elements=keys, set_=changed)
