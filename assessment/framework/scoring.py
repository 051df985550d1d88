"""The scoring rules: from submitted answers to the figures a council sees.

FRAMEWORK.md ("Scoring (exact)" and "Anonymity") is the specification; this
module is its executable form. It is pure: it takes the bank and the answers,
and returns frozen results, so any page, export or test gets the same figures.

Anonymity is applied here, once, rather than in each page or export: a
suppressed figure is None in the results, so nothing downstream can leak it.

Results must not depend on the order respondents or answers arrive in (a
re-import or a database returning rows in another order must not move a score
by one bit), so every sum is exact: scores are tallied as integers (tally.py), and means
and spreads read from the tallies are exactly what Fractions and
statistics.stdev would give.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from .display import rounded, shown
from .model import LEVELS, PILLARS, PREFER_NOT_TO_SAY, Bank, Option, Theme
from .suppression import shown_groups
from .tally import ThemeTally, mean

DONT_KNOW = "dk"
Answer = int | Literal["dk"]
MIN_THRESHOLD = 3
DEFAULT_THRESHOLD = 5
_COUNCIL = Option("council", "Whole council")
LEADERSHIP = "leadership"
FRONTLINE = "frontline"

# Lower edge of levels 2 to 5; level 1 is everything from 1.0 up to the first edge.
BAND_EDGES = (1.8, 2.6, 3.4, 4.2)


@dataclass(frozen=True)
class Respondent:
    role: str
    service_area: str
    # Question id -> answer, for submitted responses only; a missing answer is absent.
    answers: Mapping[str, Answer]


@dataclass(frozen=True)
class ThemeResult:
    theme_id: str
    pillar: str
    score: float | None
    level: int | None
    respondents: int | None
    spread: float | None
    dont_know_share: float | None
    suppressed: bool


@dataclass(frozen=True)
class GroupResult:
    group_type: str
    id: str
    label: str
    respondents: int | None
    suppressed: bool
    overall: float | None
    overall_level: int | None
    pillars: Mapping[str, float | None]
    people_first_gap: float | None
    themes: tuple[ThemeResult, ...]

    def theme(self, theme_id: str) -> ThemeResult:
        for result in self.themes:
            if result.theme_id == theme_id:
                return result
        raise KeyError(theme_id)


@dataclass(frozen=True)
class Results:
    threshold: int
    council: GroupResult
    roles: tuple[GroupResult, ...]
    service_areas: tuple[GroupResult, ...]
    perception_gap: Mapping[str, float | None] | None

    def role(self, role_id: str) -> GroupResult:
        return _find(self.roles, role_id)

    def service_area(self, area_id: str) -> GroupResult:
        return _find(self.service_areas, area_id)


def level_for(score: float) -> int:
    """The maturity level of a score: the band of its shown one-decimal value.

    A level never contradicts the number beside it: 2.55 shows as 2.6 and is
    Established, 2.549 shows as 2.5 and is Developing. Every level (pages, PDF,
    CSV, Excel, JSON) comes from here.
    """
    if not LEVELS[0] <= rounded(score) <= LEVELS[-1]:
        raise ValueError(f"a score must be between 1 and 5, not {score!r}")
    value = shown(score)
    return 1 + sum(1 for edge in BAND_EDGES if value >= edge)


def respondent_theme_scores(bank: Bank, respondent: Respondent) -> dict[str, float]:
    """Theme id -> this respondent's weighted mean level, for themes where they gave a level."""
    scores = {}
    for theme in bank.themes:
        levels = _levels_in(theme, respondent.answers)
        if levels:
            total = sum(Fraction(weight) * level for weight, level in levels)
            scores[theme.id] = float(total / sum(Fraction(weight) for weight, _ in levels))
    return scores


def score(bank: Bank, respondents: Iterable[Respondent], threshold: int) -> Results:
    """Every figure for an assessment, with groups and cells under `threshold` suppressed."""
    return score_cells(bank, (respondent_cell(bank, r) for r in respondents), threshold)


