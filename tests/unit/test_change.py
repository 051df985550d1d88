"""Change since the last round, like for like (FRAMEWORK.md "Rounds and change"), worked by hand.

The previous round used the two-theme test bank: culture has culture.test_and_learn
(weight 1) and culture.change (weight 2); technology has technology.legacy alone.
This round's bank adds culture.new and weighs culture.change 3: so culture compares
on two shared questions, each round with its own weights, and technology (one shared
question) is not comparable. k is 3 throughout.
"""

import math
from dataclasses import replace
from pathlib import Path

import pytest

from assessment.framework.change import (
    Round,
    compare,
    is_clear,
    like_for_like_banks,
    shared_questions,
)
from assessment.framework.loader import load_bank
from assessment.framework.model import Bank, Question
from assessment.framework.scoring import Respondent, ThemeResult, respondent_cell, score

ROOT = Path(__file__).resolve().parents[2]
BEFORE = load_bank(ROOT / "tests" / "fixtures" / "questions" / "two_themes")
K = 3


def _this_rounds_bank() -> Bank:
    culture = BEFORE.theme("culture")
    new = Question("culture.new", "culture", "A new question", None, 1.0, ("a",) * 5)
    kept = (replace(q, weight=3.0) if q.id == "culture.change" else q for q in culture.questions)
    questions = (*kept, new)
    themes = tuple(
        replace(t, questions=questions) if t.id == "culture" else t for t in BEFORE.themes
    )
    return replace(BEFORE, version="test.2", themes=themes)


NOW = _this_rounds_bank()


def person(role="manager", area="housing", **answers):
    return Respondent(role, area, {f"{k.replace('_', '.', 1)}": v for k, v in answers.items()})


def rounds(now_people, before_people, *, k=K):
    """The change between two rounds, each published as the core scores it in full."""
    now_bank, before_bank = like_for_like_banks(NOW, BEFORE)
    return compare(
        "12",
        Round(
            NOW, k, score(NOW, now_people, k), [respondent_cell(now_bank, p) for p in now_people]
        ),
        Round(
            BEFORE,
            k,
            score(BEFORE, before_people, k),
            [respondent_cell(before_bank, p) for p in before_people],
        ),
    )


def test_culture_compares_on_the_two_shared_questions_and_technology_is_not_comparable():
    assert shared_questions(NOW, BEFORE) == {
        "culture": ("culture.test_and_learn", "culture.change"),
        "technology": ("technology.legacy",),
    }


def test_the_change_is_worked_on_the_shared_questions_with_each_banks_own_weights():
    before = [
        person(culture_test_and_learn=1, culture_change=4),  # (1 + 8) / 3 = 3
        person(culture_test_and_learn=2, culture_change=2),  # 2
        person(culture_test_and_learn=4),  # 4
    ]
    now = [
        # culture.new is not shared, so it never counts: (2 + 3 x 4) / 4 = 3.5
        person(culture_test_and_learn=2, culture_change=4, culture_new=5),
        person(culture_change=5, culture_new=1),  # 5
        person(culture_test_and_learn=3, culture_change=3),  # 3
        person(culture_new=5),  # no shared answer: does not count, like for like
    ]
    change = rounds(now, before).council.theme("culture")
    assert change.questions_compared == 2
    assert change.previous == pytest.approx(3.0)
    assert change.current == pytest.approx((3.5 + 5 + 3) / 3)
    assert change.change == pytest.approx((3.5 + 5 + 3) / 3 - 3.0)


def test_a_theme_with_one_shared_question_is_not_comparable():
    people = [person(culture_change=3, technology_legacy=4)] * 3
    technology = rounds(people, people).council.theme("technology")
    assert technology.questions_compared == 1
    assert not technology.comparable
    assert (technology.change, technology.clear) == (None, None)


def test_a_group_suppressed_in_either_round_has_no_change():
    shared = [person("manager", culture_change=3)] * 3
    now = shared + [person("frontline", culture_change=5)] * 3
    before = shared + [person("frontline", culture_change=2)] * 2  # two: fewer than k
    change = rounds(now, before)
    frontline = next(g for g in change.roles if g.id == "frontline")
    assert not frontline.shown
    assert frontline.theme("culture").change is None
    # Managers are shown in both rounds, and unchanged, but hiding frontline left a
    # hidden group of two, so managers are hidden too (secondary suppression), in the
    # previous round: so no change for them either.
    manager = next(g for g in change.roles if g.id == "manager")
    assert manager.theme("culture").change is None


