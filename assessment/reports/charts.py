"""The leaders' charts: scores in, plotly figures out.

Pure: no Flask, no storage. Each figure's title is the finding from
insights, every value is labelled to one decimal (so nothing relies on
colour alone), and the design is plain and printable: Arial, a white
background and GOV.UK colours with enough contrast. A suppressed figure is
None in the results, so it is a gap in a trace and never a value. The same
data, as text, comes from tables. Every word is in the reader's language
(Flask-Babel), so a figure is built for one reader and never cached across them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
from flask_babel import gettext as _

from assessment.framework import insights
from assessment.framework.display import one_decimal
from assessment.framework.model import LEVELS, Bank, Theme
from assessment.framework.scoring import Results, ThemeResult
from assessment.framework.targets import target_text

from .tables import (
    answer_counts,
    dont_know_label,
    figure,
    level_labels,
    pillar_labels,
    radar_groups,
    signed,
    theme_note,
)

FONT = "Arial, 'Liberation Sans', sans-serif"
BLACK = "#0b0c0c"
BLUE = "#1d70b8"
DARK_BLUE = "#003078"
LIGHT_BLUE = "#5694ca"
RED = "#d4351c"
GREEN = "#00703c"
GREY = "#505a5f"
MID_GREY = "#b1b4b6"
LIGHT_GREY = "#f3f2f1"
SCORE_RANGE = [1, 5]
# Level 1 to 5 from light to dark blue, then "Don't know" in grey.
ANSWER_COLOURS = (LIGHT_GREY, "#bfd5ea", LIGHT_BLUE, BLUE, DARK_BLUE, MID_GREY)
ANSWER_TEXT_COLOURS = (BLACK, BLACK, BLACK, "white", "white", BLACK)
# Dash and marker styles tell the radar's lines apart without colour.
RADAR_STYLES = (
    (BLUE, "solid", "circle"),
    (RED, "dash", "square"),
    (GREEN, "dot", "diamond"),
)


def wrap(text: str, width: int = 28) -> str:
    """Long labels broken over lines with <br>, which plotly understands."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


# The house style every chart shares (fonts, margins, title); the other chart modules use it too.
def house_figure(title: str, height: int, traces: Sequence[go.BaseTraceType] = ()) -> go.Figure:
    fig = go.Figure(data=list(traces))
    fig.update_layout(
        template="none",
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}},
        font={"family": FONT, "size": 14, "color": BLACK},
        paper_bgcolor="white",
        plot_bgcolor="white",
        height=height,
        margin={"l": 20, "r": 20, "t": 70, "b": 50},
        showlegend=False,
    )
    return fig


def _level_axis(bank: Bank, *, stacked: bool = True) -> dict:
    """A 1 to 5 score axis with the level names as tick labels."""
    joiner = "<br>" if stacked else " "
    names = [f"{level}{joiner}{bank.level_name(level)}" for level in LEVELS]
    return {
        "range": SCORE_RANGE,
        "tickvals": list(LEVELS),
        "ticktext": names,
        "gridcolor": MID_GREY,
    }


def label_axis() -> dict:
    return {"autorange": "reversed", "automargin": True, "showgrid": False, "zeroline": False}


