"""A section's status and whether a response may be submitted, from its answers alone."""

from __future__ import annotations

from pathlib import Path

from assessment.framework.loader import load_bank
from assessment.framework.sections import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    may_submit,
    section_status,
    sections_left,
)

BANK = load_bank(Path(__file__).parent.parent / "fixtures" / "questions" / "two_themes")
CULTURE = BANK.theme("culture")


def test_a_section_is_not_started_in_progress_or_completed_by_its_answers():
    assert section_status(CULTURE, set()) == NOT_STARTED
    assert section_status(CULTURE, {"technology.legacy"}) == NOT_STARTED  # another theme's
    assert section_status(CULTURE, {"culture.change"}) == IN_PROGRESS
    assert section_status(CULTURE, {"culture.change", "culture.test_and_learn"}) == COMPLETED


def test_the_sections_left_name_their_unanswered_questions_in_bank_order():
    left = sections_left(BANK, {"culture.change"})
    assert [(s.theme.id, s.status, s.unanswered) for s in left] == [
        ("culture", IN_PROGRESS, ("culture.test_and_learn",)),
        ("technology", NOT_STARTED, ("technology.legacy",)),
    ]


def test_a_response_may_be_submitted_only_with_about_you_and_every_question_answered():
    every = {"culture.change", "culture.test_and_learn", "technology.legacy"}
    assert may_submit(BANK, "frontline", "housing", every)
    assert not may_submit(BANK, "frontline", "housing", every - {"technology.legacy"})
    assert not may_submit(BANK, None, "housing", every)
    assert not may_submit(BANK, "frontline", "", every)
