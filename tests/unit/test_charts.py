"""The leaders' charts and their data tables, checked on their data, not their pixels.

The fixture bank (culture: people; technology) with k = 3 unless the radar's
seven themes matter; a respondent answers both culture questions alike.
"""

import json
from pathlib import Path

from assessment.framework import insights
from assessment.framework.loader import load_bank
from assessment.framework.scoring import DONT_KNOW, Respondent, score
from assessment.reports import charts, heatmap, tables

ROOT = Path(__file__).resolve().parents[2]
BANK = load_bank(ROOT / "tests" / "fixtures" / "questions" / "two_themes")
REAL = load_bank(ROOT / "questions" / "2026.1")
K = 3
AREAS = ["Housing", "Planning", "Other", "Prefer not to say"]


def person(culture=None, tech=None, role="manager", area="housing", *, learn=None):
    answers = {
        "culture.test_and_learn": culture if learn is None else learn,
        "culture.change": culture,
        "technology.legacy": tech,
    }
    return Respondent(role, area, {q: a for q, a in answers.items() if a is not None})


def results(*people):
    return score(BANK, people, K)


# Leaders 5 / 3 in housing, frontline 3 / 4 in planning; managers (2 / 2) in planning too.
# Three managers, not two: two hidden managers would be council minus leaders minus frontline,
# so frontline would be hidden with them (secondary suppression).
SHOWN = results(
    *[person(5, 3, role="leadership", area="housing")] * 3,
    *[person(3, 4, role="frontline", area="planning")] * 3,
    *[person(2, 2, role="manager", area="planning")] * 3,
)
SUPPRESSED = results(person(3, 3), person(4, 4))


def test_every_chart_is_plain_printable_and_titled_with_its_finding():
    figures = {
        "pillar": (charts.pillar_chart(BANK, SHOWN), insights.pillar_title(SHOWN)),
        "radar": (charts.radar_chart(BANK, SHOWN), insights.radar_title(BANK, SHOWN)),
        "themes": (charts.themes_chart(BANK, SHOWN), insights.themes_title(BANK, SHOWN)),
        "perception": (
            charts.perception_chart(BANK, SHOWN),
            insights.perception_title(BANK, SHOWN),
        ),
        "heatmap": (heatmap.heatmap_chart(BANK, SHOWN), insights.heatmap_title(BANK, SHOWN)),
    }
    for name, (fig, title) in figures.items():
        assert fig.layout.title.text == title, name
        assert fig.layout.font.family == "Arial, 'Liberation Sans', sans-serif", name
        assert fig.layout.height >= 200, name
        assert fig.layout.template.layout.to_plotly_json() == {}, name
        assert json.loads(charts.figure_json(fig))["layout"]["title"]["text"] == title


def test_pillar_chart_shows_each_pillar_and_the_gap():
    fig = charts.pillar_chart(BANK, SHOWN)
    [bars] = fig.data
    # People (culture): (15 + 9 + 6) / 9 = 3.33; technology (9 + 12 + 6) / 9 = 3.0.
    assert list(bars.y) == ["People and culture", "Technology estate"]
    assert list(bars.x) == [30 / 9, 3.0]
    assert list(bars.text) == ["3.3", "3.0"]
    assert list(fig.layout.xaxis.range) == [1, 5]
    assert fig.layout.xaxis.ticktext[2] == "3<br>Established"
    assert fig.layout.annotations[0].text == "People-first gap: +0.3"
    assert fig.layout.title.text == "People and culture are 0.3 ahead of the technology estate"


def test_radar_chart_draws_the_council_and_each_shown_tier_over_seven_themes():
    levels = {"leadership": 4, "culture": 3, "risk": 2, "skills": 5, "data_users": 3}
    levels |= {"collaboration": 1, "technology": 3}
    people = [
        Respondent(role, "housing", {q.id: levels[t.id] for t in REAL.themes for q in t.questions})
        for role in ["leadership"] * 3 + ["frontline"] * 3
    ]
    fig = charts.radar_chart(REAL, score(REAL, people, K))
    assert [trace.name for trace in fig.data] == ["Whole council", "Leaders", "Frontline staff"]
    expected = [4.0, 3.0, 2.0, 5.0, 3.0, 1.0, 3.0]
    for trace in fig.data:
        assert list(trace.r) == [*expected, 4.0]  # the first point again, to close the line
        assert len(trace.theta) == 8
    assert fig.data[0].theta[0] == "Leadership and<br>ambition"  # long titles wrap
    assert list(fig.layout.polar.radialaxis.range) == [1, 5]


