"""The service areas heatmap: a leader sees at a glance which areas sit below or
above the council on which theme, reads each area's score in its cell, and can
tell a hidden cell from a pale one.

The fixture bank (culture: people; technology) with k = 3. The council scores
culture 3.3 and technology 3.0 (see SHOWN): housing's leaders score culture 5.0
(1.7 above) and planning 2.5 (0.8 below).
"""

from pathlib import Path

import pytest
from plotly.colors import hex_to_rgb, sample_colorscale, unlabel_rgb

from assessment.framework import insights
from assessment.framework.loader import load_bank
from assessment.framework.scoring import Respondent, score
from assessment.reports import heatmap
from assessment.reports.heatmap import (
    DIVERGING,
    DIVERGING_SCALE,
    HIDDEN,
    ORANGE_DARK,
    PURPLE_DARK,
    TEXT_DARK,
    WHITE,
)

ROOT = Path(__file__).resolve().parents[2]
BANK = load_bank(ROOT / "tests" / "fixtures" / "questions" / "two_themes")
K = 3
AREAS = ["Housing", "Planning", "Other", "Prefer not to say"]
COUNCIL_CULTURE = 30 / 9  # (15 + 9 + 6) / 9
COUNCIL_TECHNOLOGY = 27 / 9  # (9 + 12 + 6) / 9


def person(culture, tech, role, area):
    answers = {"culture.test_and_learn": culture, "culture.change": culture}
    return Respondent(role, area, answers | {"technology.legacy": tech})


SHOWN = score(
    BANK,
    [
        *[person(5, 3, "leadership", "housing")] * 3,
        *[person(3, 4, "frontline", "planning")] * 3,
        *[person(2, 2, "manager", "planning")] * 3,
    ],
    K,
)


def drawn(fig):
    """Each trace's cells, merged: a trace leaves the others' cells as gaps."""
    scores = [trace for trace in fig.data if trace.name == "Scores"]
    [hidden] = [trace for trace in fig.data if trace.name == "Not shown"]
    return scores, hidden


def merged(traces, key):
    rows = [list(row) for row in getattr(traces[0], key)]
    for trace in traces[1:]:
        for r, row in enumerate(getattr(trace, key)):
            for c, value in enumerate(row):
                if value not in (None, ""):
                    rows[r][c] = value
    return rows


def test_each_cell_is_coloured_by_the_area_score_minus_the_council_score_for_its_theme():
    fig = heatmap.heatmap_chart(BANK, SHOWN)
    scores, _hidden = drawn(fig)
    assert list(scores[0].y) == AREAS
    assert list(scores[0].x) == ["Culture", "Technology"]
    # Planning: culture (9 + 6) / 6 = 2.5, technology (12 + 6) / 6 = 3.0.
    assert merged(scores, "z") == [
        [pytest.approx(5.0 - COUNCIL_CULTURE), pytest.approx(3.0 - COUNCIL_TECHNOLOGY)],
        [pytest.approx(2.5 - COUNCIL_CULTURE), pytest.approx(3.0 - COUNCIL_TECHNOLOGY)],
        [None, None],
        [None, None],
    ]
    assert merged(scores, "customdata") == [["+1.7", "0.0"], ["-0.8", "0.0"], ["", ""], ["", ""]]


def test_the_scale_diverges_from_the_council_evenly_both_ways_from_orange_to_purple():
    axis = heatmap.heatmap_chart(BANK, SHOWN).layout.coloraxis
    # The widest difference, housing's culture (+1.67), rounded up to a half.
    assert (axis.cmin, axis.cmid, axis.cmax) == (-2.0, 0, 2.0)
    assert axis.colorscale[0][1] == ORANGE_DARK and axis.colorscale[-1][1] == PURPLE_DARK
    assert [colour for _, colour in axis.colorscale] == list(DIVERGING)


def test_a_small_difference_is_never_drawn_as_dark_as_a_wide_gap():
    alike = score(BANK, [person(3, 3, "manager", "housing")] * 3, K)
    assert heatmap.heatmap_chart(BANK, alike).layout.coloraxis.cmax == 1.0


