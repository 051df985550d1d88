"""The service areas heatmap: each area's theme scores against the council's.

A cell's colour is the area's score minus the council's score for that theme,
so a leader sees at a glance which areas sit below or above the council on
which theme; the area's own score is printed in the cell. Publishing the
difference tells nothing new: the area's score and the council's are both
shown already, and a suppressed cell (None in the results) has no difference.
Suppressed cells are drawn in grey and say "Not shown", so that a hidden
figure never reads as a pale colour. Pure, like charts: scores in, figure out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from flask_babel import gettext as _
from plotly.colors import hex_to_rgb, sample_colorscale, unlabel_rgb

from assessment.framework import insights
from assessment.framework.display import one_decimal
from assessment.framework.model import Bank
from assessment.framework.scoring import Results

from .charts import BLACK, MID_GREY, house_figure, label_axis, wrap
from .tables import not_shown, signed

# ColorBrewer's PuOr (9 classes): orange below the council, purple above. Diverging,
# because the question is "below or above the council?", around a near-white "the
# same"; PuOr, because ColorBrewer rates it safe for colour-blind readers (orange and
# purple stay apart in protanopia, deuteranopia and tritanopia, where red and green
# do not), and its two ends differ in lightness too, so it survives a greyscale print.
ORANGE_DARK = "#b35806"
ORANGE = "#e08214"
ORANGE_LIGHT = "#fdb863"
ORANGE_PALE = "#fee0b6"
NEUTRAL = "#f7f7f7"
PURPLE_PALE = "#d8daeb"
PURPLE_LIGHT = "#b2abd2"
PURPLE = "#8073ac"
PURPLE_DARK = "#542788"
DIVERGING = (
    ORANGE_DARK,
    ORANGE,
    ORANGE_LIGHT,
    ORANGE_PALE,
    NEUTRAL,
    PURPLE_PALE,
    PURPLE_LIGHT,
    PURPLE,
    PURPLE_DARK,
)
DIVERGING_SCALE = [[i / (len(DIVERGING) - 1), colour] for i, colour in enumerate(DIVERGING)]
# A hidden cell: GOV.UK's mid grey, darker than the palest cells near "the same".
HIDDEN = MID_GREY
WHITE = "#ffffff"
# A score's dark text: pure black rather than the house's near-black, so that on any
# cell one of black and white contrasts by at least 4.5:1 (WCAG AA for small text;
# with the near-black, cells between orange and its darkest fell to 4.4:1).
TEXT_DARK = "#000000"
# The scale reaches at least this far either side of the council, so that a
# difference of 0.1 is never drawn as dark as a wide gap.
LEAST_REACH = 1.0
# The key under the cells: pixels down to each part, and the bar's ends (0 to 1 across).
KEY_TITLE = 12
KEY_BAR = (34, 48)
KEY_ENDS = 52
KEY_SENTENCE = 80
KEY_SPACE = 150
KEY_LEFT, KEY_RIGHT = 0.1, 0.9
# Swatches in the key's colour bar: odd, so that the middle one is exactly "the same".
KEY_SWATCHES = 41


@dataclass(frozen=True)
class Cell:
    area: str
    theme: str  # the theme's column label
    score: float | None  # None: suppressed
    difference: float | None  # the area's score minus the council's for the theme


def heatmap_chart(bank: Bank, results: Results) -> go.Figure:
    found = cells(bank, results)
    scale_reach = reach(found)
    areas = [area.label for area in results.service_areas]
    columns = [_column(theme.title) for theme in bank.themes]
    # A trace for each text colour, so that every printed score keeps its contrast,
    # and one for the hidden cells; each trace leaves the others' cells as gaps.
    traces = [_scores(found, areas, columns, colour, scale_reach) for colour in (TEXT_DARK, WHITE)]
    traces.append(_hidden(found, areas, columns))
    height = 130 + 34 * len(areas) + KEY_SPACE
    fig = house_figure(insights.heatmap_title(bank, results), height, traces)
    fig.update_layout(
        xaxis={
            "side": "top",
            "showgrid": False,
            "tickangle": 0,
            "tickfont": {"size": 12},
            "categoryorder": "array",
            "categoryarray": columns,
        },
        yaxis=label_axis() | {"categoryorder": "array", "categoryarray": areas},
        coloraxis={
            "colorscale": DIVERGING_SCALE,
            "cmin": -scale_reach,
            "cmid": 0,
            "cmax": scale_reach,
            # plotly draws its colour bar as an SVG gradient, which the PDF's renderer
            # leaves blank: the key under the cells is solid swatches instead.
            "showscale": False,
        },
        margin={"t": 130, "b": KEY_SPACE},
        shapes=_key_swatches(),
        annotations=_key_words(scale_reach),
    )
    return fig


def cells(bank: Bank, results: Results) -> list[Cell]:
    """Every service area and theme, in bank order, with its score and difference."""
    council = {theme.id: results.council.theme(theme.id).score for theme in bank.themes}
    found = []
    for area in results.service_areas:
        for theme in bank.themes:
            score = area.theme(theme.id).score
            # An area's scorers are some of the council's, so a shown area cell has a
            # shown council cell; the check keeps None out of the sum regardless.
            base = council[theme.id]
            difference = None if score is None or base is None else score - base
            found.append(Cell(area.label, _column(theme.title), score, difference))
    return found


def reach(found: Sequence[Cell]) -> float:
    """How far either side of the council the scale runs: the same both ways, so that
    the same strength of colour means the same distance below or above."""
    widest = max((abs(c.difference) for c in found if c.difference is not None), default=0.0)
    # Rounded up to a half, so that the key's ends are plain figures.
    return max(LEAST_REACH, math.ceil(widest * 2) / 2)


def fill_colour(difference: float, scale_reach: float) -> str:
    """The cell's colour, as "rgb(r, g, b)", for a difference on a scale of this reach."""
    position = (difference + scale_reach) / (2 * scale_reach)
    [fill] = sample_colorscale(DIVERGING_SCALE, [min(max(position, 0.0), 1.0)])
    return fill


