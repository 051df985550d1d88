"""Storing imported responses (`responses import`, the demo) in bulk.

Rows arrive one at a time from the CSV reader and go to the database a batch at
a time (storage/bulk.py: COPY on PostgreSQL, Core's executemany on SQLite): no
ORM object is made for a response or an answer, so memory holds one batch
whatever the size of the file. The caller's
transaction holds the whole import, so a problem anywhere rolls it all back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from ..framework.model import Bank
from ..framework.responses_csv import DONT_KNOW, ImportedResponse
from ..framework.scoring import Respondent
from . import tallies
from .base import Conflict, db, utcnow
from .bulk import insert_rows, insert_rows_with_ids
from .models import Answer, Assessment, Response, ResponseTally

# Respondents a batch: big enough that each statement carries thousands of rows,
# small enough that a batch of the real bank's answers stays a few megabytes.
BATCH = 2_000
_RESPONSE_COLUMNS = (
    "assessment_id",
    "role_tier",
    "service_area",
    "source",
    "respondent_ref",
    "started_at",
    "updated_at",
    "submitted_at",
)
_ANSWER_COLUMNS = ("response_id", "question_id", "level", "dont_know", "updated_at")


def imported_refs(assessment: Assessment) -> set[str]:
    refs = db.session.scalars(
        select(Response.respondent_ref).where(
            Response.assessment_id == assessment.id, Response.respondent_ref.is_not(None)
        )
    )
    return set(refs)


def import_responses(
    assessment: Assessment, imported: Iterable[ImportedResponse], bank: Bank
) -> int:
    """Add each row as a submitted response, scored once for results.

    Nothing is committed here: the caller commits once the last row is in, or rolls
    back if reading the rows fails part way."""
    count = 0
    now = utcnow()
    try:
        for batch in _batches(iter(imported)):
            _store(assessment, batch, bank, now)
            count += len(batch)
    except IntegrityError as error:
        db.session.rollback()
        raise Conflict("a respondent in the file was imported at the same time") from error
    return count


def _batches(rows: Iterator[ImportedResponse]) -> Iterator[list[ImportedResponse]]:
    while batch := list(islice(rows, BATCH)):
        yield batch


def _store(assessment: Assessment, batch: list[ImportedResponse], bank: Bank, now) -> None:
    ids = insert_rows_with_ids(
        Response.__table__,
        _RESPONSE_COLUMNS,
        [
            (assessment.id, row.role, row.service_area, "import", row.respondent, now, now, now)
            for row in batch
        ],
    )
    insert_rows(
        Answer.__table__,
        _ANSWER_COLUMNS,
        (
            (response_id, question_id, None, True, now)
            if value == DONT_KNOW
            else (response_id, question_id, value, False, now)
            for response_id, row in zip(ids, batch, strict=True)
            for question_id, value in row.answers.items()
        ),
    )
    scored = (
        (response_id, Respondent(row.role, row.service_area, row.answers))
        for response_id, row in zip(ids, batch, strict=True)
    )
    insert_rows(ResponseTally.__table__, tallies.COLUMNS, tallies.rows(bank, scored))


def refresh_planner_statistics() -> None:
    """After a bulk import: let the database plan with the new row counts at once
    (autovacuum would, a minute or so later; until then results could take seconds)."""
    for model in (Response, Answer, ResponseTally):
        db.session.execute(text(f"ANALYZE {model.__tablename__}"))
    db.session.commit()
