"""Storing imported responses (`responses import`, the demo) in bulk.

Rows arrive one at a time from the CSV reader and go to the database a batch at
a time through SQLAlchemy Core: no ORM object is made for a response or an
answer, so memory holds one batch whatever the size of the file. The caller's
transaction holds the whole import, so a problem anywhere rolls it all back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from ..framework.model import Bank
from ..framework.responses_csv import DONT_KNOW, ImportedResponse
from ..framework.scoring import Respondent
from . import tallies
from .base import db, utcnow
from .models import Answer, Assessment, Response
from .queries import Conflict

# Respondents a batch: big enough that each statement carries thousands of rows,
# small enough that a batch of the real bank's answers stays a few megabytes.
BATCH = 2_000


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
    connection = db.session.connection()
    ids = connection.scalars(
        insert(Response.__table__).returning(Response.id, sort_by_parameter_order=True),
        [
            {
                "assessment_id": assessment.id,
                "role_tier": row.role,
                "service_area": row.service_area,
                "source": "import",
                "respondent_ref": row.respondent,
                "started_at": now,
                "updated_at": now,
                "submitted_at": now,
            }
            for row in batch
        ],
    ).all()
    connection.execute(
        insert(Answer.__table__),
        [
            {
                "response_id": response_id,
                "question_id": question_id,
                "level": None if value == DONT_KNOW else int(value),
                "dont_know": value == DONT_KNOW,
                "updated_at": now,
            }
            for response_id, row in zip(ids, batch, strict=True)
            for question_id, value in row.answers.items()
        ],
    )
    tallies.store(
        bank,
        [
            (response_id, Respondent(row.role, row.service_area, row.answers))
            for response_id, row in zip(ids, batch, strict=True)
        ],
    )
