"""The scoring rules of FRAMEWORK.md, each worked by hand on the two-theme test bank.

The bank: theme `culture` (people) has culture.test_and_learn (weight 1) and
culture.change (weight 2); theme `technology` has technology.legacy (weight 1).
Every test uses an anonymity threshold k of 3.
"""

from pathlib import Path

import pytest

from assessment.framework.display import one_decimal
from assessment.framework.loader import load_bank
from assessment.framework.scoring import (
    DONT_KNOW,
    Respondent,
    level_for,
    respondent_theme_scores,
    score,
)

BANK = load_bank(Path(__file__).resolve().parents[1] / "fixtures" / "questions" / "two_themes")
K = 3
DK = DONT_KNOW


def person(role="manager", area="housing", *, learn=None, change=None, legacy=None, **extra):
    """A respondent; an answer left as None was not given."""
    answers = {
        "culture.test_and_learn": learn,
        "culture.change": change,
        "technology.legacy": legacy,
    }
    answers = {q: a for q, a in answers.items() if a is not None} | extra
    return Respondent(role=role, service_area=area, answers=answers)


def test_a_respondents_theme_score_is_weighted_by_question_weight():
    # culture: (2 x 1 + 5 x 2) / (1 + 2) = 12 / 3 = 4.0; technology: 3 / 1 = 3.0
    assert respondent_theme_scores(BANK, person(learn=2, change=5, legacy=3)) == {
        "culture": 4.0,
        "technology": 3.0,
    }


def test_dont_know_and_missing_answers_are_left_out_of_a_respondents_score():
    # test_and_learn is "don't know", legacy is missing: culture is change alone, 4.
    assert respondent_theme_scores(BANK, person(learn=DK, change=4)) == {"culture": 4.0}


def test_a_respondent_with_only_dont_know_in_a_theme_does_not_count_for_it():
    people = [person(learn=3, change=3, legacy=DK)] + [person(learn=3, legacy=4)] * 3
    technology = score(BANK, people, K).council.theme("technology")
    # Four respondents, but only the three who gave a level scored technology.
    assert technology.respondents == 3
    assert technology.score == 4.0


def test_a_groups_theme_score_is_the_plain_mean_of_its_respondents():
    # Respondent scores for culture: 1.0 (1 and 1), 5.0 (learn only), 3.0 (change only).
    # Plain mean: (1 + 5 + 3) / 3 = 3.0. Weighting by answers would give
    # (1x1 + 1x2 + 5x1 + 3x2) / (1 + 2 + 1 + 2) = 14 / 6 = 2.33.
    people = [person(learn=1, change=1), person(learn=5), person(change=3)]
    assert score(BANK, people, K).council.theme("culture").score == 3.0


def test_spread_is_the_sample_standard_deviation():
    # Scores 2, 3, 4: mean 3, squared deviations 1 + 0 + 1 = 2, over n - 1 = 2: sqrt(1) = 1.0.
    # The population deviation would be sqrt(2 / 3) = 0.82.
    people = [person(legacy=2), person(legacy=3), person(legacy=4)]
    assert score(BANK, people, K).council.theme("technology").spread == 1.0


def test_dont_know_share_counts_every_answer_in_the_theme_over_the_group():
    people = [
        person(learn=3, change=DK),  # 1 level, 1 don't know
        person(learn=DK, change=DK),  # 2 don't knows, and no culture score
        person(learn=4, change=4),  # 2 levels
        person(learn=2, change=2),  # 2 levels
    ]
    culture = score(BANK, people, K).council.theme("culture")
    # 3 don't knows / (5 levels + 3 don't knows) = 0.375
    assert culture.dont_know_share == 0.375
    assert culture.respondents == 3


def test_overall_pillars_and_people_first_gap():
    people = [
        person(learn=5, change=2, legacy=1),  # culture (5 + 4) / 3 = 3.0
        person(learn=4, change=4, legacy=2),  # culture 4.0
        person(learn=5, change=5, legacy=3),  # culture 5.0
    ]
    council = score(BANK, people, K).council
    # culture (3 + 4 + 5) / 3 = 4.0; technology (1 + 2 + 3) / 3 = 2.0
    assert council.pillars == {"people": 4.0, "technology": 2.0}
    # overall: the mean of the theme scores, (4 + 2) / 2 = 3.0, which is Established
    assert (council.overall, council.overall_level) == (3.0, 3)
    # people pillar minus technology pillar: 4 - 2 = 2.0
    assert council.people_first_gap == 2.0
    assert council.respondents == 3
    assert not council.suppressed


def test_perception_gap_is_leadership_minus_frontline_where_both_cells_are_shown():
    leaders = [person("leadership", learn=4, change=4, legacy=3)] * 3  # culture 4.0
    frontline = [
        person("frontline", learn=2, change=2, legacy=3),  # culture 2.0
        person("frontline", learn=3, change=3, legacy=3),  # culture 3.0
        person("frontline", learn=4, change=4),  # culture 4.0, no technology answer
    ]
    results = score(BANK, leaders + frontline, K)
    # culture: 4.0 - (2 + 3 + 4) / 3 = 1.0; technology: only 2 frontline answers, hidden.
    assert results.perception_gap == {"culture": 1.0, "technology": None}


