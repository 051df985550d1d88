"""What the leaders' dashboard says in words: findings, titles and readings, from hand-made scores.

Most tests use the two-theme fixture bank (culture: people; technology) with
k = 3; a respondent answers both culture questions alike, so their culture
score is that level. The real bank is used where its seven themes matter.
"""

from pathlib import Path

import pytest

from assessment.framework import insights
from assessment.framework.loader import load_bank
from assessment.framework.scoring import DONT_KNOW, Respondent, score

ROOT = Path(__file__).resolve().parents[2]
BANK = load_bank(ROOT / "tests" / "fixtures" / "questions" / "two_themes")
REAL = load_bank(ROOT / "questions" / "2026.1")
K = 3
DK = DONT_KNOW


def person(culture=None, tech=None, role="manager", area="housing", *, learn=None):
    """Culture answered `culture` on both questions (unless `learn` differs), technology `tech`."""
    answers = {
        "culture.test_and_learn": culture if learn is None else learn,
        "culture.change": culture,
        "technology.legacy": tech,
    }
    return Respondent(role, area, {q: a for q, a in answers.items() if a is not None})


def results(*people):
    return score(BANK, people, K)


def real_person(levels, role="manager", area="housing"):
    """Every question of each theme in `levels` answered with that theme's level."""
    answers = {q.id: levels[t.id] for t in REAL.themes if t.id in levels for q in t.questions}
    return Respondent(role, area, answers)


def real_results(people):
    return score(REAL, people, K)


SEVEN = {"leadership": 4, "culture": 3, "risk": 2, "skills": 5, "data_users": 3}
SEVEN |= {"collaboration": 1, "technology": 3}
SUPPRESSED = results(person(3, 3), person(4, 4))  # two people, under k


def test_gap_meaning_when_people_are_ahead_of_technology():
    text = insights.gap_meaning(results(*[person(4, 2)] * 3))
    assert text.startswith("People and culture score 2.0 higher than the technology estate.")
    assert "modern, shared platforms" in text


def test_gap_meaning_when_technology_is_ahead_of_people():
    text = insights.gap_meaning(results(*[person(2, 3)] * 3))
    assert text.startswith("The technology estate scores 1.0 higher than people and culture.")
    assert "leadership, culture and skills" in text


def test_gap_meaning_when_balanced():
    # Gap 0.2 (culture 3.2 = (3+3+3+3+4)/5, technology 3.0): under 0.25, so balanced.
    text = insights.gap_meaning(results(*[person(3, 3)] * 4, person(4, 3)))
    assert text.startswith("People and culture score about the same as the technology estate")
    assert "(a difference of 0.2)" in text


def test_gap_meaning_without_enough_responses():
    assert "not enough responses" in insights.gap_meaning(SUPPRESSED)
    # The council is shown, but only two people answered technology: no gap.
    partial = results(person(3, 3), person(3, 3), person(3))
    assert partial.council.people_first_gap is None
    assert "not enough responses" in insights.gap_meaning(partial)


def test_strengths_and_priorities_order_by_score_and_keep_every_theme_tied_with_the_last():
    found = real_results([real_person(SEVEN)] * 3)
    assert [f.theme_id for f in insights.strengths(REAL, found)] == [
        "skills",
        "leadership",
        # All three show 3.0: none is left out for coming later in the bank.
        "culture",
        "data_users",
        "technology",
    ]
    assert [f.theme_id for f in insights.priorities(REAL, found)] == [
        "collaboration",
        "risk",
        "culture",
        "data_users",
        "technology",
    ]
    assert len(insights.strengths(REAL, found, n=7)) == 7


def test_a_finding_carries_the_score_level_and_a_sentence():
    [top] = insights.strengths(BANK, results(*[person(4, 2)] * 3), n=1)
    assert (top.theme_id, top.title, top.score, top.level_name) == (
        "culture",
        "Culture",
        4.0,
        "Advanced",
    )
    assert top.sentence == "Culture scores 4.0 (Advanced): one of the council's strongest themes."


