"""How people answered a theme's questions, as the PDF sets it: one table whose rows carry
each question's counts and a stacked bar of them, drawn by the page rather than exported
from a chart. The bar and the figures share a row, so the reader needs no second table,
and the report needs no browser for them. Pure: counts in, rows out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..framework import insights
from ..framework.model import Theme
from ..framework.scoring import ThemeResult
from .charts import ANSWER_COLOURS, ANSWER_TEXT_COLOURS
from .tables import answer_counts, distribution_table


@dataclass(frozen=True)
class Segment:
    width: float  # per cent of the bar, rounded down so a row's never sum past 100
    colour: str
    hatched: bool  # "Don't know", so that it never reads by colour alone


@dataclass(frozen=True)
class Row:
    question: str
    counts: list[str]
    bar: list[Segment]


@dataclass(frozen=True)
class Distribution:
    title: str  # what the bars show, in a sentence
    caption: str
    head: list[str]
    key: list[tuple[str, str]]  # each answer column's colour and its text colour
    rows: list[Row]


def distribution(
    theme: Theme,
    counts: Mapping[str, Mapping[str, int]],
    result: ThemeResult | None,
    *,
    level_names: Sequence[str] | None = None,
) -> Distribution:
    table = distribution_table(theme, counts, result, level_names=level_names)
    # The table has a row for each question, in order, or none when the theme is hidden.
    rows = [
        Row(row[0], row[1:], _bar(answer_counts(counts, question.id)))
        for question, row in zip(theme.questions, table.rows, strict=False)
    ]
    return Distribution(
        insights.distribution_title(theme, result),
        table.caption,
        table.head,
        list(zip(ANSWER_COLOURS, ANSWER_TEXT_COLOURS, strict=True)),
        rows,
    )


def _bar(answers: Sequence[int]) -> list[Segment]:
    total = sum(answers)
    if not total:
        return []
    last = len(answers) - 1  # "Don't know" comes last
    return [
        Segment(int(10000 * n / total) / 100, ANSWER_COLOURS[i], i == last)
        for i, n in enumerate(answers)
        if n
    ]
