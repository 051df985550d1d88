"""The question bank as frozen dataclasses, loaded once and shared read-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Pillar = Literal["people", "technology"]
PILLARS: tuple[Pillar, ...] = ("people", "technology")
LEVELS = (1, 2, 3, 4, 5)
PREFER_NOT_TO_SAY = "prefer_not_to_say"
OTHER = "other"
# Groups nobody can count the staff of: who will choose "Prefer not to say" is not known
# in advance, and "Other" is whatever no listed area is. They have no headcount.
UNCOUNTABLE_GROUPS = frozenset({PREFER_NOT_TO_SAY, OTHER})


def has_headcount(group_id: str) -> bool:
    return group_id not in UNCOUNTABLE_GROUPS


@dataclass(frozen=True)
class Level:
    level: int
    name: str
    description: str


@dataclass(frozen=True)
class Option:
    """A role tier or a service area: an id that is stored, a label that is shown."""

    id: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    theme_id: str
    text: str
    hint: str | None
    weight: float
    # levels[0] describes level 1, levels[4] level 5.
    levels: tuple[str, ...]
    references: tuple[str, ...] = ()

    def level_text(self, level: int) -> str:
        return self.levels[level - 1]


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    pillar: Pillar
    summary: str
    questions: tuple[Question, ...]
    # recommendations[0] is what a council at level 1 should do next.
    recommendations: tuple[str, ...]

    def recommendation(self, level: int) -> str:
        return self.recommendations[level - 1]

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)


@dataclass(frozen=True)
class Bank:
    version: str
    levels: tuple[Level, ...]
    roles: tuple[Option, ...]
    service_areas: tuple[Option, ...]
    themes: tuple[Theme, ...]
    _questions: dict[str, Question] = field(init=False, repr=False, compare=False)
    _themes: dict[str, Theme] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen, so set the lookup tables through object.__setattr__ once.
        object.__setattr__(self, "_themes", {t.id: t for t in self.themes})
        object.__setattr__(self, "_questions", {q.id: q for t in self.themes for q in t.questions})

    def theme(self, theme_id: str) -> Theme:
        return self._themes[theme_id]

    def has_theme(self, theme_id: str) -> bool:
        return theme_id in self._themes

    def question(self, question_id: str) -> Question:
        return self._questions[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(self._questions.values())

    def level_name(self, level: int) -> str:
        return self.levels[level - 1].name

    def role_label(self, role_id: str) -> str:
        return _label(self.roles, role_id)

    def service_area_label(self, area_id: str) -> str:
        return _label(self.service_areas, area_id)


def _label(options: tuple[Option, ...], option_id: str) -> str:
    for option in options:
        if option.id == option_id:
            return option.label
    raise KeyError(option_id)