@dataclass(frozen=True)
class Cell:
    """Respondents of one role tier in one service area, tallied theme by theme.

    Every figure is read from cells, so they can come one respondent at a time
    or already added up by the database (storage's PostgreSQL path)."""

    role: str
    service_area: str
    respondents: int
    themes: Mapping[str, ThemeTally]


def respondent_cell(bank: Bank, respondent: Respondent) -> Cell:
    """One respondent as a cell of their own, scored answer by answer."""
    # Answers to questions the bank doesn't have are ignored, whatever they hold.
    for question in bank.questions:
        if question.id in respondent.answers:
            _check_answer(question.id, respondent.answers[question.id])
    scores = respondent_theme_scores(bank, respondent)
    themes = {
        t.id: ThemeTally.of(
            scores.get(t.id),
            len(_levels_in(t, respondent.answers)),
            sum(1 for q in t.questions if respondent.answers.get(q.id) == DONT_KNOW),
        )
        for t in bank.themes
    }
    return Cell(respondent.role, respondent.service_area, 1, themes)


def score_cells(bank: Bank, cells: Iterable[Cell], threshold: int) -> Results:
    """Every figure for an assessment from its cells, with groups and cells suppressed so that
    no difference between published figures reveals fewer than `threshold` people."""
    if threshold < MIN_THRESHOLD:
        raise ValueError(f"the anonymity threshold is never below {MIN_THRESHOLD}, not {threshold}")
    merged = _merged(bank, cells)
    # The council is a breakdown of one group: below k it is hidden, and with it every
    # group, since each is part of it and so smaller.
    [council] = _breakdown(bank, "council", [_COUNCIL], [merged], threshold)
    roles = _breakdown(
        bank,
        "role",
        bank.roles,
        [[c for c in merged if c.role == o.id] for o in bank.roles],
        threshold,
    )
    areas = _breakdown(
        bank,
        "service_area",
        bank.service_areas,
        [[c for c in merged if c.service_area == o.id] for o in bank.service_areas],
        threshold,
    )
    return Results(threshold, council, roles, areas, _perception_gap(bank, roles))


def _breakdown(
    bank: Bank,
    group_type: str,
    options: Sequence[Option],
    members: Sequence[Sequence[Cell]],
    threshold: int,
) -> tuple[GroupResult, ...]:
    """The groups of one breakdown, in bank order, under secondary suppression: first whole
    groups by respondents, then each theme's cells by scorers, a hidden group's cells
    counting as hidden."""
    respondents = [sum(c.respondents for c in cells) for cells in members]
    tallies = [{t.id: _total(t.id, cells) for t in bank.themes} for cells in members]
    groups_shown = shown_groups(respondents, threshold)
    hidden = [not shown for shown in groups_shown]
    cells_shown = {
        t.id: shown_groups([tally[t.id].scored for tally in tallies], threshold, hidden)
        for t in bank.themes
    }
    return tuple(
        _group(
            bank,
            group_type,
            option,
            respondents[index],
            tallies[index],
            groups_shown[index],
            {theme_id: shown[index] for theme_id, shown in cells_shown.items()},
        )
        for index, option in enumerate(options)
    )


def _merged(bank: Bank, cells: Iterable[Cell]) -> list[Cell]:
    """One cell per role tier and service area, however the cells came (one per person, say),
    so each group below adds up a few dozen cells rather than every respondent."""
    roles = {o.id for o in bank.roles}
    areas = {o.id for o in bank.service_areas}
    people: dict[tuple[str, str], int] = defaultdict(int)
    themes: dict[tuple[str, str], dict[str, ThemeTally]] = defaultdict(dict)
    for cell in cells:
        # A role or area the bank doesn't know (an old import, say) counts as not said.
        key = (
            cell.role if cell.role in roles else PREFER_NOT_TO_SAY,
            cell.service_area if cell.service_area in areas else PREFER_NOT_TO_SAY,
        )
        people[key] += cell.respondents
        totals = themes[key]
        for theme_id, tally in cell.themes.items():
            totals[theme_id] = totals[theme_id] + tally if theme_id in totals else tally
    return [Cell(role, area, count, themes[role, area]) for (role, area), count in people.items()]