def test_strengths_and_priorities_leave_out_suppressed_themes():
    assert insights.strengths(BANK, SUPPRESSED) == []
    partial = results(person(3, 3), person(3, 3), person(3))  # technology under k
    assert [f.theme_id for f in insights.priorities(BANK, partial)] == ["culture"]


def test_a_spread_of_one_is_a_talking_point_and_less_is_not():
    # Culture scores 2, 3, 4: spread exactly 1.0.
    [point] = insights.talking_points(BANK, results(person(2), person(3), person(4)))
    assert (point.theme_id, point.kind) == ("culture", "disagree")
    assert point.sentence == (
        "People see Culture very differently (spread 1.0). "
        "Ask teams what they see that others don't."
    )
    # Culture scores 2, 3, 3: spread 0.6.
    assert insights.talking_points(BANK, results(person(2), person(3), person(3))) == []


def test_a_dont_know_share_of_a_fifth_is_a_talking_point_and_less_is_not():
    # Ten culture answers, two of them "don't know": a share of 0.2.
    people = [person(3, learn=DK), person(3, learn=DK)] + [person(3)] * 3
    [point] = insights.talking_points(BANK, results(*people))
    assert (point.theme_id, point.kind) == ("culture", "dont_know")
    assert point.sentence.startswith('20% of answers about Culture were "Don\'t know".')
    # One in ten: 0.1.
    fewer = [person(3, learn=DK)] + [person(3)] * 4
    assert insights.talking_points(BANK, results(*fewer)) == []


def test_perception_sentences_name_who_scores_higher():
    leaders = [person(5, 3, role="leadership")] * 3
    # Frontline culture: 4, 4 and (3 + 2 x 4) / 3 = 3.67, a mean of 3.89, so leaders are
    # 1.1 higher. Technology: leaders 3, frontline 4.
    frontline = [person(4, 4, role="frontline")] * 2 + [person(4, 4, role="frontline", learn=3)]
    assert insights.perception_sentences(BANK, results(*leaders, *frontline)) == [
        "Leaders score Culture 1.1 higher than frontline staff do.",
        "Frontline staff score Technology 1.0 higher than leaders do.",
    ]


def test_small_perception_gaps_and_hidden_tiers_give_no_sentences():
    close = [person(4, 3, role="leadership")] * 3 + [person(4, 3, role="frontline")] * 2
    close.append(person(3, 3, role="frontline"))  # frontline culture 3.7: a gap of 0.3
    assert insights.perception_sentences(BANK, results(*close)) == []
    hidden = [person(5, 5, role="leadership")] * 2 + [person(2, 2, role="frontline")] * 3
    assert insights.perception_sentences(BANK, results(*hidden)) == []


def test_recommendation_follows_the_councils_level():
    assert insights.recommendation(BANK, "culture", results(*[person(2, 4)] * 3)) == "Keep going."
    assert insights.recommendation(BANK, "technology", results(*[person(2, 4)] * 3)) == (
        "Keep modernising."
    )
    assert insights.recommendation(BANK, "culture", SUPPRESSED) is None


@pytest.mark.parametrize(
    ("culture", "tech", "title"),
    [
        (4, 2, "People and culture are 2.0 ahead of the technology estate"),
        (2, 4, "The technology estate is 2.0 ahead of people and culture"),
        (3, 3, "People and culture are level with the technology estate (a gap of 0.0)"),
    ],
)
def test_pillar_title_states_the_gap(culture, tech, title):
    assert insights.pillar_title(results(*[person(culture, tech)] * 3)) == title


def test_titles_are_neutral_without_enough_responses():
    assert insights.pillar_title(SUPPRESSED) == insights.NOT_ENOUGH
    assert insights.radar_title(BANK, SUPPRESSED) == insights.NOT_ENOUGH
    assert insights.themes_title(BANK, SUPPRESSED) == insights.NOT_ENOUGH
    assert "compare leaders and frontline" in insights.perception_title(BANK, SUPPRESSED)
    assert "compare service areas" in insights.heatmap_title(BANK, SUPPRESSED)
    culture = BANK.theme("culture")
    assert "Not enough responses" in insights.distribution_title(culture, None)
    assert "Not enough" in insights.distribution_title(culture, SUPPRESSED.council.theme("culture"))


