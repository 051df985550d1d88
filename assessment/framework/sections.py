"""Where an officer stands with each section (theme) and whether they may submit.

The status is worked out from the answers alone (FRAMEWORK.md, "Sections and
submitting"), so it can never disagree with them: pressing a button on an empty
page changes nothing, and a submitted response has an answer to every question.
"Don't know" is an answer.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .model import Bank, Theme

NOT_STARTED, IN_PROGRESS, COMPLETED = "not-started", "in-progress", "completed"


def section_status(theme: Theme, answered: Collection[str]) -> str:
    """The theme's status, given the ids of the questions the response has answered."""
    done = sum(1 for question_id in theme.question_ids if question_id in answered)
    if done == 0:
        return NOT_STARTED
    return COMPLETED if done == len(theme.question_ids) else IN_PROGRESS


@dataclass(frozen=True)
class SectionLeft:
    theme: Theme
    status: str
    unanswered: tuple[str, ...]  # question ids, in bank order


def sections_left(bank: Bank, answered: Collection[str]) -> list[SectionLeft]:
    """The sections not yet completed, in bank order; empty when every one is."""
    left = []
    for theme in bank.themes:
        status = section_status(theme, answered)
        if status != COMPLETED:
            missing = tuple(q for q in theme.question_ids if q not in answered)
            left.append(SectionLeft(theme, status, missing))
    return left


def about_you_complete(role_tier: str | None, service_area: str | None) -> bool:
    return bool(role_tier) and bool(service_area)


def may_submit(
    bank: Bank, role_tier: str | None, service_area: str | None, answered: Collection[str]
) -> bool:
    return about_you_complete(role_tier, service_area) and not sections_left(bank, answered)
