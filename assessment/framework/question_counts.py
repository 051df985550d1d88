"""How many people chose each answer to one question, for the council and each group.

The shape the question drill-down, the results JSON's `questions` key and the
findings share (issue 23). A group's counts are None where they may not be
shown (FRAMEWORK.md "Anonymity": the group is suppressed, or fewer than k
people answered the question in it, or secondary suppression hid it), so a
reader can never tell a hidden figure from one that was zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .scoring import DONT_KNOW

# "1".."5" and "dk" -> how many chose it.
Counts = Mapping[str, int]
ANSWERS = ("1", "2", "3", "4", "5", DONT_KNOW)


@dataclass(frozen=True)
class QuestionCounts:
    """One question's answers: the council's and each role tier's and service area's,
    every group of the bank in bank order, None where hidden."""

    question_id: str
    council: Counts | None
    roles: Mapping[str, Counts | None]
    service_areas: Mapping[str, Counts | None]


def answered(counts: Counts) -> int:
    """How many people gave this question a level or "Don't know"."""
    return sum(counts.get(answer, 0) for answer in ANSWERS)


def dont_know_share(counts: Counts) -> float | None:
    """The share of answers that were "Don't know"; None when nobody answered."""
    total = answered(counts)
    return counts.get(DONT_KNOW, 0) / total if total else None
