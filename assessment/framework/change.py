"""Change since the last round, like for like (FRAMEWORK.md, "Rounds and change").

Two rounds may be scored with different bank versions, so their full scores are
not comparable: a question added or dropped moves a theme's score without anyone
changing. Here each round is scored again on only the questions both banks share
(by question id, within the same theme, each with its own bank's weight), by the
scoring core itself (scoring.score_cells) on a bank cut down to those questions.
So the like-for-like scores follow the core's rules exactly, suppression included.

Anonymity. A change is shown only where the group's cell is shown in both rounds,
both in the like-for-like scoring (the core's own k and secondary suppression, so
like-for-like figures can't be subtracted from each other to reveal fewer than k
people) and in each round's published results (so a change never speaks for a
cell leaders can't see). What about a like-for-like score beside the full score
of the same group and theme? They are means of two different quantities (each
person's score on the shared questions; each person's score on all of them), so
neither their difference nor the difference of their sums is anyone's score: the
sets of people behind them may differ only by those who answered no shared
question, and the sum over them is not isolated, since everyone else's score
differs between the two as well. No count of like-for-like scorers is published,
either, so the size of that difference is not known. tests/unit/test_change.py
tries the attack.

Pure: banks, cells and results in, frozen figures out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .model import PILLARS, Bank, Theme
from .scoring import Cell, GroupResult, Results, ThemeResult, score_cells
from .tally import mean

# A theme needs at least this many shared questions to be compared at all.
MIN_SHARED = 2
# 1.96: the two-sided 95% point of the normal distribution.
CLEAR_Z = Fraction(196, 100)
LIKE_FOR_LIKE = "like-for-like"


@dataclass(frozen=True)
class Round:
    """One round as change reads it: its bank, its anonymity threshold, what its
    leaders were shown (the snapshot's results) and its responses as cells scored on
    the like-for-like bank (like_for_like_bank) - or any cells, when the caller wants
    the core to score them (see compare)."""

    bank: Bank
    threshold: int
    published: Results | None  # None: no results yet (a round still open), so nothing shown
    cells: Iterable[Cell]


@dataclass(frozen=True)
class ThemeChange:
    theme_id: str
    questions_compared: int
    # Like-for-like scores, unrounded; None when not comparable or not shown.
    previous: float | None
    current: float | None
    change: float | None
    clear: bool | None

    @property
    def comparable(self) -> bool:
        return self.questions_compared >= MIN_SHARED

    @property
    def shown(self) -> bool:
        return self.change is not None


@dataclass(frozen=True)
class Summary:
    """An overall, pillar or gap figure, like for like: over the themes whose change is shown."""

    previous: float | None
    current: float | None

    @property
    def change(self) -> float | None:
        return _difference(self.current, self.previous)


@dataclass(frozen=True)
class GroupChange:
    group_type: str
    id: str
    label: str
    shown: bool  # the group is shown in both rounds, both like for like and as published
    themes: tuple[ThemeChange, ...]
    overall: Summary
    pillars: Mapping[str, Summary]
    people_first_gap: Summary

    def theme(self, theme_id: str) -> ThemeChange:
        for result in self.themes:
            if result.theme_id == theme_id:
                return result
        raise KeyError(theme_id)


@dataclass(frozen=True)
class Change:
    previous_id: str
    previous_bank_version: str
    current_bank_version: str
    council: GroupChange
    roles: tuple[GroupChange, ...]
    service_areas: tuple[GroupChange, ...]

    @property
    def questions_compared(self) -> int:
        """Questions compared across themes (a theme not comparable compares none)."""
        return sum(t.questions_compared for t in self.council.themes if t.comparable)


def shared_questions(current: Bank, previous: Bank) -> dict[str, tuple[str, ...]]:
    """Theme id of the current bank -> ids of its questions that the previous bank has in
    the same theme, in the current bank's order."""
    shared = {}
    for theme in current.themes:
        before = set(previous.theme(theme.id).question_ids) if previous.has_theme(theme.id) else ()
        shared[theme.id] = tuple(q for q in theme.question_ids if q in before)
    return shared


def like_for_like_banks(current: Bank, previous: Bank) -> tuple[Bank, Bank]:
    """Each round's bank cut down to the questions both share: the banks to score each
    round's responses on (Round.cells)."""
    shared = shared_questions(current, previous)
    return like_for_like_bank(current, current, shared), like_for_like_bank(
        previous, current, shared
    )


def like_for_like_bank(bank: Bank, current: Bank, shared: Mapping[str, Sequence[str]]) -> Bank:
    """`bank` cut down to the shared questions (each keeping `bank`'s own weight), with the
    current bank's themes in its order (a theme the previous bank lacks is there, empty).
    Its version is not `bank`'s, so no tally stored for the full bank is ever read as a
    like-for-like one."""
    themes = []
    for theme in current.themes:
        keep = set(shared[theme.id])
        found = bank.theme(theme.id).questions if bank.has_theme(theme.id) else ()
        themes.append(_with_questions(theme, tuple(q for q in found if q.id in keep)))
    return Bank(
        version=f"{bank.version}+{LIKE_FOR_LIKE}",
        levels=bank.levels,
        roles=bank.roles,
        service_areas=bank.service_areas,
        themes=tuple(themes),
    )


def compare(previous_id: str, current: Round, previous: Round) -> Change:
    """This round minus the previous one, like for like, for the council and each role tier
    and service area; `Round.cells` must be scored on each round's like-for-like bank
    (like_for_like_banks)."""
    shared = shared_questions(current.bank, previous.bank)
    now_bank, before_bank = like_for_like_banks(current.bank, previous.bank)
    now = score_cells(now_bank, current.cells, current.threshold)
    before = score_cells(before_bank, previous.cells, previous.threshold)

    def groups(now_groups, before_groups, published_now, published_before):
        found_before = {g.id: g for g in before_groups}
        found_published_now = {g.id: g for g in published_now}
        found_published_before = {g.id: g for g in published_before}
        return tuple(
            _group_change(
                current.bank,
                shared,
                group,
                found_before.get(group.id),
                found_published_now.get(group.id),
                found_published_before.get(group.id),
            )
            for group in now_groups
        )

    [council] = groups(
        [now.council],
        [before.council],
        _published(current, "council"),
        _published(previous, "council"),
    )
    return Change(
        previous_id=previous_id,
        previous_bank_version=previous.bank.version,
        current_bank_version=current.bank.version,
        council=council,
        roles=groups(
            now.roles, before.roles, _published(current, "roles"), _published(previous, "roles")
        ),
        service_areas=groups(
            now.service_areas,
            before.service_areas,
            _published(current, "service_areas"),
            _published(previous, "service_areas"),
        ),
    )


def is_clear(change: float, now: ThemeResult, before: ThemeResult) -> bool:
    """|change| > 1.96 x sqrt(s1^2/n1 + s2^2/n2), worked exactly (squared, in fractions),
    so a change right at the boundary is never tipped either way by rounding."""
    assert now.spread is not None and before.spread is not None
    assert now.respondents and before.respondents
    bound = CLEAR_Z**2 * (
        Fraction(now.spread) ** 2 / now.respondents
        + Fraction(before.spread) ** 2 / before.respondents
    )
    return Fraction(change) ** 2 > bound


def _group_change(
    bank: Bank,
    shared: Mapping[str, Sequence[str]],
    now: GroupResult,
    before: GroupResult | None,
    published_now: GroupResult | None,
    published_before: GroupResult | None,
) -> GroupChange:
    shown = (
        before is not None
        and published_now is not None
        and published_before is not None
        and not (now.suppressed or before.suppressed)
        and not (published_now.suppressed or published_before.suppressed)
    )
    themes = tuple(
        _theme_change(
            theme_id,
            len(question_ids),
            now.theme(theme_id),
            before.theme(theme_id) if shown and before else None,
            _cell_shown(published_now, theme_id) and _cell_shown(published_before, theme_id),
        )
        for theme_id, question_ids in shared.items()
    )
    shown_themes = [t for t in themes if t.shown]
    pillar_of = {t.id: t.pillar for t in bank.themes}

    def summary(changes: Sequence[ThemeChange]) -> Summary:
        return Summary(mean([t.previous for t in changes]), mean([t.current for t in changes]))

    pillars = {p: summary([t for t in shown_themes if pillar_of[t.theme_id] == p]) for p in PILLARS}
    gap = Summary(
        _difference(pillars["people"].previous, pillars["technology"].previous),
        _difference(pillars["people"].current, pillars["technology"].current),
    )
    return GroupChange(
        now.group_type, now.id, now.label, shown, themes, summary(shown_themes), pillars, gap
    )


def _theme_change(
    theme_id: str,
    compared: int,
    now: ThemeResult,
    before: ThemeResult | None,
    published_shown: bool,
) -> ThemeChange:
    hidden = ThemeChange(theme_id, compared, None, None, None, None)
    if compared < MIN_SHARED or before is None or not published_shown:
        return hidden
    if now.score is None or before.score is None:
        return hidden
    change = now.score - before.score
    return ThemeChange(
        theme_id, compared, before.score, now.score, change, is_clear(change, now, before)
    )


def _published(round_: Round, breakdown: str) -> Sequence[GroupResult]:
    if round_.published is None:
        return ()
    if breakdown == "council":
        return (round_.published.council,)
    return getattr(round_.published, breakdown)


def _cell_shown(group: GroupResult | None, theme_id: str) -> bool:
    if group is None or group.suppressed:
        return False
    try:
        return group.theme(theme_id).score is not None
    except KeyError:
        return False


def _with_questions(theme: Theme, questions: tuple) -> Theme:
    return Theme(
        theme.id, theme.title, theme.pillar, theme.summary, questions, theme.recommendations
    )


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b