def test_a_cell_hidden_in_the_published_results_has_no_change_even_if_like_for_like_shows_it():
    people = [person(culture_change=3)] * 3
    now_bank, before_bank = like_for_like_banks(NOW, BEFORE)
    published = score(NOW, people, K)
    hidden_culture = replace(
        published,
        council=replace(
            published.council,
            themes=tuple(
                replace(t, score=None, suppressed=True) if t.theme_id == "culture" else t
                for t in published.council.themes
            ),
        ),
    )
    change = compare(
        "12",
        Round(NOW, K, hidden_culture, [respondent_cell(now_bank, p) for p in people]),
        Round(
            BEFORE, K, score(BEFORE, people, K), [respondent_cell(before_bank, p) for p in people]
        ),
    )
    assert change.council.theme("culture").change is None


def _cell(spread, respondents):
    return ThemeResult("culture", "people", 3.0, 3, respondents, spread, 0.0, False)


def test_a_clear_change_is_one_beyond_1_96_standard_errors_and_not_at_the_boundary():
    # s = 1 and n = 4 in both rounds: 1.96 x sqrt(1/4 + 1/4) = 1.3859...
    boundary = 1.96 * math.sqrt(0.5)
    a, b = _cell(1.0, 4), _cell(1.0, 4)
    assert is_clear(boundary + 1e-9, a, b)
    assert is_clear(-(boundary + 1e-9), a, b)
    assert not is_clear(boundary - 1e-9, a, b)
    assert not is_clear(0.0, a, b)


def test_clear_and_no_clear_change_from_answers():
    before = [person(culture_change=2)] * 3 + [person(culture_change=3)] * 3
    steady = [person(culture_change=2)] * 3 + [person(culture_change=3)] * 3
    rising = [person(culture_change=4)] * 3 + [person(culture_change=5)] * 3
    assert rounds(rising, before).council.theme("culture").clear is True
    assert rounds(steady, before).council.theme("culture").clear is False


def test_overall_and_gap_compare_only_themes_whose_change_is_shown():
    before = [person(culture_change=2, technology_legacy=1)] * 3
    now = [person(culture_change=4, technology_legacy=5)] * 3
    council = rounds(now, before).council
    # technology is not comparable, so overall and people pillar are culture alone.
    assert council.overall.change == pytest.approx(2.0)
    assert council.pillars["people"].change == pytest.approx(2.0)
    assert council.pillars["technology"].change is None
    assert council.people_first_gap.change is None


def test_the_real_banks_2026_1_to_2027_1_share_the_27_kept_questions():
    old, new = load_bank(ROOT / "questions" / "2026.1"), load_bank(ROOT / "questions" / "2027.1")
    counted = {theme: len(ids) for theme, ids in shared_questions(new, old).items()}
    # Counted by hand from tests/unit/test_bank_2027.py KEPT_FROM_2026.
    assert counted == {
        "leadership": 3,
        "culture": 4,
        "risk": 4,
        "skills": 3,
        "data_users": 5,
        "collaboration": 4,
        "technology": 4,
    }


def test_a_like_for_like_score_beside_the_full_score_does_not_give_away_anyones_answers():
    """The subtraction attack: the full culture score and the like-for-like one are both
    published for the same group. Their people differ only by those who answered no shared
    question (here one person, fewer than k). Two councils that differ in that one person's
    answer give exactly the same published figures, so nothing about it can be worked out."""

    def council(lone_answer, other_new_answer):
        before = [person(culture_change=3)] * 4
        now = [
            person(culture_test_and_learn=3, culture_new=other_new_answer),  # (3 + new) / 2
            person(culture_change=4, culture_new=3),
            person(culture_change=2, culture_new=3),
            person(culture_change=3, culture_new=3),
            person(culture_new=lone_answer),  # answered no shared question
        ]
        published = score(NOW, now, K).council
        change = rounds(now, before).council
        return published.overall, published.respondents, change.theme("culture").change

    # The lone person says 4 in one council and 3 in the other; someone else's answer to
    # the new question makes up the difference in the full score (1 to 3 moves their
    # full score by 1), and leaves their like-for-like score as it was.
    first, second = council(lone_answer=4, other_new_answer=1), council(3, 3)
    assert first == pytest.approx(second)
