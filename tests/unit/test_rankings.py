"""Rankings compare what a leader reads: themes shown with equal scores are joint.

The demo had Collaboration at 1.96 and Technology at 2.04, both shown as 2.0,
and called Collaboration "lowest" on hidden decimals. These councils are built
so that shown values tie while the hidden ones differ.
"""

from pathlib import Path

from assessment.framework import insights
from assessment.framework.action_plan import PERIODS, action_plan
from assessment.framework.loader import load_bank
from assessment.framework.rankings import first_with_ties
from assessment.framework.scoring import Respondent, score
from assessment.framework.text import list_of

REAL = load_bank(Path(__file__).resolve().parents[2] / "questions" / "2026.1")
K = 3
BASE = {"leadership": 4, "culture": 3, "risk": 3, "skills": 5, "data_users": 3}
BASE |= {"collaboration": 2, "technology": 2}


def person(levels, role="manager", area="housing"):
    answers = {q.id: levels[t.id] for t in REAL.themes if t.id in levels for q in t.questions}
    return Respondent(role, area, answers)


def tied_at_two(role="manager", area="housing"):
    """25 people: collaboration 1.96 and technology 2.04, both shown as 2.0."""
    people = [person(BASE, role, area) for _ in range(23)]
    people.append(person(BASE | {"collaboration": 1}, role, area))
    people.append(person(BASE | {"technology": 3}, role, area))
    return people


def test_first_with_ties_keeps_everything_tied_with_the_last_place_in_the_order_given():
    scores = {"a": 3.04, "b": 2.96, "c": 3.0, "d": 1.0}
    assert first_with_ties(list(scores), scores.get, 1) == ["a", "b", "c"]
    assert first_with_ties(list(scores), lambda k: -scores[k], 1) == ["d"]
    assert first_with_ties(list(scores), scores.get, 4) == ["a", "b", "c", "d"]


def test_names_are_listed_as_people_write_them():
    assert list_of(["A"]) == "A"
    assert list_of(["A", "B"]) == "A and B"
    assert list_of(["A", "B", "C"]) == "A, B and C"


def test_two_themes_shown_at_the_same_score_are_joint_lowest_not_split_by_hidden_decimals():
    results = score(REAL, tied_at_two(), K)
    collaboration, technology = (results.council.theme(t) for t in ("collaboration", "technology"))
    assert collaboration.score < technology.score  # the hidden decimals differ...
    assert [f.theme_id for f in insights.priorities(REAL, results, n=1)] == [
        "collaboration",
        "technology",
    ]
    assert insights.radar_title(REAL, results) == (
        "Skills and talent scores highest (5.0); "
        "Collaboration and silos and Technology estate and legacy IT are joint lowest at 2.0"
    )
    assert (
        "Collaboration and silos and Technology estate and legacy IT are joint lowest at 2.0 "
        "and need most attention." in insights.radar_reading(REAL, results)
    )


def test_service_areas_shown_at_the_same_overall_score_are_joint():
    people = [person(BASE, area="housing") for _ in range(3)]
    # Planning's overall is 3.137 and Housing's 3.143: both read 3.1.
    people += [*tied_at_two(area="planning")[1:], person(BASE | {"skills": 4}, area="planning")]
    people += [person(BASE | {"collaboration": 1}, area="legal_democratic") for _ in range(3)]
    results = score(REAL, people, K)
    title = insights.heatmap_title(REAL, results)
    assert title.startswith("Housing and Planning are joint highest overall at 3.1;"), title


def test_the_widest_perception_gaps_tied_as_shown_are_all_named():
    leaders = [person(BASE | {"leadership": 3, "culture": 3, "risk": 3}, "leadership")] * 25
    frontline = [person(BASE | {"leadership": 2, "culture": 2, "risk": 2}, "frontline")] * 23
    # Leadership's gap is 1.04, culture's 0.96 and risk's 1.0: all read 1.0.
    frontline += [
        person(BASE | {"leadership": 1, "culture": 3, "risk": 2}, "frontline"),
        person(BASE | {"leadership": 2, "culture": 2, "risk": 2}, "frontline"),
    ]
    results = score(REAL, leaders + frontline, K)
    assert insights.perception_title(REAL, results) == (
        "Leaders score Leadership and ambition, Culture and ways of working and "
        "Risk appetite and innovation 1.0 higher than frontline staff do"
    )
    # The plan listens on the two widest gaps; all three are equal as shown, so none is dropped.
    listening = [a.title for a in action_plan(REAL, results) if a.period == PERIODS[0]]
    assert listening == [
        "Listen to frontline staff about Leadership and ambition",
        "Listen to frontline staff about Culture and ways of working",
        "Listen to frontline staff about Risk appetite and innovation",
    ]


def test_the_action_plan_acts_on_every_theme_tied_for_second_weakest():
    # Collaboration 1.0 is weakest; risk 1.96 and technology 2.04 are both 2.0 as shown.
    people = [person(BASE | {"collaboration": 1, "risk": 2}) for _ in range(23)]
    people.append(person(BASE | {"collaboration": 1, "risk": 1}))
    people.append(person(BASE | {"collaboration": 1, "risk": 2, "technology": 3}))
    results = score(REAL, people, K)
    acting = [a.title for a in action_plan(REAL, results) if a.period == PERIODS[1]]
    assert acting == [
        "Improve Collaboration and silos (now 1.0, Starting)",
        "Improve Risk appetite and innovation (now 2.0, Developing)",
        "Improve Technology estate and legacy IT (now 2.0, Developing)",
    ]


def test_a_gap_shown_as_the_notable_size_counts_as_notable():
    # Leaders 3.0, frontline 2.54: the gap 0.46 is shown as 0.5, the notable size.
    leaders = [person(BASE | {"culture": 3}, "leadership")] * 50
    frontline = [person(BASE | {"culture": 3}, "frontline")] * 27
    frontline += [person(BASE | {"culture": 2}, "frontline")] * 23
    results = score(REAL, leaders + frontline, K)
    assert insights.perception_sentences(REAL, results) == [
        "Leaders score Culture and ways of working 0.5 higher than frontline staff do."
    ]
