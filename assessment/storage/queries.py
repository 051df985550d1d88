"""Every query the application runs. Views, the CLI and reports call these
functions; nothing else touches the session or the models' query API."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from ..framework.model import Bank, Theme
from ..framework.responses_csv import ImportedResponse
from ..framework.results_contract import AssessmentInfo
from ..framework.scoring import DONT_KNOW, Respondent, Results, score
from ..framework.scoring import Answer as AnswerValue
from . import secrets
from .base import db, utcnow
from .models import Answer, Assessment, Council, Headcount, Response, ThemeEntry, User

MAX_ID = 2**31 - 1  # ids are PostgreSQL integers


class NotFound(LookupError):
    """The thing asked for does not exist; the message says which."""


class Conflict(ValueError):
    """The change would break a rule (a slug or email already used, say)."""


def commit() -> None:
    db.session.commit()


def rollback() -> None:
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


def assessment_by_invitation(token: str) -> Assessment | None:
    return db.session.scalar(select(Assessment).where(Assessment.invitation_token == token))


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


def response_by_resume_code(assessment: Assessment, typed_code: str) -> Response | None:
    code = secrets.normalise_code(typed_code)
    if len(code) != secrets.CODE_LENGTH:
        return None
    return db.session.scalar(
        select(Response).where(
            Response.assessment_id == assessment.id,
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
    for question_id, value in answers.items():
        if not question_id.startswith(f"{theme.id}."):
            raise ValueError(f"{question_id} is not a question in the theme {theme.id}")
        level = None if value == DONT_KNOW else int(value)
        _upsert(
            Answer,
            {"response_id": response.id, "question_id": question_id},
            {"level": level, "dont_know": value == DONT_KNOW, "updated_at": now},
        )
    entry_values: dict[str, object] = {"comment": comment or None, "updated_at": now}
    if completed:
        entry_values["completed_at"] = now
    _upsert(ThemeEntry, {"response_id": response.id, "theme_id": theme.id}, entry_values)
    response.updated_at = now
    db.session.flush()


def _upsert(model: type, keys: dict[str, object], values: dict[str, object]) -> None:
    # INSERT ... ON CONFLICT DO UPDATE: two tabs saving at once cannot collide.
    dialect = db.session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
    statement = insert(model).values(**keys, **values)
    statement = statement.on_conflict_do_update(index_elements=list(keys), set_=values)
    db.session.execute(statement)


def submit_response(response: Response) -> bool:
    """Mark the response submitted; False when it already was (a second click, a refresh)."""
    result = db.session.execute(
        update(Response)
        .where(Response.id == response.id, Response.submitted_at.is_(None))
        .values(submitted_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(response)
    return result.rowcount == 1


# Imports and results


def imported_refs(assessment: Assessment) -> set[str]:
    refs = db.session.scalars(
        select(Response.respondent_ref).where(
            Response.assessment_id == assessment.id, Response.respondent_ref.is_not(None)
        )
    )
    return set(refs)


def import_responses(assessment: Assessment, imported: Iterable[ImportedResponse]) -> int:
    count = 0
    now = utcnow()
    try:
        for row in imported:
            response = Response(
                assessment=assessment,
                role_tier=row.role,
                service_area=row.service_area,
                source="import",
                respondent_ref=row.respondent,
                submitted_at=now,
            )
            response.answers = [
                Answer(
                    question_id=qid,
                    level=None if value == DONT_KNOW else int(value),
                    dont_know=value == DONT_KNOW,
                )
                for qid, value in row.answers.items()
            ]
            db.session.add(response)
            count += 1
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise Conflict("a respondent in the file was imported at the same time") from error
    return count


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


def scored_results(assessment: Assessment, bank: Bank) -> Results:
    return score(bank, submitted_respondents(assessment), assessment.anonymity_threshold)


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
    for group_type, column in (
        ("role", Response.role_tier),
        ("service_area", Response.service_area),
    ):
        rows = db.session.execute(
            select(column, func.count(Response.id), func.count(Response.submitted_at))
            .where(Response.assessment_id == assessment.id)
            .group_by(column)
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


def theme_comments(assessment: Assessment, theme_id: str) -> list[str]:
    """Submitted comments on a theme, alphabetical so their order says nothing of who or when."""
    return sorted(
        db.session.scalars(
            select(ThemeEntry.comment)
            .join(Response, Response.id == ThemeEntry.response_id)
            .where(
                Response.assessment_id == assessment.id,
                Response.submitted_at.is_not(None),
                ThemeEntry.theme_id == theme_id,
                ThemeEntry.comment.is_not(None),
            )
        ),
        key=str.casefold,
    )
