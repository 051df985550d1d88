"""The 90-day plan listens first, then acts on the weakest themes, then on the balance."""

from __future__ import annotations

from assessment.framework.action_plan import PERIODS, action_plan
from assessment.framework.loader import load_bank
from assessment.framework.scoring import Respondent, score

from ..conftest import TWO_THEMES

BANK = load_bank(TWO_THEMES)


def _people(leaders: int, frontline: int, technology: int, dk_technology=False):
    people = [
        Respondent(
            "leadership",
            "housing",
            {"culture.test_and_learn": leaders, "technology.legacy": technology},
        )
        for _ in range(3)
    ]
    people += [
        Respondent(
            "frontline",
            "housing",
            {
                "culture.test_and_learn": frontline,
                "technology.legacy": "dk" if dk_technology else technology,
            },
        )
        for _ in range(3)
    ]
    return people


def test_nothing_is_planned_before_the_council_has_enough_responses():
    assert action_plan(BANK, score(BANK, _people(4, 2, 2)[:2], 3)) == []


def test_a_perception_gap_starts_the_plan_with_listening():
    plan = action_plan(BANK, score(BANK, _people(5, 2, 2), 3))
    assert plan[0].period == PERIODS[0]
    assert plan[0].title == "Listen to frontline staff about Culture"
    assert "Leaders score it 3.0 higher" in plan[0].detail


def test_the_weakest_themes_get_their_recommendations_in_the_second_month():
    plan = action_plan(BANK, score(BANK, _people(3, 3, 1), 3))
    second = [a for a in plan if a.period == PERIODS[1]]
    assert [a.title for a in second] == [
        "Improve Technology (now 1.0, Starting)",
        "Improve Culture (now 3.0, Established)",
    ]
    assert second[0].detail == "Map the estate."  # technology's level 1 recommendation


def test_people_ahead_of_technology_means_fixing_the_tools():
    plan = action_plan(BANK, score(BANK, _people(4, 4, 1), 3))
    assert "Give people the tools to match their ambition" in [a.title for a in plan]


def test_technology_ahead_of_people_means_people_first():
    plan = action_plan(BANK, score(BANK, _people(1, 1, 5), 3))
    assert "Put people before the next technology project" in [a.title for a in plan]


def test_dont_know_answers_get_explained():
    plan = action_plan(BANK, score(BANK, _people(3, 3, 3, dk_technology=True), 3))
    explain = [a for a in plan if a.title.startswith("Explain what is happening")]
    assert explain and "Technology" in explain[0].detail


def test_every_plan_ends_by_reporting_back():
    plan = action_plan(BANK, score(BANK, _people(3, 3, 3), 3))
    assert plan[-1].title == "Tell staff what you heard and plan the next assessment"