def pillar_chart(bank: Bank, results: Results) -> go.Figure:
    labels = pillar_labels()
    values = [results.council.pillars[p] for p in labels]
    bars = go.Bar(
        orientation="h",
        y=list(labels.values()),
        x=values,
        text=[one_decimal(v) for v in values],
        textposition="inside",
        insidetextanchor="end",
        textfont={"color": "white", "size": 16},
        marker={"color": [BLUE, GREY]},
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    fig = house_figure(
        insights.pillar_title(results), 260, [bars] if any(v is not None for v in values) else []
    )
    fig.update_layout(xaxis=_level_axis(bank), yaxis=label_axis(), margin={"r": 60, "b": 70})
    gap = results.council.people_first_gap
    if gap is not None:
        fig.add_annotation(
            text=_("People-first gap: %(gap)s", gap=signed(gap)),
            x=1,
            y=1.02,
            xref="paper",
            yref="paper",
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
        )
    return fig


def radar_chart(bank: Bank, results: Results) -> go.Figure:
    theta = [wrap(theme.title, 20) for theme in bank.themes]
    traces = []
    for (name, group), (colour, dash, symbol) in zip(
        radar_groups(results), RADAR_STYLES, strict=False
    ):
        values = [group.theme(theme.id).score for theme in bank.themes]
        # Repeat the first point so that the line closes round the circle.
        traces.append(
            go.Scatterpolar(
                name=name,
                r=[*values, values[0]],
                theta=[*theta, theta[0]],
                mode="lines+markers",
                line={"color": colour, "dash": dash, "width": 3},
                marker={"symbol": symbol, "size": 9},
                customdata=[one_decimal(v) for v in [*values, values[0]]],
                hovertemplate=f"{name}<br>%{{theta}}: %{{customdata}}<extra></extra>",
            )
        )
    fig = house_figure(insights.radar_title(bank, results), 560, traces)
    # The radial axis sits between the first two spokes, clear of the lines.
    radial = _level_axis(bank, stacked=False) | {"angle": 90 - 180 / max(len(theta), 1)}
    fig.update_layout(
        polar={
            "radialaxis": radial,
            "angularaxis": {"direction": "clockwise", "gridcolor": MID_GREY},
            "bgcolor": "white",
        },
        showlegend=len(traces) > 1,
        legend={"orientation": "h", "x": 0, "y": -0.08},
        margin={"l": 90, "r": 90, "t": 110},
    )
    return fig


def themes_chart(
    bank: Bank, results: Results, targets: Mapping[str, int] | None = None
) -> go.Figure:
    """The theme scores; with `targets` (theme id -> tenths), each target as a black
    tick across its bar, named in a legend and written beside the score."""
    targets = targets or {}
    themes = [(theme, results.council.theme(theme.id)) for theme in bank.themes]
    labels = [wrap(theme.title) for theme, _ in themes]
    scores = [result.score for _, result in themes]
    # Each value and its flags, e.g. "2.4<br>People disagree", shown in a column
    # to the right of the bars, where the spread's error bar can't cross it.
    text = [
        "<br>".join(part for part in (figure(r.score), theme_note(r)) if part) for _, r in themes
    ]
    bars = go.Bar(
        orientation="h",
        y=labels,
        x=scores,
        text=text,
        name=_("Score"),
        textposition="none",
        marker={"color": BLUE},
        error_x={
            "type": "data",
            "array": [result.spread for _, result in themes],
            "visible": True,
            "color": BLACK,
            "thickness": 1.5,
            "width": 6,
        },
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    shown = any(s is not None for s in scores)
    traces = [bars, *_target_marks(bank, labels, targets)] if shown else []
    fig = house_figure(insights.themes_title(bank, results), 110 + 60 * len(themes), traces)
    fig.update_layout(xaxis=_level_axis(bank), yaxis=label_axis(), margin={"r": 150, "b": 70})
    if shown and targets:
        fig.update_layout(
            showlegend=True,
            legend={"orientation": "h", "x": 0, "y": -0.25, "yanchor": "top"},
            margin={"r": 150, "b": 110},
        )
    notes = [
        "<br>".join((value, _("Target %(target)s", target=target_text(targets[theme.id]))))
        if theme.id in targets
        else value
        for (theme, _result), value in zip(themes, text, strict=True)
    ]
    for label, value in zip(labels, notes, strict=True) if shown else []:
        fig.add_annotation(
            text=value, x=1.02, y=label, xref="paper", yref="y", xanchor="left", showarrow=False
        )
    return fig


def _target_marks(bank: Bank, labels: list[str], targets: Mapping[str, int]) -> list[go.Scatter]:
    if not targets:
        return []
    tenths = [targets.get(theme.id) for theme in bank.themes]
    return [
        go.Scatter(
            x=[None if t is None else t / 10 for t in tenths],
            y=labels,
            name=_("Target"),
            mode="markers",
            # A tall black tick, not a colour: it reads in greyscale and in print.
            marker={"symbol": "line-ns", "size": 30, "line": {"width": 4, "color": BLACK}},
            text=["" if t is None else target_text(t) for t in tenths],
            hovertemplate="%{y}: " + _("Target") + " %{text}<extra></extra>",
        )
    ]


def perception_chart(bank: Bank, results: Results) -> go.Figure:
    gaps = insights.perception_gaps(bank, results)
    traces = []
    if gaps:
        values = [gap for _, gap in gaps]
        traces.append(
            go.Bar(
                orientation="h",
                y=[wrap(theme.title) for theme, _ in gaps],
                x=values,
                text=[signed(v) for v in values],
                textposition="outside",
                cliponaxis=False,
                marker={"color": [BLUE if v >= 0 else GREEN for v in values]},
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )
    reach = max([1.0, *(abs(v) + 0.5 for _, v in gaps)])
    fig = house_figure(
        insights.perception_title(bank, results), 130 + 55 * max(len(gaps), 2), traces
    )
    fig.update_layout(
        xaxis={
            "range": [-reach, reach],
            "zeroline": True,
            "zerolinecolor": BLACK,
            "zerolinewidth": 2,
            "gridcolor": MID_GREY,
            "title": {"text": _("← Frontline staff score higher · Leaders score higher →")},
        },
        yaxis=label_axis(),
    )
    return fig


def distribution_chart(
    theme: Theme,
    counts: Mapping[str, Mapping[str, int]],
    theme_result: ThemeResult | None,
    *,
    level_names: Sequence[str] | None = None,
) -> go.Figure:
    """How many people gave each answer to each question; empty when the theme is not shown."""
    title = insights.distribution_title(theme, theme_result)
    shown = theme_result is not None and theme_result.score is not None
    questions = theme.questions if shown else ()
    labels = [wrap(question.text, 40) for question in questions]
    table = [answer_counts(counts, question.id) for question in questions]
    traces = answer_bars(labels, table, level_names) if shown else []
    fig = house_figure(title, 150 + 70 * max(len(questions), 1), traces)
    fig.update_layout(
        barmode="stack",
        showlegend=bool(traces),
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
        xaxis={
            "title": {"text": _("Number of people")},
            "gridcolor": MID_GREY,
            "rangemode": "tozero",
        },
        yaxis=label_axis(),
        margin={"t": 110},
    )
    return fig


# A print figure's width in pixels, and how many characters of its 18px title fit in it.
PRINT_WIDTH = 800
PRINT_TITLE_CHARACTERS = 80
TITLE_LINE_HEIGHT = 24


def for_print(fig: go.Figure) -> go.Figure:
    """The figure as the PDF draws it. A page shows the title as its heading, but the
    PDF keeps it in the image, where a long one would run off the edge: so it is
    wrapped, from the top, and the top margin grows by the lines it adds."""
    lines = textwrap.wrap(fig.layout.title.text or "", PRINT_TITLE_CHARACTERS)
    if len(lines) <= 1:
        return fig
    printed = go.Figure(fig)
    printed.update_layout(
        title={
            "text": "<br>".join(lines),
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 12},
        },
        margin={"t": fig.layout.margin.t + TITLE_LINE_HEIGHT * (len(lines) - 1)},
    )
    return printed


def figure_json(fig: go.Figure) -> str:
    """The figure for embedding in the page; the page's script adds the config."""
    return fig.to_json()


def answer_bars(
    labels: Sequence[str], rows: Sequence[Sequence[int]], level_names: Sequence[str]
) -> list[go.Bar]:
    """Stacked horizontal bars, one for each label: how many chose each level and "Don't
    know" (each row's six counts, in that order), the count printed inside; "Don't know"
    is hatched, so it never reads by colour alone."""
    traces = []
    for i, name in enumerate([*level_labels(level_names), dont_know_label()]):
        column = [row[i] for row in rows]
        traces.append(
            go.Bar(
                name=name,
                orientation="h",
                y=list(labels),
                x=column,
                text=[str(n) if n else "" for n in column],
                textposition="inside",
                insidetextanchor="middle",
                textfont={"color": ANSWER_TEXT_COLOURS[i]},
                marker={
                    "color": ANSWER_COLOURS[i],
                    "line": {"color": GREY, "width": 1},
                    "pattern": {"shape": "/" if i == len(LEVELS) else ""},
                },
                hovertemplate=f"%{{y}}<br>{name}: %{{x}}<extra></extra>",
            )
        )
    return traces
