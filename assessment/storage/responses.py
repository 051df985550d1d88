"""Responses and their answers: an officer's journey (start, resume, save a theme,
submit) and the one loader of responses with their answers that results, the
council's archive and tally repairs build on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select, update

from ..framework.model import Bank, Theme
from ..framework.scoring import DONT_KNOW, Respondent
from ..framework.scoring import Answer as AnswerValue
from . import officer_pages, secrets, tallies
from .base import could_be_an_id, db, utcnow
from .models import Answer, Assessment, Response, ThemeEntry


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
    return db.session.get(Response, response_id) if could_be_an_id(response_id) else None


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
    return {qid: _value(level, dont_know) for qid, level, dont_know in rows}


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


# Responses with their answers


def submitted_in(assessment: Assessment) -> tuple[ColumnElement[bool], ...]:
    """What picks out the assessment's submitted responses, for respondents()."""
    return (Response.assessment_id == assessment.id, Response.submitted_at.is_not(None))


def respondents(*where: ColumnElement[bool]) -> dict[int, Respondent]:
    """Response id -> the response as the scoring core reads it (role, service area,
    answers), for every response `where` picks out, in id order; in two queries
    however many there are, and one when there are none."""
    people = db.session.execute(
        select(Response.id, Response.role_tier, Response.service_area)
        .where(*where)
        .order_by(Response.id)
    ).all()
    if not people:
        return {}
    answers: dict[int, dict[str, AnswerValue]] = defaultdict(dict)
    rows = db.session.execute(
        select(Answer.response_id, Answer.question_id, Answer.level, Answer.dont_know)
        .join(Response, Response.id == Answer.response_id)
        .where(*where)
    )
    for response_id, question_id, level, dont_know in rows:
        answers[response_id][question_id] = _value(level, dont_know)
    return {
        rid: Respondent(role=role, service_area=area, answers=answers.get(rid, {}))
        for rid, role, area in people
    }


def submitted_respondents(assessment: Assessment) -> list[Respondent]:
    """The assessment's submitted responses, in id order."""
    return list(respondents(*submitted_in(assessment)).values())


def _value(level: int | None, dont_know: bool) -> AnswerValue:
    return DONT_KNOW if dont_know else level
