"""A stored tally (what an import or a submission keeps for results) is exactly the
one the scoring core makes answer by answer, whatever the weights and answers."""

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.framework.loader import load_bank
from assessment.framework.respondent_tally import theme_tallies
from assessment.framework.scoring import DONT_KNOW, Respondent, respondent_cell

ROOT = Path(__file__).resolve().parents[2]
TWO_THEMES = load_bank(ROOT / "tests" / "fixtures" / "questions" / "two_themes")
REAL = load_bank(ROOT / "questions" / "2026.1")

weights = st.one_of(
    st.sampled_from([1.0, 2.0, 1.5, 0.5, 0.25, 3.0, 0.1, 1 / 3, 2.7]),
    st.floats(0.01, 10, allow_nan=False),
)


def weighted(bank, draw_weight):
    themes = tuple(
        replace(theme, questions=tuple(replace(q, weight=draw_weight()) for q in theme.questions))
        for theme in bank.themes
    )
    return replace(bank, themes=themes)


def answers_for(bank):
    return st.dictionaries(
        st.sampled_from([q.id for q in bank.questions]),
        st.one_of(st.integers(1, 5), st.just(DONT_KNOW)),
    )


@given(data=st.data())
def test_tallies_match_the_core_for_any_weights(data):
    bank = weighted(TWO_THEMES, lambda: data.draw(weights))
    answers = data.draw(answers_for(bank))
    expected = respondent_cell(bank, Respondent("frontline", "housing", answers)).themes
    assert theme_tallies(bank, answers) == dict(expected)


@given(answers=answers_for(REAL))
def test_tallies_match_the_core_on_the_real_bank(answers):
    expected = respondent_cell(REAL, Respondent("frontline", "housing", answers)).themes
    assert theme_tallies(REAL, answers) == dict(expected)


@pytest.mark.parametrize("bad", [0, 6, True, "3", 2.0, None.__class__])
def test_an_answer_that_is_not_a_level_or_dont_know_is_refused(bad):
    question = TWO_THEMES.questions[0].id
    with pytest.raises(ValueError, match=question):
        theme_tallies(TWO_THEMES, {question: bad})
