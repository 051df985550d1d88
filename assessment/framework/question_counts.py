"""How many people chose each answer to one question, for the council and each group.

The shape the question drill-down, the results JSON's `questions` key and the
findings share (issue 23). A group's counts are None where they may not be
shown (FRAMEWORK.md "Anonymity": the group is suppressed, or fewer than k
people answered the question in it, or secondary suppression hid it), so a
reader can never tell a hidden figure from one that was zero.

A question's counts go no further than its theme's score: the council's and a
group's are shown only where that theme's cell is shown. A theme of few
questions is scored almost exactly from their distributions, so counts shown
under a hidden cell would undo its suppression. Within that, each breakdown
(role tiers; service areas) is suppressed question by question with the one
rule (suppression.shown_groups), counting the people who answered the question:
a hidden group's or hidden cell's answerers count as hidden, so the council's
counts minus the shown groups' never leave 1 to k-1 people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .model import LEVELS, PREFER_NOT_TO_SAY, Bank, Question
from .scoring import DONT_KNOW, GroupResult, Results
from .suppression import shown_groups
from .text import _, list_of

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


@dataclass(frozen=True)
class ChosenCount:
    """How many submitted responses of one role tier and service area gave one answer
    to one question: a row of storage's count, before anything is suppressed."""

    role: str
    service_area: str
    question_id: str
    answer: str  # "1".."5" or "dk"
    people: int


def answered(counts: Counts) -> int:
    """How many people gave this question a level or "Don't know"."""
    return sum(counts.get(answer, 0) for answer in ANSWERS)


def dont_know_share(counts: Counts) -> float | None:
    """The share of answers that were "Don't know"; None when nobody answered."""
    total = answered(counts)
    return counts.get(DONT_KNOW, 0) / total if total else None


def most_chosen(counts: Counts) -> tuple[int, ...]:
    """The level or levels (joint, in level order) most people chose; () when nobody
    chose a level. "Don't know" is not a statement, so it is never one of them."""
    top = max((counts.get(str(level), 0) for level in LEVELS), default=0)
    if top == 0:
        return ()
    return tuple(level for level in LEVELS if counts.get(str(level), 0) == top)


def question_counts(
    bank: Bank, chosen: Iterable[ChosenCount], results: Results
) -> dict[str, QuestionCounts]:
    """Question id -> its counts, for every question of the bank in bank order, hidden
    where FRAMEWORK.md "Anonymity" says (see the module's docstring). `results` are the
    assessment's, scored from the same responses: their suppression of groups and
    theme cells is the one these counts follow."""
    cells = _added_up(bank, chosen)
    found = {}
    for theme in bank.themes:
        for question in theme.questions:
            by_cell = cells.get(question.id, {})
            council = _sum(by_cell.values())
            shown = _council_shown(results, theme.id, council)
            found[question.id] = QuestionCounts(
                question.id,
                council if shown else None,
                _breakdown(results.roles, theme.id, by_cell, 0, shown, results.threshold),
                _breakdown(results.service_areas, theme.id, by_cell, 1, shown, results.threshold),
            )
    return found


def most_said(question: Question, counts: Counts) -> str:
    """The statement most people chose, in words; on a tie, every tied statement; and
    plainly so when more people did not know than chose any one statement."""
    levels = most_chosen(counts)
    if not levels:
        return _('Nobody chose a statement: everyone who answered said "Don\'t know".')
    statements = list_of([f"“{question.level_text(level)}”" for level in levels])
    if counts.get(DONT_KNOW, 0) > counts.get(str(levels[0]), 0):
        return _(
            'More people answered "Don\'t know" than chose any one statement. '
            "Of the statements, the most chosen: %(statements)s",
            statements=statements,
        )
    if len(levels) > 1:
        return _("Equal numbers chose: %(statements)s", statements=statements)
    return _("Most people said: %(statements)s", statements=statements)


def _added_up(bank: Bank, chosen: Iterable[ChosenCount]) -> dict[str, dict[tuple, dict]]:
    """Question id -> (role, area) -> answer -> people, every answer key present."""
    roles = {o.id for o in bank.roles}
    areas = {o.id for o in bank.service_areas}
    cells: dict[str, dict[tuple, dict]] = defaultdict(dict)
    for row in chosen:
        if row.answer not in ANSWERS or row.people < 0:
            raise ValueError(f"{row.question_id}: {row.people} people cannot answer {row.answer!r}")
        if not bank.has_question(row.question_id):
            continue  # an answer to a question the bank doesn't have counts nowhere
        # A role or area the bank doesn't know counts as not said, as scoring counts it.
        key = (
            row.role if row.role in roles else PREFER_NOT_TO_SAY,
            row.service_area if row.service_area in areas else PREFER_NOT_TO_SAY,
        )
        counts = cells[row.question_id].setdefault(key, dict.fromkeys(ANSWERS, 0))
        counts[row.answer] += row.people
    return cells


def _sum(counts: Iterable[Counts]) -> dict[str, int]:
    total = dict.fromkeys(ANSWERS, 0)
    for each in counts:
        for answer in ANSWERS:
            total[answer] += each[answer]
    return total


def _council_shown(results: Results, theme_id: str, council: Counts) -> bool:
    group = results.council
    return (
        not group.suppressed
        and not group.theme(theme_id).suppressed
        and answered(council) >= results.threshold
    )


def _breakdown(
    groups: Sequence[GroupResult],
    theme_id: str,
    by_cell: Mapping[tuple, Counts],
    position: int,
    council_shown: bool,
    threshold: int,
) -> dict[str, Counts | None]:
    """Each group of one breakdown (its id at `position` in a cell's key) -> its counts,
    or None where hidden."""
    counts = [_sum(c for key, c in by_cell.items() if key[position] == g.id) for g in groups]
    # Nothing about a group is shown where the council's own counts are not.
    hidden = [not council_shown or g.suppressed or g.theme(theme_id).suppressed for g in groups]
    shown = shown_groups([answered(c) for c in counts], threshold, hidden)
    return {g.id: c if s else None for g, c, s in zip(groups, counts, shown, strict=True)}