def test_perception_gap_is_null_when_either_tier_is_suppressed():
    people = [person("leadership", learn=4)] * 3 + [person("frontline", learn=2)] * 2
    assert score(BANK, people, K).perception_gap is None


def test_a_theme_cell_under_k_is_suppressed_and_left_out_of_the_overall():
    people = [
        person(learn=2, change=2, legacy=5),
        person(learn=2, change=2, legacy=5),
        person(learn=2, change=2),
    ]
    council = score(BANK, people, K).council
    technology = council.theme("technology")
    # Only 2 technology scores, under k = 3: every figure goes.
    assert technology.suppressed
    assert (technology.score, technology.level, technology.respondents) == (None, None, None)
    assert (technology.spread, technology.dont_know_share) == (None, None)
    # With technology hidden, the overall is culture alone: 2.0, not (2 + 5) / 2.
    assert council.overall == 2.0
    assert council.pillars == {"people": 2.0, "technology": None}
    assert council.people_first_gap is None


def test_a_group_under_k_is_suppressed_while_the_others_are_shown():
    # Planning's one and Other's two are hidden together as three, so Housing can be shown.
    people = (
        [person(area="housing", learn=3)] * 3
        + [person(area="planning", learn=5)]
        + [person(area="other", learn=2)] * 2
    )
    results = score(BANK, people, K)
    planning = results.service_area("planning")
    assert planning.suppressed
    assert planning.respondents is None
    assert (planning.overall, planning.overall_level, planning.people_first_gap) == (None,) * 3
    assert planning.pillars == {"people": None, "technology": None}
    assert all(t.suppressed and t.score is None for t in planning.themes)
    assert results.service_area("housing").respondents == 3
    # Every bank group is listed, in bank order, even one nobody chose.
    assert [g.id for g in results.roles] == [o.id for o in BANK.roles]
    assert [g.id for g in results.service_areas] == [o.id for o in BANK.service_areas]
    assert results.role("elected_member").suppressed


def test_the_whole_council_under_k_hides_everything():
    people = [person("leadership", learn=4), person("frontline", learn=2)]
    results = score(BANK, people, K)
    assert results.council.suppressed
    assert results.council.respondents is None
    assert results.council.overall is None
    assert all(t.suppressed for t in results.council.themes)
    assert all(g.suppressed for g in results.roles + results.service_areas)
    assert results.perception_gap is None


def test_exactly_k_respondents_is_enough_to_be_shown():
    council = score(BANK, [person(legacy=4)] * 3, K).council
    assert not council.suppressed
    assert council.theme("technology").respondents == 3


def test_answers_to_questions_not_in_the_bank_are_ignored():
    stray = {"culture.retired_question": DK, "nonsense": 1}
    assert respondent_theme_scores(BANK, person(learn=4, **stray)) == {"culture": 4.0}
    # The stray don't know is not in the culture theme's share either.
    culture = score(BANK, [person(learn=4, **stray)] * 3, K).council.theme("culture")
    assert culture.dont_know_share == 0.0


def test_an_unknown_role_or_service_area_is_grouped_as_prefer_not_to_say():
    people = [person("retired_role", "abolished_area", learn=4)] * 3
    results = score(BANK, people, K)
    assert results.council.respondents == 3
    assert results.role("prefer_not_to_say").respondents == 3
    assert results.service_area("prefer_not_to_say").respondents == 3


@pytest.mark.parametrize("answer", [0, 6, True, "DK", "3", None])
def test_an_answer_that_is_not_a_level_or_dont_know_is_refused(answer):
    with pytest.raises(ValueError, match=r"culture\.change"):
        score(BANK, [Respondent("manager", "housing", {"culture.change": answer})], K)


def test_a_threshold_below_three_is_refused():
    with pytest.raises(ValueError, match="never below 3"):
        score(BANK, [], 2)


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (1.0, 1),
        (1.749, 1),  # shows as 1.7
        (1.75, 2),  # shows as 1.8, so Developing, as the CSV and every page say
        (1.799999, 2),
        (1.8, 2),
        (2.549, 2),  # shows as 2.5
        (2.55, 3),  # shows as 2.6
        (2.584, 3),
        (2.5999999999999996, 3),  # float noise for 2.6
        (2.6, 3),
        (3.349999, 3),
        (3.35, 4),
        (3.4, 4),
        (4.149999, 4),
        (4.15, 5),
        (4.2, 5),
        (5.0, 5),
    ],
)
def test_level_bands_at_the_edges(value, level):
    assert level_for(value) == level


def test_the_level_is_the_band_of_the_shown_score_not_of_the_hidden_decimals():
    # The demo's Skills and talent: 2.584 reads 2.6, and 2.6 is Established.
    assert one_decimal(2.584) == "2.6"
    assert BANK.level_name(level_for(2.584)) == "Established"
    assert BANK.level_name(level_for(2.549)) == "Developing"


def test_float_noise_for_two_point_six_reads_as_established():
    assert BANK.level_name(level_for(2.5999999999999996)) == "Established"


@pytest.mark.parametrize("value", [0.99, 5.01])
def test_a_score_outside_one_to_five_has_no_level(value):
    with pytest.raises(ValueError):
        level_for(value)
