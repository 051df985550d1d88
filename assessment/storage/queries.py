"""Every query the application runs. Views, the CLI and reports call these
functions; nothing else touches the session or the models' query API."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    bindparam,
    delete,
    func,
    select,
    text,
    update,
)

from ..framework.model import Bank, Theme
from ..framework.results_contract import AssessmentInfo
from ..framework.scoring import (
    DONT_KNOW,
    Respondent,
)
from ..framework.scoring import Answer as AnswerValue
from . import database, officer_pages, secrets, tallies
from .base import db, utcnow
from .models import (
    Answer,
    Assessment,
    Council,
    Headcount,
    Response,
    ResponseTally,
    ThemeEntry,
    User,
)

MAX_ID = 2**31 - 1  # ids are PostgreSQL integers


class Conflict(ValueError):
    """The change would break a rule (a slug or email already used, say)."""


def commit() -> None:
    if database.session_in_use():  # else nothing was staged to commit
        db.session.commit()


def rollback() -> None:
    if database.session_in_use():
        db.session.rollback()


# Councils and users


def create_council(slug: str, name: str) -> Council:
    if council_by_slug(slug) is not None:
        raise Conflict(f"a council with the slug {slug!r} already exists")
    council = Council(slug=slug, name=name)
    db.session.add(council)
    db.session.flush()
    return council


def all_councils() -> list[Council]:
    return list(db.session.scalars(select(Council).order_by(Council.name)))


def council_by_id(council_id: int) -> Council | None:
    return db.session.get(Council, council_id) if _could_be_an_id(council_id) else None


def leaders_of(council: Council) -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.council_id == council.id).order_by(User.email))
    )


def council_by_slug(slug: str) -> Council | None:
    return db.session.scalar(select(Council).where(Council.slug == slug))


def create_user(email: str, password_hash: str, role: str, council: Council | None) -> User:
    email = email.strip().lower()
    if user_by_email(email) is not None:
        raise Conflict(f"a user with the email {email!r} already exists")
    user = User(email=email, password_hash=password_hash, role=role, council=council)
    db.session.add(user)
    db.session.flush()
    return user


def user_by_id(user_id: int) -> User | None:
    return db.session.get(User, user_id) if _could_be_an_id(user_id) else None


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


# Assessments


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
    if not _could_be_an_id(assessment_id):
        return None
    return db.session.get(Assessment, assessment_id)


def _could_be_an_id(value: int) -> bool:
    # Ids are positive PostgreSQL integers; asking for a bigger one fails the
    # whole transaction (and SQLite overflows), so it is simply not found.
    return 0 < value <= MAX_ID


def assessment_by_invitation(token: str, with_responses: Iterable[int] = ()) -> Assessment | None:
    """The assessment an invitation link names. Those of `with_responses` that belong to
    it are loaded in the same query, so response_by_id then asks the database nothing."""
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
    ids = [i for i in response_ids if _could_be_an_id(i)][:_MOST_PRELOADED]
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
    db.session.flush()


# Responses: an officer's journey


@dataclass(frozen=True)
class ResumeSecrets:
    """Shown to the officer once, in their session; the database keeps only hashes."""

    token: str
    code: str


def start_response(
    assessment: Assessment, role_tier: str, service_area: str
) -> tuple[Response, ResumeSecrets]:
    resume = ResumeSecrets(token=secrets.new_token(), code=_unused_code(assessment))
    response = Response(
        assessment=assessment,
        role_tier=role_tier,
        service_area=service_area,
        resume_token_hash=secrets.digest(resume.token),
        resume_code_hash=secrets.digest(resume.code),
    )
    db.session.add(response)
    db.session.flush()
    return response, resume


def _unused_code(assessment: Assessment) -> str:
    while True:
        code = secrets.new_resume_code()
        taken = db.session.scalar(
            select(Response.id).where(
                Response.assessment_id == assessment.id,
                Response.resume_code_hash == secrets.digest(code),
            )
        )
        if taken is None:
            return code


def response_by_id(response_id: int) -> Response | None:
    return db.session.get(Response, response_id) if _could_be_an_id(response_id) else None


def response_by_resume_token(token: str) -> Response | None:
    return db.session.scalar(
        select(Response).where(Response.resume_token_hash == secrets.digest(token))
    )


def response_by_resume_code(assessment_id: int, typed_code: str) -> Response | None:
    code = secrets.normalise_code(typed_code)
    if len(code) != secrets.CODE_LENGTH:
        return None
    return db.session.scalar(
        select(Response).where(
            Response.assessment_id == assessment_id,
            Response.resume_code_hash == secrets.digest(code),
        )
    )


def update_about_you(response: Response, role_tier: str, service_area: str) -> None:
    response.role_tier = role_tier
    response.service_area = service_area
    response.updated_at = utcnow()
    db.session.flush()


def answers_for(response: Response) -> dict[str, AnswerValue]:
    rows = db.session.execute(
        select(Answer.question_id, Answer.level, Answer.dont_know).where(
            Answer.response_id == response.id
        )
    )
    return {qid: (DONT_KNOW if dont_know else level) for qid, level, dont_know in rows}


def theme_entries_for(response: Response) -> dict[str, ThemeEntry]:
    entries = db.session.scalars(select(ThemeEntry).where(ThemeEntry.response_id == response.id))
    return {entry.theme_id: entry for entry in entries}


def save_theme(
    response: Response,
    theme: Theme,
    answers: Mapping[str, AnswerValue],
    comment: str | None,
    completed: bool,
) -> None:
    """Store one theme page. Questions not in `answers` keep what they had: an
    empty radio group means "not answered on this page", never "forget it"."""
    now = utcnow()
    officer_pages.write_theme(
        db.session.connection(), response.id, theme, answers, comment, completed, now
    )
    response.updated_at = now
    db.session.flush()


class IncompleteResponse(ValueError):
    """A submit of a response that has not answered about you and every question."""


def submit_response(response: Response, bank: Bank) -> bool:
    """Mark the response submitted and score it once for results; False when it already
    was submitted (a second click, a refresh). Raises IncompleteResponse, changing
    nothing, unless about you and every question in the bank have an answer ("Don't
    know" is one): a submitted response always answers every question (FRAMEWORK.md).
    The check is in the update itself, so no save can slip between it and the submit."""
    question_ids = [question.id for question in bank.questions]
    answered = (
        select(func.count())
        .select_from(Answer)
        .where(Answer.response_id == response.id, Answer.question_id.in_(question_ids))
        .scalar_subquery()
    )
    result = db.session.execute(
        update(Response)
        .where(
            Response.id == response.id,
            Response.submitted_at.is_(None),
            Response.role_tier.is_not(None),
            Response.service_area.is_not(None),
            answered == len(question_ids),
        )
        .values(submitted_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(response)
    if result.rowcount != 1:
        if response.submitted:
            return False
        raise IncompleteResponse(f"response {response.id} has not answered every question")
    respondent = Respondent(response.role_tier, response.service_area, answers_for(response))
    tallies.store(bank, [(response.id, respondent)])
    return True


# Imports and results


def refresh_planner_statistics() -> None:
    """After a bulk import: let the database plan with the new row counts at once
    (autovacuum would, a minute or so later; until then results could take seconds)."""
    for model in (Response, Answer, ResponseTally):
        db.session.execute(text(f"ANALYZE {model.__tablename__}"))
    db.session.commit()


def submitted_respondents(assessment: Assessment) -> list[Respondent]:
    """The submitted responses as the scoring core wants them, in two queries."""
    submitted = (
        select(Response.id, Response.role_tier, Response.service_area)
        .where(Response.assessment_id == assessment.id, Response.submitted_at.is_not(None))
        .order_by(Response.id)
    )
    people = {rid: (role, area) for rid, role, area in db.session.execute(submitted)}
    answers: dict[int, dict[str, AnswerValue]] = defaultdict(dict)
    rows = db.session.execute(
        select(Answer.response_id, Answer.question_id, Answer.level, Answer.dont_know)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.assessment_id == assessment.id, Response.submitted_at.is_not(None))
    )
    for response_id, question_id, level, dont_know in rows:
        answers[response_id][question_id] = DONT_KNOW if dont_know else level
    return [
        Respondent(role=role, service_area=area, answers=answers.get(rid, {}))
        for rid, (role, area) in people.items()
    ]


def assessment_info(assessment: Assessment) -> AssessmentInfo:
    return AssessmentInfo(
        id=str(assessment.id),
        council=assessment.council.slug,
        title=assessment.title,
        anonymity_threshold=assessment.anonymity_threshold,
    )


def response_counts(assessment: Assessment) -> tuple[int, int]:
    """(started, submitted) for an assessment."""
    started, submitted = db.session.execute(
        select(func.count(Response.id), func.count(Response.submitted_at)).where(
            Response.assessment_id == assessment.id
        )
    ).one()
    return started, submitted


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


def level_counts(assessment: Assessment, theme: Theme) -> dict[str, dict[str, int]]:
    """Question id -> {"1".."5", "dk": how many submitted responses chose it}."""
    counts = {
        q.id: {**{str(level): 0 for level in range(1, 6)}, DONT_KNOW: 0} for q in theme.questions
    }
    rows = db.session.execute(
        select(Answer.question_id, Answer.level, Answer.dont_know, func.count())
        .join(Response, Response.id == Answer.response_id)
        .where(
            Response.assessment_id == assessment.id,
            Response.submitted_at.is_not(None),
            Answer.question_id.in_(theme.question_ids),
        )
        .group_by(Answer.question_id, Answer.level, Answer.dont_know)
    )
    for question_id, level, dont_know, count in rows:
        counts[question_id][DONT_KNOW if dont_know else str(level)] += count
    return counts


def latest_submission(assessment: Assessment) -> datetime | None:
    return db.session.scalar(
        select(func.max(Response.submitted_at)).where(Response.assessment_id == assessment.id)
    )


# Retention and data rights


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


def submitted_answers(assessment: Assessment) -> list[tuple[str, str, dict[str, AnswerValue]]]:
    """(role, service area, answers) for each submitted response, in no telling order
    beyond the database's: callers that export them shuffle them."""
    people = db.session.execute(
        select(Response.id, Response.role_tier, Response.service_area).where(
            Response.assessment_id == assessment.id, Response.submitted_at.is_not(None)
        )
    ).all()
    answers: dict[int, dict[str, AnswerValue]] = defaultdict(dict)
    rows = db.session.execute(
        select(Answer.response_id, Answer.question_id, Answer.level, Answer.dont_know)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.assessment_id == assessment.id, Response.submitted_at.is_not(None))
    )
    for response_id, question_id, level, dont_know in rows:
        answers[response_id][question_id] = DONT_KNOW if dont_know else level
    return [(role, area, answers.get(rid, {})) for rid, role, area in people]


# Health


def ping() -> None:
    """Raises unless the database answers."""
    db.session.execute(select(1))