def text_colour(difference: float, scale_reach: float) -> str:
    """Black or white, whichever contrasts more with the cell's colour (WCAG 2)."""
    background = luminance(unlabel_rgb(fill_colour(difference, scale_reach)))
    on_black = (background + 0.05) / (luminance(hex_to_rgb(TEXT_DARK)) + 0.05)
    on_white = 1.05 / (background + 0.05)
    return TEXT_DARK if on_black >= on_white else WHITE


@dataclass(frozen=True)
class PrintCell:
    text: str  # the area's score, or "Not shown"
    fill: str
    ink: str


@dataclass(frozen=True)
class PrintGrid:
    """The heatmap as the PDF sets it: a coloured table, whose labels are text the page
    lays out, so none is cut off or overlaps another, and no chart export is needed."""

    title: str
    columns: list[str]
    rows: list[tuple[str, list[PrintCell]]]
    key: list[tuple[str, str]]  # (colour, words) from furthest below to furthest above


def print_grid(bank: Bank, results: Results) -> PrintGrid:
    found = cells(bank, results)
    scale_reach = reach(found)

    def shown(cell: Cell) -> PrintCell:
        if cell.score is None or cell.difference is None:
            return PrintCell(not_shown(), HIDDEN, BLACK)
        return PrintCell(
            one_decimal(cell.score),
            fill_colour(cell.difference, scale_reach),
            text_colour(cell.difference, scale_reach),
        )

    by_area: dict[str, list[PrintCell]] = {}
    for cell in found:
        by_area.setdefault(cell.area, []).append(shown(cell))
    size = one_decimal(scale_reach)
    key = [
        (fill_colour(-scale_reach, scale_reach), _("%(size)s below", size=size)),
        (fill_colour(-scale_reach / 2, scale_reach), ""),
        (fill_colour(0.0, scale_reach), _("The same")),
        (fill_colour(scale_reach / 2, scale_reach), ""),
        (fill_colour(scale_reach, scale_reach), _("%(size)s above", size=size)),
    ]
    return PrintGrid(
        insights.heatmap_title(bank, results),
        [theme.title for theme in bank.themes],
        list(by_area.items()),
        key,
    )