def test_radar_chart_skips_a_suppressed_tier_and_leaves_a_gap_for_a_suppressed_cell():
    people = [person(4, 4, role="leadership")] * 3 + [person(2, 2, role="frontline")] * 2
    people.append(person(3, role="manager"))  # culture only
    fig = charts.radar_chart(BANK, results(*people))
    assert [trace.name for trace in fig.data] == ["Whole council", "Leaders"]
    # Council culture (12 + 4 + 3) / 6; technology (12 + 4) / 5 = 3.2.
    assert list(fig.data[0].r) == [19 / 6, 3.2, 19 / 6]
    partial = results(*[person(4, 4, role="leadership")] * 2, *[person(3, role="leadership")] * 2)
    # Only two people answered technology, under k: a gap in both lines.
    for trace in charts.radar_chart(BANK, partial).data:
        assert list(trace.r) == [3.5, None, 3.5]


def test_radar_chart_has_no_traces_without_enough_responses():
    fig = charts.radar_chart(BANK, SUPPRESSED)
    assert fig.data == ()
    assert fig.layout.title.text == "Not enough responses yet to show results"


def test_themes_chart_shows_scores_spread_and_flags():
    people = [person(2, 3), person(3, 3, learn=DONT_KNOW), person(4, 3, learn=DONT_KNOW)]
    fig = charts.themes_chart(BANK, results(*people))
    [bars] = fig.data
    assert list(bars.y) == ["Culture", "Technology"]
    assert list(bars.x) == [3.0, 3.0]
    assert list(bars.error_x.array) == [1.0, 0.0]
    assert list(bars.text) == ["3.0<br>People disagree; Many don't know", "3.0"]
    assert [a.text for a in fig.layout.annotations] == list(bars.text)


def test_themes_chart_blanks_a_suppressed_theme():
    fig = charts.themes_chart(BANK, results(person(3, 3), person(3, 3), person(3)))
    [bars] = fig.data
    assert list(bars.x) == [3.0, None]
    assert bars.error_x.array[1] is None
    assert bars.text[1] == "Not shown"


def test_perception_chart_is_leaders_minus_frontline_with_a_zero_line():
    fig = charts.perception_chart(BANK, SHOWN)
    [bars] = fig.data
    assert list(bars.y) == ["Culture", "Technology"]
    assert list(bars.x) == [2.0, -1.0]
    assert list(bars.text) == ["+2.0", "-1.0"]
    assert fig.layout.xaxis.zeroline is True
    assert charts.perception_chart(BANK, SUPPRESSED).data == ()


def test_perception_chart_skips_a_theme_with_no_gap():
    people = [person(4, 4, role="leadership")] * 3 + [person(3, role="frontline")] * 3
    [bars] = charts.perception_chart(BANK, results(*people)).data
    assert list(bars.y) == ["Culture"]
    assert list(bars.x) == [1.0]


def test_distribution_chart_stacks_the_answers_to_each_question():
    culture = BANK.theme("culture")
    counts = {"culture.test_and_learn": {"1": 2, "3": 4, "dk": 1}, "culture.change": {"5": 3}}
    names = [level.name for level in BANK.levels]
    fig = charts.distribution_chart(
        culture, counts, SHOWN.council.theme("culture"), level_names=names
    )
    assert fig.layout.barmode == "stack"
    assert [trace.name for trace in fig.data] == [
        "1 Starting",
        "2 Developing",
        "3 Established",
        "4 Advanced",
        "5 Leading",
        "Don't know",
    ]
    assert list(fig.data[0].y) == [
        "How does the council try new things?",
        "How do teams respond to change?",
    ]
    assert [list(trace.x) for trace in fig.data] == [[2, 0], [0, 0], [4, 0], [0, 0], [0, 3], [1, 0]]
    assert fig.layout.title.text == insights.distribution_title(
        culture, SHOWN.council.theme("culture")
    )


def test_distribution_chart_wraps_long_questions_and_hides_a_suppressed_theme():
    theme = REAL.theme("culture")
    long = max(theme.questions, key=lambda q: len(q.text))
    assert "<br>" in charts.wrap(long.text, 40)
    hidden = charts.distribution_chart(theme, {long.id: {"1": 9}}, None)
    assert hidden.data == ()
    assert hidden.layout.title.text.startswith("Not enough responses yet")


