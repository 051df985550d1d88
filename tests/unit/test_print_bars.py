"""The PDF's answers by question: counts and a bar of them in one table."""

from pathlib import Path

from assessment.framework.display import one_decimal
from assessment.framework.loader import load_bank
from assessment.framework.scoring import Respondent, score
from assessment.reports import print_bars
from assessment.reports.charts import ANSWER_COLOURS
from assessment.reports.heatmap import HIDDEN, print_grid

BANK = load_bank(Path(__file__).resolve().parents[2] / "tests/fixtures/questions/two_themes")
CULTURE = BANK.theme("culture")
COUNTS = {
    "culture.test_and_learn": {"1": 1, "3": 1, "dk": 1},
    "culture.change": {"2": 2, "5": 1},
}


def _scored(people: int, planning: int = 0):
    answers = {"culture.test_and_learn": 3, "culture.change": 2, "technology.legacy": 4}
    return score(
        BANK,
        [Respondent("frontline", "housing", answers)] * people
        + [Respondent("frontline", "planning", answers)] * planning,
        3,
    )


def test_each_question_has_its_counts_and_a_bar_that_never_runs_past_its_end():
    shown = print_bars.distribution(CULTURE, COUNTS, _scored(3).council.theme("culture"))
    [first, second] = shown.rows
    assert first.question == CULTURE.questions[0].text
    assert first.counts == ["1", "0", "1", "0", "0", "1"]
    assert [part.width for part in first.bar] == [33.33, 33.33, 33.33]
    colours = [ANSWER_COLOURS[0], ANSWER_COLOURS[2], ANSWER_COLOURS[5]]
    assert [part.colour for part in first.bar] == colours
    # "Don't know" is hatched, so that it is never told apart by colour alone.
    assert [part.hatched for part in first.bar] == [False, False, True]
    assert sum(part.width for part in second.bar) <= 100
    assert len(shown.head) == 1 + len(shown.key) == 7  # the question, then each answer


def test_a_theme_too_few_answered_has_no_rows_and_says_why(app):
    with app.test_request_context():
        hidden = print_bars.distribution(CULTURE, COUNTS, _scored(2).council.theme("culture"))
    assert hidden.rows == []
    assert "too few people answered" in hidden.caption


def test_the_heatmap_grid_colours_a_shown_area_and_greys_a_hidden_one(app):
    with app.test_request_context():
        shown, hidden = _scored(3), _scored(3, planning=1)
        grid, greyed = print_grid(BANK, shown), print_grid(BANK, hidden)
    assert grid.columns == [theme.title for theme in BANK.themes]
    housing = next(area for area in shown.service_areas if area.label == "Housing")
    assert all(cell.fill.startswith("rgb(") for cell in dict(grid.rows)["Housing"])
    assert [cell.text for cell in dict(grid.rows)["Housing"]] == [
        one_decimal(housing.theme(theme.id).score) for theme in BANK.themes
    ]
    # One person in planning: hidden, and so is housing, whose figures would give it away;
    # a hidden cell is grey and says so, never a pale colour.
    assert {cell.text for _area, cells in greyed.rows for cell in cells} == {"Not shown"}
    assert {cell.fill for _area, cells in greyed.rows for cell in cells} == {HIDDEN}
    assert len(grid.key) == 5