def _check_answer(question_id: str, answer: object) -> None:
    # bool is an int in Python; True must not pass for level 1.
    is_level = isinstance(answer, int) and not isinstance(answer, bool) and answer in LEVELS
    if not (is_level or answer == DONT_KNOW):
        raise ValueError(f"answer to {question_id}: must be a level 1 to 5 or 'dk', not {answer!r}")


def _levels_in(theme: Theme, answers: Mapping[str, Answer]) -> list[tuple[float, int]]:
    """(weight, level) for each question in the theme answered with a level."""
    found = []
    for question in theme.questions:
        answer = answers.get(question.id)
        if answer is not None and answer != DONT_KNOW:
            found.append((question.weight, int(answer)))
    return found


def _group(
    bank: Bank,
    group_type: str,
    group: Option,
    respondents: int,
    tallies: Mapping[str, ThemeTally],
    shown: bool,
    shown_themes: Mapping[str, bool],
) -> GroupResult:
    if not shown:
        return GroupResult(
            group_type,
            group.id,
            group.label,
            respondents=None,
            suppressed=True,
            overall=None,
            overall_level=None,
            pillars=dict.fromkeys(PILLARS),
            people_first_gap=None,
            themes=tuple(_suppressed_theme(t) for t in bank.themes),
        )
    themes = tuple(
        _theme_result(t, tallies[t.id]) if shown_themes[t.id] else _suppressed_theme(t)
        for t in bank.themes
    )
    # Only shown cells feed the summaries, so a hidden cell can't be worked back out.
    shown_scores = [(t.pillar, t.score) for t in themes if t.score is not None]
    overall = mean([s for _, s in shown_scores])
    pillars = {p: mean([s for pillar, s in shown_scores if pillar == p]) for p in PILLARS}
    return GroupResult(
        group_type,
        group.id,
        group.label,
        respondents=respondents,
        suppressed=False,
        overall=overall,
        overall_level=_level_or_none(overall),
        pillars=pillars,
        people_first_gap=_difference(pillars["people"], pillars["technology"]),
        themes=themes,
    )


def _total(theme_id: str, cells: Sequence[Cell]) -> ThemeTally:
    total = ThemeTally()
    for cell in cells:
        if theme_id in cell.themes:
            total += cell.themes[theme_id]
    return total


def _theme_result(theme: Theme, tally: ThemeTally) -> ThemeResult:
    score = tally.mean
    return ThemeResult(
        theme_id=theme.id,
        pillar=theme.pillar,
        score=score,
        level=_level_or_none(score),
        respondents=tally.scored,
        spread=tally.spread,
        dont_know_share=tally.dont_know_share,
        suppressed=False,
    )


def _suppressed_theme(theme: Theme) -> ThemeResult:
    return ThemeResult(theme.id, theme.pillar, None, None, None, None, None, suppressed=True)


def _perception_gap(bank: Bank, roles: Sequence[GroupResult]) -> dict[str, float | None] | None:
    leaders = _find(roles, LEADERSHIP)
    frontline = _find(roles, FRONTLINE)
    if leaders.suppressed or frontline.suppressed:
        return None
    return {
        t.id: _difference(leaders.theme(t.id).score, frontline.theme(t.id).score)
        for t in bank.themes
    }


def _find(groups: Sequence[GroupResult], group_id: str) -> GroupResult:
    for group in groups:
        if group.id == group_id:
            return group
    raise KeyError(group_id)


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def _level_or_none(value: float | None) -> int | None:
    return None if value is None else level_for(value)