def test_tables_hold_the_same_figures_as_the_charts():
    assert tables.pillar_table(BANK, SHOWN).rows == [
        ["People and culture", "3.3", "Established"],
        ["Technology estate", "3.0", "Established"],
        ["People-first gap", "+0.3", ""],
    ]
    radar = tables.radar_table(BANK, SHOWN)
    assert radar.head == ["Theme", "Whole council", "Leaders", "Frontline staff"]
    assert radar.rows == [["Culture", "3.3", "5.0", "3.0"], ["Technology", "3.0", "3.0", "4.0"]]
    assert tables.perception_table(BANK, SHOWN).rows == [
        ["Culture", "5.0", "3.0", "+2.0"],
        ["Technology", "3.0", "4.0", "-1.0"],
    ]
    themes = tables.themes_table(BANK, SHOWN)
    assert themes.head == ["Theme", "Score", "Level", "Spread", "Don't know", "Note"]
    # Culture scores 5, 5, 5, 3, 3, 3, 2, 2, 2: spread sqrt(14 / 8) = 1.3.
    assert themes.rows[0] == ["Culture", "3.3", "Established", "1.3", "0%", "People disagree"]


def test_heatmap_table_says_not_shown_and_why():
    table = tables.heatmap_table(BANK, SHOWN)
    assert table.head == ["Service area", "Culture", "Technology"]
    assert table.rows == [
        ["Housing", "5.0", "3.0"],
        ["Planning", "2.5", "3.0"],
        ["Other", "Not shown", "Not shown"],
        ["Prefer not to say", "Not shown", "Not shown"],
    ]
    assert table.caption.endswith("Not shown: fewer than 3 people answered.")


def test_distribution_table_counts_each_answer():
    culture = BANK.theme("culture")
    counts = {"culture.test_and_learn": {"1": 2, "3": 4, "dk": 1}}
    table = tables.distribution_table(culture, counts, SHOWN.council.theme("culture"))
    assert table.head == ["Question", *[f"Level {n}" for n in range(1, 6)], "Don't know"]
    assert table.rows == [
        ["How does the council try new things?", "2", "0", "4", "0", "0", "1"],
        ["How do teams respond to change?", "0", "0", "0", "0", "0", "0"],
    ]
    assert tables.distribution_table(culture, counts, None).rows == []


def test_a_group_under_k_appears_in_no_trace_and_no_table():
    # Two leaders, the only people in "other", answer 1 throughout: their group, their
    # area and their cells would all read 1.0, a figure no shown group has.
    people = [person(1, 1, role="leadership", area="other")] * 2
    # Four frontline staff, so that the three managers (the smallest shown tier) are hidden
    # with the leaders rather than the frontline; likewise Planning with Other.
    people += [person(4, 5, role="frontline", area="housing")] * 4
    people += [person(5, 4, role="manager", area="planning")] * 3
    found = results(*people)
    figures = [
        charts.pillar_chart(BANK, found),
        charts.radar_chart(BANK, found),
        charts.themes_chart(BANK, found),
        charts.perception_chart(BANK, found),
        heatmap.heatmap_chart(BANK, found),
    ]
    values = []
    for fig in figures:
        for trace in fig.data:
            assert trace.name != "Leaders"
            for key in ("x", "y", "z", "r", "text", "customdata"):
                values.extend(_flatten(getattr(trace, key, None)))
    assert 1.0 not in values
    assert "1.0" not in values
    cells = [
        cell
        for table in (
            tables.pillar_table(BANK, found),
            tables.radar_table(BANK, found),
            tables.themes_table(BANK, found),
            tables.perception_table(BANK, found),
            tables.heatmap_table(BANK, found),
        )
        for row in table.rows
        for cell in row
    ]
    assert "1.0" not in cells
    assert "Not shown" in cells  # the "other" row of the heatmap
    assert tables.radar_table(BANK, found).head == ["Theme", "Whole council", "Frontline staff"]
    assert tables.perception_table(BANK, found).rows == []


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [item for part in value for item in _flatten(part)]
    return [value]


def test_the_pdf_wraps_a_long_title_inside_the_image_and_leaves_a_short_one_alone():
    short = charts.pillar_chart(BANK, SHOWN)
    assert charts.for_print(short) is short
    long = charts.themes_chart(BANK, SHOWN)
    long.layout.title.text = "Culture and Technology are joint lowest at 2.0; " * 3
    printed = charts.for_print(long)
    lines = printed.layout.title.text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= charts.PRINT_TITLE_CHARACTERS for line in lines)
    assert printed.layout.margin.t == long.layout.margin.t + charts.TITLE_LINE_HEIGHT
    assert long.layout.title.text.count("<br>") == 0  # the page's figure is unchanged