def test_radar_title_names_the_highest_and_lowest_themes():
    found = real_results([real_person(SEVEN)] * 3)
    assert insights.radar_title(REAL, found) == (
        "Skills and talent scores highest (5.0) and Collaboration and silos lowest (1.0)"
    )
    assert insights.radar_title(BANK, results(*[person(3, 3)] * 3)) == (
        "Every theme scores about the same, 3.0"
    )


def test_themes_title_puts_disagreement_first_then_dont_know_then_levels():
    disagree = results(person(2, 3), person(3, 3), person(4, 3))
    assert insights.themes_title(BANK, disagree) == "People disagree most about Culture"
    unknown = results(*[person(3, 3, learn=DK)] * 3)
    assert (
        insights.themes_title(BANK, unknown) == 'Many people answered "Don\'t know" about Culture'
    )
    assert insights.themes_title(BANK, results(*[person(3, 2)] * 3)) == (
        "1 of 2 themes is Established or better"
    )


def test_perception_and_heatmap_titles_state_the_finding():
    people = [person(5, 3, role="leadership", area="housing")] * 3
    people += [person(3, 3, role="frontline", area="planning")] * 3
    found = results(*people)
    assert insights.perception_title(BANK, found) == (
        "Leaders score Culture 2.0 higher than frontline staff do"
    )
    assert insights.heatmap_title(BANK, found) == (
        "Housing scores highest overall (4.0) and Planning lowest (3.0)"
    )
    only_housing = results(*[person(3, 3, area="housing")] * 3)
    assert insights.heatmap_title(BANK, only_housing) == (
        "Only Housing has enough responses to show on its own"
    )
    alike = [person(3, 3, role="leadership")] * 3 + [person(3, 3, role="frontline")] * 3
    assert insights.perception_title(BANK, results(*alike)) == (
        "Leaders and frontline staff see every theme in much the same way"
    )


def test_distribution_title_from_the_theme_result():
    culture = BANK.theme("culture")
    calm = results(*[person(3, 3)] * 3).council.theme("culture")
    assert insights.distribution_title(culture, calm) == (
        "People broadly agree about Culture, which scores 3.0"
    )
    wide = results(person(2), person(3), person(4)).council.theme("culture")
    assert insights.distribution_title(culture, wide) == "People see Culture very differently"


def test_readings_are_plain_sentences_from_the_scores():
    found = results(*[person(4, 2, role="leadership")] * 3)
    assert insights.pillar_reading(found).startswith(
        "People and culture score 4.0 and the technology estate 2.0. People and culture score 2.0"
    )
    radar = insights.radar_reading(BANK, found)
    assert radar.startswith("The council scores 3.0 overall, which is Established.")
    assert "Frontline staff are not shown separately, to keep the answers of small" in radar
    assert "No theme shows wide disagreement" in insights.themes_reading(BANK, found)
    assert "once at least 3 leaders and 3 frontline staff" in insights.perception_reading(
        BANK, found
    )
    for reading in (insights.pillar_reading(SUPPRESSED), insights.radar_reading(BANK, SUPPRESSED)):
        assert reading.startswith("Results appear once at least 3 people have answered")
    # Three people, but none gave a level: the council is shown, no theme is.
    blank = results(person(), person(), person())
    assert (
        insights.themes_reading(BANK, blank) == "No theme has answers from at least 3 people yet."
    )


def test_heatmap_and_themes_readings_point_to_silos_and_talking_points():
    people = [person(2, 2, area="housing")] * 3 + [person(4, 4, area="planning")] * 3
    reading = insights.heatmap_reading(BANK, results(*people))
    # Every theme, as the page's findings: not Collaboration, nor the overall score, alone.
    assert "Housing scores 2.0 on " in reading and "1.0 below the council as a whole" in reading
    wide = results(person(2), person(3), person(4))
    assert "People disagree about 1 theme." in insights.themes_reading(BANK, wide)
