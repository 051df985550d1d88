"""Targets on the theme chart and its table: a black tick a theme with a target, named
in a legend and written beside the score, and the same figure in a table column."""

from assessment.reports import charts, tables

from .test_charts import BANK, SHOWN, SUPPRESSED, person, results


def test_without_targets_the_chart_and_table_are_as_before():
    fig = charts.themes_chart(BANK, SHOWN)
    assert [trace.type for trace in fig.data] == ["bar"]
    assert "Target" not in " ".join(tables.themes_table(BANK, SHOWN).head)


def test_a_target_is_a_named_black_tick_written_beside_the_score():
    fig = charts.themes_chart(BANK, SHOWN, {"technology": 35})
    bars, target = fig.data
    assert target.name == "Target" and fig.layout.showlegend
    assert list(target.x) == [None, 3.5]
    assert target.marker.symbol == "line-ns" and target.marker.line.color == charts.BLACK
    notes = [a.text for a in fig.layout.annotations]
    assert notes[0] == bars.text[0]
    assert notes[1] == f"{bars.text[1]}<br>Target 3.5"


def test_the_table_gives_each_target_in_its_own_column():
    table = tables.themes_table(BANK, SHOWN, {"culture": 40})
    assert table.head[-1] == "Target for the next round"
    assert [row[-1] for row in table.rows] == ["4.0", ""]


def test_a_not_shown_score_still_lists_its_target_in_the_table():
    hidden_tech = results(person(3, 3), person(3, 3), person(3))
    table = tables.themes_table(BANK, hidden_tech, {"technology": 30})
    assert table.rows[1][1] == "Not shown" and table.rows[1][-1] == "3.0"


def test_with_nothing_shown_there_is_no_target_either():
    assert charts.themes_chart(BANK, SUPPRESSED, {"culture": 30}).data == ()
