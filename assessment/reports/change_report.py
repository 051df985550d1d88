"""Change since the last round as leaders read it: words, a table and a chart.

The figures come from framework/change.py, like for like and already hidden where a
cell is hidden in either round (None). Every change is written in words with its
direction ("up 0.3, clear change") and an arrow, so nothing relies on colour, and
the chart's figures are the table's.
"""

from __future__ import annotations

import plotly.graph_objects as go
from flask_babel import gettext as _
from flask_babel import ngettext

from assessment.framework.change import Change, GroupChange, ThemeChange
from assessment.framework.display import one_decimal
from assessment.framework.model import Bank
from assessment.framework.scoring import Results

from .charts import DARK_BLUE, GREY, _level_axis, house_figure, label_axis, wrap
from .tables import Table, figure, not_shown


def arrow(theme: ThemeChange) -> str:
    if theme.change is None or one_decimal(abs(theme.change)) == one_decimal(0.0):
        return "→" if theme.change is not None else ""
    return "↑" if theme.change > 0 else "↓"


def change_words(theme: ThemeChange) -> str:
    """'up 0.3, clear change', 'down 0.1, no clear change', 'not comparable: 1 question
    shared', or 'Not shown' where a cell is hidden in either round."""
    if not theme.comparable:
        return ngettext(
            "not comparable: %(num)s question shared",
            "not comparable: %(num)s questions shared",
            theme.questions_compared,
        )
    if theme.change is None:
        return not_shown()
    size = one_decimal(abs(theme.change))
    clear = _("clear change") if theme.clear else _("no clear change")
    if size == one_decimal(0.0):
        return _("no change, %(clear)s", clear=clear)
    if theme.change > 0:
        return _("up %(size)s, %(clear)s", size=size, clear=clear)
    return _("down %(size)s, %(clear)s", size=size, clear=clear)


def with_arrow(theme: ThemeChange) -> str:
    return f"{arrow(theme)} {change_words(theme)}".strip()


def compared_sentence(change: Change) -> str:
    return ngettext(
        "%(num)s question was compared: those both rounds asked.",
        "%(num)s questions were compared: those both rounds asked.",
        change.questions_compared,
    )


def change_table(bank: Bank, change: Change) -> Table:
    """Each theme, like for like: the previous round's score, this round's, and the change."""
    rows = [
        [
            bank.theme(theme.theme_id).title,
            figure(theme.previous),
            figure(theme.current),
            with_arrow(theme),
            str(theme.questions_compared),
        ]
        for theme in change.council.themes
    ]
    return Table(
        _(
            "Each theme's score on the questions both rounds asked. Not shown: fewer "
            "people than the anonymity threshold in either round."
        ),
        [_("Theme"), _("Last round"), _("This round"), _("Change"), _("Questions compared")],
        rows,
    )


def groups_table(bank: Bank, change: Change) -> Table:
    """Each role tier and service area shown in both rounds, theme by theme."""
    groups: list[GroupChange] = [g for g in (*change.roles, *change.service_areas) if g.shown]
    return Table(
        _("Change by role tier and service area, for groups shown in both rounds."),
        [_("Group"), *(bank.theme(t.theme_id).title for t in change.council.themes)],
        [[group.label, *(with_arrow(t) for t in group.themes)] for group in groups],
    )


def change_chart(bank: Bank, change: Change) -> go.Figure:
    """Grouped bars: each comparable theme's like-for-like score last round and this."""
    shown = [t for t in change.council.themes if t.shown]
    labels = [wrap(bank.theme(t.theme_id).title) for t in shown]
    traces = []
    if shown:
        for name, values, colour, pattern in (
            (_("Last round"), [t.previous for t in shown], GREY, "/"),
            (_("This round"), [t.current for t in shown], DARK_BLUE, ""),
        ):
            traces.append(
                go.Bar(
                    name=name,
                    orientation="h",
                    y=labels,
                    x=values,
                    text=[f"{name}: {one_decimal(v)}" for v in values],
                    textposition="inside",
                    insidetextanchor="end",
                    textfont={"color": "white"},
                    marker={"color": colour, "pattern": {"shape": pattern}},
                    hovertemplate="%{y}: %{text}<extra></extra>",
                )
            )
    fig = house_figure(_("Each theme, last round and this"), 160 + 90 * max(len(shown), 2), traces)
    fig.update_layout(
        barmode="group",
        showlegend=True,
        legend={"orientation": "h", "y": -0.2},
        xaxis=_level_axis(bank),
        yaxis=label_axis(),
    )
    return fig


# Markers and dashes tell the rounds' lines apart without colour.
_TREND_STYLES = (("circle", "solid"), ("square", "dash"), ("diamond", "dot"), ("x", "dashdot"))


def round_name(title: str, bank_version: str) -> str:
    return _("%(title)s (questions %(version)s)", title=title, version=bank_version)


def trend_table(bank: Bank, rounds: list[tuple[str, str, Results]]) -> Table:
    """Each theme's full score in each round (oldest first), with each round's bank version:
    full scores, so a theme whose questions changed is not like for like."""
    rows = []
    for theme in bank.themes:
        cells = []
        for _title, _version, results in rounds:
            try:
                cells.append(figure(results.council.theme(theme.id).score))
            except KeyError:
                cells.append(_("Not asked"))
        rows.append([theme.title, *cells])
    return Table(
        _(
            "Each theme's score in each round, on all the questions that round asked. "
            "Rounds with different question versions are not like for like."
        ),
        [_("Theme"), *(round_name(title, version) for title, version, _r in rounds)],
        rows,
    )


def trend_chart(bank: Bank, rounds: list[tuple[str, str, Results]]) -> go.Figure:
    """A line a theme across the rounds, each point labelled with its score."""
    names = [wrap(round_name(title, version), 20) for title, version, _r in rounds]
    traces = []
    for index, theme in enumerate(bank.themes):
        values = []
        for _title, _version, results in rounds:
            try:
                values.append(results.council.theme(theme.id).score)
            except KeyError:
                values.append(None)
        marker, dash = _TREND_STYLES[index % len(_TREND_STYLES)]
        traces.append(
            go.Scatter(
                name=theme.title,
                x=names,
                y=values,
                mode="lines+markers+text",
                text=[one_decimal(v) for v in values],
                textposition="top center",
                marker={"symbol": marker, "size": 9},
                line={"dash": dash},
                hovertemplate=f"{theme.title}: %{{text}}<extra></extra>",
            )
        )
    fig = house_figure(_("Each theme's score, round by round"), 520, traces)
    fig.update_layout(showlegend=True, yaxis=_level_axis(bank), legend={"orientation": "h"})
    return fig