def test_every_shown_cell_prints_the_area_score_to_one_decimal():
    scores, _hidden = drawn(heatmap.heatmap_chart(BANK, SHOWN))
    assert merged(scores, "text") == [["5.0", "3.0"], ["2.5", "3.0"], ["", ""], ["", ""]]
    assert all(trace.texttemplate == "%{text}" for trace in scores)


def test_scores_on_dark_cells_are_white_and_on_pale_cells_black():
    assert heatmap.text_colour(-2.0, 2.0) == WHITE  # the darkest orange
    assert heatmap.text_colour(2.0, 2.0) == WHITE  # the darkest purple
    assert heatmap.text_colour(0.0, 2.0) == TEXT_DARK
    assert heatmap.text_colour(-0.5, 2.0) == TEXT_DARK
    scores, _hidden = drawn(heatmap.heatmap_chart(BANK, SHOWN))
    colours = {trace.textfont.color: trace for trace in scores}
    assert set(colours) == {TEXT_DARK, WHITE}
    # Housing's culture, 1.7 of 2.0 above, is deep purple: its 5.0 is printed in white.
    assert list(colours[WHITE].text[0]) == ["5.0", ""]


def test_hidden_cells_are_grey_and_say_not_shown_without_any_figure():
    _scores, hidden = drawn(heatmap.heatmap_chart(BANK, SHOWN))
    assert [list(row) for row in hidden.text] == [
        ["", ""],
        ["", ""],
        ["Not<br>shown", "Not<br>shown"],
        ["Not<br>shown", "Not<br>shown"],
    ]
    assert [list(row) for row in hidden.z] == [[None, None], [None, None], [0, 0], [0, 0]]
    assert {colour for _, colour in hidden.colorscale} == {HIDDEN}
    # Grey, and not the near-white of "the same": a hidden cell never reads as a score.
    assert sum(hex_to_rgb(HIDDEN)) < sum(hex_to_rgb(heatmap.NEUTRAL)) - 100


def test_the_key_says_in_words_what_the_colours_mean():
    fig = heatmap.heatmap_chart(BANK, SHOWN)
    words = [annotation.text for annotation in fig.layout.annotations]
    assert words[:4] == [
        "Service area's score compared with the council's",
        "2.0 below",
        "The same",
        "2.0 above",
    ]
    assert words[4].replace("<br>", " ") == insights.heatmap_key()
    assert insights.heatmap_key().startswith(
        "Orange: below the council's score for that theme; purple: above"
    )
    # The key's bar is solid swatches (the PDF draws no gradients), orange to purple.
    swatches = [shape for shape in fig.layout.shapes if shape.line.width == 0]
    assert len(swatches) == heatmap.KEY_SWATCHES
    assert swatches[0].fillcolor == "rgb(179, 88, 6)"  # ORANGE_DARK
    assert swatches[-1].fillcolor == "rgb(84, 39, 136)"  # PURPLE_DARK
    assert swatches[heatmap.KEY_SWATCHES // 2].fillcolor == "rgb(247, 247, 247)"  # NEUTRAL


def test_with_no_area_shown_every_cell_is_hidden():
    few = score(BANK, [person(3, 3, "manager", "housing")] * 2, K)
    scores, hidden = drawn(heatmap.heatmap_chart(BANK, few))
    assert all(value is None for trace in scores for row in trace.z for value in row)
    assert all(value == 0 for row in hidden.z for value in row)


def _contrast(one: str, other: str) -> float:
    lighter, darker = sorted(
        (
            heatmap.luminance(unlabel_rgb(c) if c.startswith("rgb") else hex_to_rgb(c))
            for c in (one, other)
        ),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


def test_every_printed_score_contrasts_with_its_cell_by_at_least_4_5_to_1():
    for step in range(-40, 41):  # every twentieth of a point across a reach of 2
        difference = step / 20
        [fill] = sample_colorscale(DIVERGING_SCALE, [(difference + 2) / 4])
        text = heatmap.text_colour(difference, 2.0)
        assert _contrast(fill, text) >= 4.5, (difference, fill, text)
