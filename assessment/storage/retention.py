"""Retention and data rights: what deleting a council or an assessment would remove,
deleting them, and purging responses never submitted once they are past keeping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select

from .base import db
from .models import Assessment, Council, Response, User


@dataclass(frozen=True)
class Holdings:
    """What deleting a council or an assessment removes, for the confirmation and the log."""

    assessments: int
    responses: int
    leaders: int


def holdings_of_council(council: Council) -> Holdings:
    assessments = select(Assessment.id).where(Assessment.council_id == council.id)
    return Holdings(
        assessments=_count(select(func.count()).select_from(assessments.subquery())),
        responses=_count(
            select(func.count(Response.id)).where(Response.assessment_id.in_(assessments))
        ),
        leaders=_count(select(func.count(User.id)).where(User.council_id == council.id)),
    )


def holdings_of_assessment(assessment: Assessment) -> Holdings:
    responses = select(func.count(Response.id)).where(Response.assessment_id == assessment.id)
    return Holdings(assessments=1, responses=_count(responses), leaders=0)


def _count(statement) -> int:
    return int(db.session.scalar(statement) or 0)


def delete_assessment(assessment: Assessment) -> None:
    """The assessment and everything in it; the database cascades to every row below."""
    db.session.delete(assessment)
    db.session.flush()


def delete_council(council: Council) -> list[int]:
    """The council, its leaders, its assessments and everything in them; the ids of the
    assessments that were deleted, so files kept outside the database can go too."""
    assessment_ids = list(
        db.session.scalars(select(Assessment.id).where(Assessment.council_id == council.id))
    )
    db.session.delete(council)
    db.session.flush()
    return assessment_ids


def purge_unsubmitted(last_changed_before: datetime) -> int:
    """Delete responses never submitted and untouched since the cutoff; how many."""
    result = db.session.execute(
        delete(Response)
        .where(Response.submitted_at.is_(None), Response.updated_at < last_changed_before)
        .execution_options(synchronize_session=False)
    )
    db.session.expire_all()
    return result.rowcount
