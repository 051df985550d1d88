"""Assessments: a council's rounds of the questionnaire, opened and closed by its
leaders, found by id or by the invitation link officers follow, and the headcounts
leaders give so progress can say how many of each group have answered."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import bindparam, delete, select

from ..framework.results_contract import AssessmentInfo
from . import secrets
from .base import could_be_an_id, db, utcnow
from .models import Assessment, Council, Headcount, Response, User


def create_assessment(
    council: Council, title: str, anonymity_threshold: int, bank_version: str
) -> Assessment:
    assessment = Assessment(
        council=council,
        title=title,
        anonymity_threshold=anonymity_threshold,
        bank_version=bank_version,
        status="open",
        invitation_token=secrets.new_token(),
    )
    db.session.add(assessment)
    db.session.flush()
    return assessment


def assessment_by_id(assessment_id: int) -> Assessment | None:
    if not could_be_an_id(assessment_id):
        return None
    return db.session.get(Assessment, assessment_id)


def previous_round(assessment: Assessment) -> Assessment | None:
    """The round `assessment` follows, if it names one."""
    if assessment.previous_assessment_id is None:
        return None
    return db.session.get(Assessment, assessment.previous_assessment_id)


def assessment_by_invitation(token: str, with_responses: Iterable[int] = ()) -> Assessment | None:
    """The assessment an invitation link names. Those of `with_responses` that belong to
    it are loaded in the same query, so responses.response_by_id then asks the database
    nothing."""
    params = _invitation_and_responses(token, with_responses)
    if len(params) == 1:
        return db.session.scalar(_BY_INVITATION, params)
    row = db.session.execute(_by_invitation_with_responses(len(params) - 1), params).first()
    if row is None:
        return None
    assessment, response = row
    if response is not None:
        # The session's identity map holds objects weakly: keep the response for as long
        # as the session lives (this request), so response_by_id finds it there.
        db.session.info.setdefault("preloaded", []).append(response)
    return assessment


def _invitation_and_responses(token: str, response_ids: Iterable[int]) -> dict[str, object]:
    """The bound values of a query for an invitation and the browser's responses:
    "token", then "response_0", "response_1"... A browser holds one response an
    assessment it took part in: a handful at most."""
    ids = [i for i in response_ids if could_be_an_id(i)][:_MOST_PRELOADED]
    return {"token": token, **{f"response_{n}": i for n, i in enumerate(ids)}}


# Built once: an officer's every page asks this, and building a statement costs more
# than running it. One bound value per id, not an expanding IN, which SQLAlchemy
# would render again on every run.
_MOST_PRELOADED = 10
_BY_INVITATION = select(Assessment).where(Assessment.invitation_token == bindparam("token"))


@functools.cache
def _by_invitation_with_responses(count: int):
    ids = [bindparam(f"response_{n}") for n in range(count)]
    return (
        select(Assessment, Response)
        .outerjoin(Response, (Response.assessment_id == Assessment.id) & Response.id.in_(ids))
        .where(Assessment.invitation_token == bindparam("token"))
    )


def assessments_for(council: Council) -> list[Assessment]:
    return assessments_for_councils([council])


def assessments_for_councils(councils: Iterable[Council]) -> list[Assessment]:
    ids = [council.id for council in councils]
    return list(
        db.session.scalars(
            select(Assessment)
            .where(Assessment.council_id.in_(ids))
            .order_by(Assessment.created_at.desc(), Assessment.id.desc())
        )
    )


def set_status(assessment: Assessment, status: str) -> None:
    assessment.status = status
    if status != "closed":
        # Closing again may make a new snapshot: the staff page would then show results
        # no leader has previewed, so it waits to be published again.
        unpublish_staff_page(assessment)
    db.session.flush()


def set_results_shared_on(assessment: Assessment, shared_on: date | None) -> None:
    assessment.results_shared_on = shared_on
    db.session.flush()


def publish_staff_page(assessment: Assessment, leader: User) -> None:
    assessment.staff_page_published_at = utcnow()
    assessment.staff_page_published_by = leader.id
    db.session.flush()


def unpublish_staff_page(assessment: Assessment) -> None:
    assessment.staff_page_published_at = None
    assessment.staff_page_published_by = None
    db.session.flush()


def staff_page_publisher(assessment: Assessment) -> User | None:
    if assessment.staff_page_published_by is None:
        return None
    return db.session.get(User, assessment.staff_page_published_by)


def assessment_info(assessment: Assessment) -> AssessmentInfo:
    return AssessmentInfo(
        id=str(assessment.id),
        council=assessment.council.slug,
        title=assessment.title,
        anonymity_threshold=assessment.anonymity_threshold,
    )


def headcounts(assessment: Assessment) -> dict[tuple[str, str], int]:
    rows = db.session.execute(
        select(Headcount.group_type, Headcount.group_id, Headcount.people).where(
            Headcount.assessment_id == assessment.id
        )
    )
    return {(group_type, group_id): people for group_type, group_id, people in rows}


def set_headcounts(assessment: Assessment, counts: Mapping[tuple[str, str], int | None]) -> None:
    """Replace the assessment's headcounts; a group given None or 0 has none."""
    db.session.execute(delete(Headcount).where(Headcount.assessment_id == assessment.id))
    for (group_type, group_id), people in counts.items():
        if people:
            db.session.add(
                Headcount(
                    assessment_id=assessment.id,
                    group_type=group_type,
                    group_id=group_id,
                    people=people,
                )
            )
    db.session.flush()
