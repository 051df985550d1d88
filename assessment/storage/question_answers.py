"""How many submitted responses chose each answer to each question, by role tier and
service area: what the question drill-down is made from (framework/question_counts.py
suppresses it), in one GROUP BY however many people answered."""

from __future__ import annotations

from sqlalchemy import func, select

from ..framework.model import Bank
from ..framework.question_counts import ChosenCount
from ..framework.scoring import DONT_KNOW
from . import responses
from .base import db
from .models import Answer, Assessment, Response


def chosen_counts(assessment: Assessment, bank: Bank) -> list[ChosenCount]:
    """Every (role tier, service area, question, answer) of the assessment's submitted
    responses with how many chose it; questions the bank doesn't have are left out."""
    group = (Response.role_tier, Response.service_area, Answer.question_id)
    rows = db.session.execute(
        select(*group, Answer.level, Answer.dont_know, func.count())
        .join(Response, Response.id == Answer.response_id)
        .where(
            *responses.submitted_in(assessment),
            Answer.question_id.in_([q.id for q in bank.questions]),
        )
        .group_by(*group, Answer.level, Answer.dont_know)
    )
    return [
        ChosenCount(role, area, question_id, DONT_KNOW if dont_know else str(level), count)
        for role, area, question_id, level, dont_know, count in rows
    ]
