"""Each chart with its reading and its table: what a results page or the PDF shows.

One lookup table, so the dashboard and the report always pair the same
figure with the same words and the same data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import plotly.graph_objects as go

from ..framework import insights
from ..framework.model import Bank
from ..framework.scoring import Results
from . import charts, heatmap, tables


@dataclass(frozen=True)
class Panel:
    figure: go.Figure
    reading: str
    table: tables.Table


PANELS: dict[str, Callable[[Bank, Results], Panel]] = {
    "pillars": lambda bank, results: Panel(
        charts.pillar_chart(bank, results),
        insights.pillar_reading(results),
        tables.pillar_table(bank, results),
    ),
    "radar": lambda bank, results: Panel(
        charts.radar_chart(bank, results),
        insights.radar_reading(bank, results),
        tables.radar_table(bank, results),
    ),
    "themes": lambda bank, results: themes_panel(bank, results),
    "perception": lambda bank, results: Panel(
        charts.perception_chart(bank, results),
        insights.perception_reading(bank, results),
        tables.perception_table(bank, results),
    ),
    "silos": lambda bank, results: Panel(
        heatmap.heatmap_chart(bank, results),
        insights.heatmap_reading(bank, results),
        tables.heatmap_table(bank, results),
    ),
}


def themes_panel(bank: Bank, results: Results, targets: Mapping[str, int] | None = None) -> Panel:
    """The theme scores, with the targets leaders set for the next round beside them."""
    return Panel(
        charts.themes_chart(bank, results, targets),
        insights.themes_reading(bank, results),
        tables.themes_table(bank, results, targets),
    )


def panel(
    name: str, bank: Bank, results: Results, targets: Mapping[str, int] | None = None
) -> Panel:
    """`targets` (theme id -> tenths) are drawn on the themes panel; no other shows them."""
    if name == "themes":
        return themes_panel(bank, results, targets)
    return PANELS[name](bank, results)