def luminance(rgb: Sequence[float]) -> float:
    """WCAG 2 relative luminance of an sRGB colour given as 0 to 255."""
    red, green, blue = (_linear(channel / 255) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _column(title: str) -> str:
    return wrap(title, 12)


def _grid(
    found: Sequence[Cell], areas: list[str], columns: list[str], value: Callable[[Cell], object]
) -> list[list]:
    """value(cell) for every cell, as rows of areas by columns of themes."""
    by_place = {(cell.area, cell.theme): cell for cell in found}
    return [[value(by_place[area, column]) for column in columns] for area in areas]


def _scores(
    found: Sequence[Cell], areas: list[str], columns: list[str], colour: str, scale_reach: float
) -> go.Heatmap:
    def mine(cell: Cell) -> bool:
        return cell.difference is not None and text_colour(cell.difference, scale_reach) == colour

    return go.Heatmap(
        name=_("Scores"),
        x=columns,
        y=areas,
        z=_grid(found, areas, columns, lambda c: c.difference if mine(c) else None),
        text=_grid(found, areas, columns, lambda c: one_decimal(c.score) if mine(c) else ""),
        customdata=_grid(found, areas, columns, lambda c: signed(c.difference) if mine(c) else ""),
        texttemplate="%{text}",
        textfont={"color": colour, "size": 14},
        coloraxis="coloraxis",
        hoverongaps=False,
        xgap=2,
        ygap=2,
        hovertemplate="%{y}<br>%{x}: %{text}<br>"
        + _("%(difference)s against the council", difference="%{customdata}")
        + "<extra></extra>",
    )


def _hidden(found: Sequence[Cell], areas: list[str], columns: list[str]) -> go.Heatmap:
    label = wrap(not_shown(), 6)
    return go.Heatmap(
        name=not_shown(),
        x=columns,
        y=areas,
        z=_grid(found, areas, columns, lambda c: 0 if c.score is None else None),
        text=_grid(found, areas, columns, lambda c: label if c.score is None else ""),
        texttemplate="%{text}",
        textfont={"color": BLACK, "size": 12},
        colorscale=[[0, HIDDEN], [1, HIDDEN]],
        showscale=False,
        hoverongaps=False,
        xgap=2,
        ygap=2,
        hovertemplate="%{y}<br>%{x}: " + not_shown() + "<extra></extra>",
    )


def _key_swatches() -> list[dict]:
    """The key's colour bar: the scale in solid swatches, framed in black."""
    positions = [i / (KEY_SWATCHES - 1) for i in range(KEY_SWATCHES)]
    width = (KEY_RIGHT - KEY_LEFT) / KEY_SWATCHES
    # Each swatch overlaps the next a little, so that no hairline shows between them.
    swatches = [
        _under_cells(
            KEY_LEFT + i * width, min(KEY_LEFT + (i + 1.1) * width, KEY_RIGHT), fill=colour
        )
        for i, colour in enumerate(sample_colorscale(DIVERGING_SCALE, positions))
    ]
    return [*swatches, _under_cells(KEY_LEFT, KEY_RIGHT, line=BLACK)]


def _under_cells(left: float, right: float, fill: str = "rgba(0,0,0,0)", line: str = "") -> dict:
    """A rectangle from left to right (0 to 1 across the cells) at the key bar's depth."""
    return {
        "type": "rect",
        "xref": "paper",
        "yref": "paper",
        "ysizemode": "pixel",
        "yanchor": 0,
        "x0": left,
        "x1": right,
        "y0": -KEY_BAR[0],
        "y1": -KEY_BAR[1],
        "fillcolor": fill,
        "line": {"width": 1 if line else 0, "color": line or fill},
        "layer": "above",
    }


def _key_words(scale_reach: float) -> list[dict]:
    """The key's title, its bar's ends and middle, and the sentence saying what they mean."""
    size = one_decimal(scale_reach)
    words = [
        (0.5, "center", KEY_TITLE, _("Service area's score compared with the council's")),
        (KEY_LEFT, "left", KEY_ENDS, _("%(size)s below", size=size)),
        (0.5, "center", KEY_ENDS, _("The same")),
        (KEY_RIGHT, "right", KEY_ENDS, _("%(size)s above", size=size)),
        (0, "left", KEY_SENTENCE, wrap(insights.heatmap_key(), 64)),
    ]
    return [
        {
            "text": text,
            "x": x,
            "y": 0,
            "xref": "paper",
            "yref": "paper",
            "xanchor": anchor,
            "yanchor": "top",
            "yshift": -pixels,
            "align": "left",
            "showarrow": False,
        }
        for x, anchor, pixels, text in words
    ]
