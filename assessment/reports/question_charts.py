"""The question drill-down's charts and tables: how each shown group answered each
question of a theme, as a stacked bar a group, and the same figures as a table.

Counts come suppressed (framework/question_counts.py): a hidden group has None,
so it is left out of the chart and reads "Not shown" in the table, never a number.
Every bar carries its count as text, and "Don't know" is hatched, so nothing rests
on colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from flask_babel import gettext as _
from flask_babel import ngettext

from assessment.framework.display import whole_percent
from assessment.framework.model import Question, Theme
from assessment.framework.question_counts import (
    ANSWERS,
    Counts,
    QuestionCounts,
    dont_know_share,
    most_said,
)
from assessment.framework.scoring import Results

from .charts import MID_GREY, answer_bars, house_figure, wrap
from .tables import Table, dont_know_label, level_labels, not_shown


@dataclass(frozen=True)
class GroupAnswers:
    label: str  # unique on the page: "Whole council", "Role: Manager", "Service area: Housing"
    counts: Counts | None  # None where hidden


@dataclass(frozen=True)
class QuestionPanel:
    """One question as the page shows it."""

    question: Question
    number: int
    reading: str  # what the whole council most said, or why nothing is shown
    dont_know: str | None  # the council's share of "Don't know", "12%"; None when hidden
    figure: go.Figure
    table: Table


def question_panels(
    theme: Theme,
    results: Results,
    questions: Mapping[str, QuestionCounts] | None,
    distributions: Mapping[str, Mapping[str, int]],
    level_names: Sequence[str],
) -> list[QuestionPanel]:
    """A panel for each question of the theme. `questions` None: a snapshot made before
    counts by group were kept, so only the council's (`distributions`, the theme's
    answer counts kept where its council cell is shown) are there to show."""
    panels = []
    for number, question in enumerate(theme.questions, start=1):
        if questions is None:
            council = distributions.get(question.id)
            groups = [GroupAnswers(_("Whole council"), council)]
        else:
            council = questions[question.id].council
            groups = answers_by_group(results, questions[question.id])
        share = None if council is None else dont_know_share(council)
        panels.append(
            QuestionPanel(
                question,
                number,
                _hidden_reading(results) if council is None else most_said(question, council),
                None if share is None else f"{whole_percent(share)}%",
                question_chart(number, groups, level_names),
                question_table(number, groups, level_names, results.threshold),
            )
        )
    return panels


def answers_by_group(results: Results, counts: QuestionCounts) -> list[GroupAnswers]:
    """The council, then each role tier and service area in bank order."""
    roles = [
        GroupAnswers(_("Role: %(group)s", group=g.label), counts.roles.get(g.id))
        for g in results.roles
    ]
    areas = [
        GroupAnswers(_("Service area: %(group)s", group=g.label), counts.service_areas.get(g.id))
        for g in results.service_areas
    ]
    return [GroupAnswers(_("Whole council"), counts.council), *roles, *areas]


def question_chart(
    number: int, groups: Sequence[GroupAnswers], level_names: Sequence[str]
) -> go.Figure:
    """A stacked bar for each shown group: how many chose each answer."""
    shown = [g for g in groups if g.counts is not None]
    labels = [wrap(g.label, 30) for g in shown]
    rows = [[g.counts.get(answer, 0) for answer in ANSWERS] for g in shown]
    traces = answer_bars(labels, rows, level_names)
    title = _("How each group answered question %(number)s", number=number)
    fig = house_figure(title, 150 + 34 * max(len(shown), 1), traces if shown else [])
    fig.update_layout(
        barmode="stack",
        showlegend=bool(shown),
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        xaxis={
            "title": {"text": _("Number of people")},
            "gridcolor": MID_GREY,
            "rangemode": "tozero",
        },
        yaxis={"autorange": "reversed", "automargin": True, "showgrid": False},
        margin={"t": 110},
    )
    return fig


def question_table(
    number: int, groups: Sequence[GroupAnswers], level_names: Sequence[str], threshold: int
) -> Table:
    head = [_("Group"), *level_labels(level_names), dont_know_label(), _("Share who didn't know")]
    rows = []
    for group in groups:
        if group.counts is None:
            rows.append([group.label] + [not_shown()] * (len(head) - 1))
            continue
        share = dont_know_share(group.counts)
        counts = [str(group.counts.get(answer, 0)) for answer in ANSWERS]
        rows.append([group.label, *counts, "" if share is None else f"{whole_percent(share)}%"])
    caption = _(
        "How many people in each group chose each answer to question %(number)s.", number=number
    )
    if any(group.counts is None for group in groups):
        caption = f"{caption} {_hidden_note(threshold)}"
    return Table(caption, head, rows)


def _hidden_note(threshold: int) -> str:
    return ngettext(
        "Not shown: fewer than %(num)s person answered, or the figure would let a smaller "
        "group's answers be worked out.",
        "Not shown: fewer than %(num)s people answered, or the figure would let a smaller "
        "group's answers be worked out.",
        threshold,
    )


def _hidden_reading(results: Results) -> str:
    return ngettext(
        "Answers to this question are not shown: fewer than %(num)s person answered it, "
        "or its theme's score is not shown.",
        "Answers to this question are not shown: fewer than %(num)s people answered it, "
        "or its theme's score is not shown.",
        results.threshold,
    )
