"""The findings a leader reads first, ranked by size, from hand-made councils.

The two-theme fixture bank (culture: people; technology) serves where two themes
are enough; the real bank where seven themes and its service areas matter. A
respondent answers every question of a theme with one level, so their theme
score is that level. k = 3 throughout.
"""

from pathlib import Path

from assessment.framework import ranked_findings as ranked
from assessment.framework.loader import load_bank
from assessment.framework.question_counts import QuestionCounts
from assessment.framework.scoring import Respondent, score

ROOT = Path(__file__).resolve().parents[2]
BANK = load_bank(ROOT / "tests" / "fixtures" / "questions" / "two_themes")
REAL = load_bank(ROOT / "questions" / "2026.1")
K = 3
EVEN = dict.fromkeys((t.id for t in REAL.themes), 3)


def person(bank, levels, role="manager", area="housing"):
    answers = {q.id: levels[t.id] for t in bank.themes if t.id in levels for q in t.questions}
    return Respondent(role, area, answers)


def council(bank, *groups):
    """groups: (how many people, their levels, role, area)."""
    people = [
        person(bank, levels, role, area) for n, levels, role, area in groups for _ in range(n)
    ]
    return score(bank, people, K)


def of_kind(findings, kind):
    return [f for f in findings if f.kind == kind]


def test_the_weakest_theme_names_its_score_level_and_how_far_it_trails_the_strongest():
    found = ranked.ranked_findings(
        BANK, council(BANK, (3, {"culture": 4, "technology": 2}, "manager", "housing"))
    )
    [weakest] = of_kind(found, ranked.WEAKEST)
    assert weakest.sentence == (
        "Technology scores 2.0 (Developing), the lowest of 2 themes and "
        "2.0 below the strongest, Culture (4.0)."
    )
    assert (weakest.size, weakest.theme_id) == (2.0, "technology")
    [strongest] = of_kind(found, ranked.STRONGEST)
    assert strongest.sentence == (
        "Culture scores 4.0 (Advanced), the highest of 2 themes and "
        "1.0 above the council's overall score of 3.0."
    )


def test_themes_tied_at_the_bottom_are_joint_weakest_in_one_finding():
    levels = {**EVEN, "risk": 2, "collaboration": 2, "leadership": 4}
    found = ranked.ranked_findings(REAL, council(REAL, (3, levels, "manager", "housing")))
    [weakest] = of_kind(found, ranked.WEAKEST)
    assert weakest.sentence == (
        "Risk appetite and innovation and Collaboration and silos are joint lowest at "
        "2.0 (Developing), 2.0 below the strongest, Leadership and ambition (4.0)."
    )
    assert weakest.theme_ids == ("risk", "collaboration")
    assert weakest.theme_id is None  # two themes: no single theme page to link to


def test_every_theme_level_gives_no_weakest_or_strongest():
    found = ranked.ranked_findings(REAL, council(REAL, (3, EVEN, "manager", "housing")))
    assert of_kind(found, ranked.WEAKEST) == of_kind(found, ranked.STRONGEST) == []


def test_leaders_above_frontline_on_every_theme_is_one_finding_with_the_range():
    leaders = {**dict.fromkeys(EVEN, 4), "skills": 5}
    results = council(
        REAL, (3, leaders, "leadership", "housing"), (3, EVEN, "frontline", "housing")
    )
    [finding] = of_kind(ranked.ranked_findings(REAL, results), ranked.LEADERS_FRONTLINE)
    assert finding.sentence == "Leaders score above frontline staff on all 7 themes, by 1.0 to 2.0."
    assert finding.size == 2.0
    assert finding.theme_ids == tuple(EVEN)
    assert (finding.group_type, finding.group) == ("role", None)


def test_frontline_above_leaders_by_the_same_on_every_shown_theme():
    frontline = {"culture": 4, "technology": 3}
    leaders = {"culture": 3, "technology": 2}
    results = council(
        BANK, (3, leaders, "leadership", "housing"), (3, frontline, "frontline", "housing")
    )
    [finding] = of_kind(ranked.ranked_findings(BANK, results), ranked.LEADERS_FRONTLINE)
    assert finding.sentence == "Frontline staff score above leaders on all 2 themes, by 1.0."


def test_leaders_and_frontline_differing_both_ways_give_the_widest_and_notable_themes():
    levels = {**EVEN, "risk": 4, "skills": 1, "culture": 2}
    results = council(REAL, (3, EVEN, "leadership", "housing"), (3, levels, "frontline", "housing"))
    found = of_kind(ranked.ranked_findings(REAL, results), ranked.LEADERS_FRONTLINE)
    assert [f.sentence for f in found] == [
        "Leaders score Skills and talent 2.0 higher than frontline staff do.",
        "Leaders score Culture and ways of working 1.0 higher than frontline staff do.",
        "Frontline staff score Risk appetite and innovation 1.0 higher than leaders do.",
    ]


def test_a_suppressed_tier_gives_no_leaders_and_frontline_finding():
    results = council(
        REAL,
        (2, dict.fromkeys(EVEN, 5), "leadership", "housing"),
        (3, EVEN, "frontline", "housing"),
        (3, EVEN, "manager", "planning"),
    )
    assert results.role("leadership").suppressed
    found = ranked.ranked_findings(REAL, results)
    assert found, "the council itself is shown and has findings"
    assert of_kind(found, ranked.LEADERS_FRONTLINE) == []


def test_a_service_area_point_eight_below_the_council_on_risk_is_found():
    # Risk: housing 2.0, planning 3.0, council (3 x 2 + 9 x 3) / 12 = 2.75, shown 2.8.
    results = council(
        REAL, (3, {**EVEN, "risk": 2}, "manager", "housing"), (9, EVEN, "manager", "planning")
    )
    [finding] = of_kind(ranked.ranked_findings(REAL, results), ranked.SERVICE_AREA)
    assert finding.sentence == (
        "Housing scores 2.0 on Risk appetite and innovation, 0.8 below the council as a whole "
        "(2.8)."
    )
    assert (finding.size, finding.theme_id, finding.group_type, finding.group) == (
        0.8,
        "risk",
        "service_area",
        "housing",
    )


def test_a_service_area_above_the_council_is_found_and_a_small_difference_is_not():
    results = council(
        REAL,
        (3, {**EVEN, "skills": 5, "culture": 4}, "manager", "it_digital"),
        (9, EVEN, "manager", "planning"),
    )
    found = of_kind(ranked.ranked_findings(REAL, results), ranked.SERVICE_AREA)
    # Skills: 5.0 against 3.5, and planning 0.5 below it; culture: 4.0 against 3.25 (3.3).
    assert [f.sentence for f in found] == [
        "IT and digital scores 5.0 on Skills and talent, 1.5 above the council as a whole (3.5).",
        "IT and digital scores 4.0 on Culture and ways of working, 0.7 above the council as a "
        "whole (3.3).",
        "Planning scores 3.0 on Skills and talent, 0.5 below the council as a whole (3.5).",
    ]
    # Risk: planning 2.0, housing 2.5, the council 2.3: neither is 0.5 away.
    close = council(
        REAL,
        (3, {**EVEN, "risk": 2}, "manager", "planning"),
        (3, {**EVEN, "risk": 2}, "manager", "housing"),
        (3, EVEN, "manager", "housing"),
    )
    assert of_kind(ranked.ranked_findings(REAL, close), ranked.SERVICE_AREA) == []


def test_a_hidden_service_area_never_appears():
    results = council(
        REAL,
        (2, dict.fromkeys(EVEN, 1), "manager", "housing"),  # under k
        (3, EVEN, "manager", "planning"),  # hidden too, so housing can't be worked out
        (6, dict.fromkeys(EVEN, 5), "manager", "customer_services"),
        (6, EVEN, "manager", "it_digital"),
    )
    assert results.service_area("housing").suppressed
    assert results.service_area("planning").suppressed
    found = ranked.ranked_findings(REAL, results)
    # The council (3.5 on each theme) includes the hidden people; the shown areas are named.
    areas = {f.group for f in of_kind(found, ranked.SERVICE_AREA)}
    assert areas == {"customer_services", "it_digital"}
    assert not any("Housing" in f.sentence or "Planning" in f.sentence for f in found)


def test_the_people_first_gap_names_its_size_and_direction():
    ahead = council(BANK, (3, {"culture": 4, "technology": 3}, "manager", "housing"))
    [finding] = of_kind(ranked.ranked_findings(BANK, ahead), ranked.PEOPLE_FIRST)
    assert finding.sentence == "People and culture score 1.0 higher than the technology estate."
    behind = council(BANK, (3, {"culture": 2, "technology": 4}, "manager", "housing"))
    [finding] = of_kind(ranked.ranked_findings(BANK, behind), ranked.PEOPLE_FIRST)
    assert finding.sentence == "The technology estate scores 2.0 higher than people and culture."
    assert finding.size == 2.0


def test_no_people_first_finding_without_a_shown_technology_score():
    results = council(BANK, (3, {"culture": 4}, "manager", "housing"))
    assert results.council.people_first_gap is None
    assert of_kind(ranked.ranked_findings(BANK, results), ranked.PEOPLE_FIRST) == []


def test_the_widest_disagreement_is_sized_at_half_its_spread():
    # Culture 2, 3, 4: spread 1.0; technology all 3: spread 0.
    results = council(
        BANK,
        (1, {"culture": 2, "technology": 3}, "manager", "housing"),
        (1, {"culture": 3, "technology": 3}, "manager", "housing"),
        (1, {"culture": 4, "technology": 3}, "manager", "housing"),
    )
    [finding] = of_kind(ranked.ranked_findings(BANK, results), ranked.DISAGREEMENT)
    assert finding.sentence == "People disagree most about Culture (a spread of 1.0)."
    assert (finding.size, finding.theme_id) == (0.5, "culture")


# Managers and frontline staff in housing and planning: every group named below is shown.
SHOWN = [
    (3, {"culture": 3, "technology": 3}, "manager", "housing"),
    (3, {"culture": 3, "technology": 3}, "frontline", "planning"),
]


def counts(dk, levels=0):
    return {"3": levels, "dk": dk}


def question_counts(council_counts, roles=None, areas=None):
    return {
        "culture.change": QuestionCounts(
            "culture.change",
            council_counts,
            {"leadership": None, "frontline": None, **(roles or {})},
            {"housing": None, **(areas or {})},
        )
    }


def test_a_question_a_quarter_of_a_shown_group_does_not_know_is_a_finding():
    results = council(BANK, *SHOWN)
    by_question = question_counts(counts(2, 8), roles={"frontline": counts(3, 7)})
    [finding] = of_kind(ranked.ranked_findings(BANK, results, by_question), ranked.DONT_KNOW)
    assert finding.sentence == (
        'Among Frontline, 30% answered "Don\'t know" to "How do teams respond to change?" '
        "(Culture)."
    )
    assert (finding.size, finding.group_type, finding.group) == (0.6, "role", "frontline")
    assert (finding.question_id, finding.theme_id) == ("culture.change", "culture")


def test_dont_know_names_the_council_or_an_area_and_needs_a_quarter():
    results = council(BANK, *SHOWN)
    quarter = question_counts(counts(1, 3), areas={"housing": counts(1, 4)})
    [finding] = of_kind(ranked.ranked_findings(BANK, results, quarter), ranked.DONT_KNOW)
    assert finding.sentence.startswith('25% of people answered "Don\'t know" to')
    assert finding.size == 0.5
    in_area = question_counts(counts(1, 4), areas={"housing": counts(1, 3)})
    [finding] = of_kind(ranked.ranked_findings(BANK, results, in_area), ranked.DONT_KNOW)
    assert finding.sentence.startswith('In Housing, 25% answered "Don\'t know"')
    under = question_counts(counts(24, 76))
    assert of_kind(ranked.ranked_findings(BANK, results, under), ranked.DONT_KNOW) == []


def test_no_question_counts_give_no_dont_know_findings():
    results = council(BANK, *SHOWN)
    assert of_kind(ranked.ranked_findings(BANK, results), ranked.DONT_KNOW) == []
    assert of_kind(ranked.ranked_findings(BANK, results, {}), ranked.DONT_KNOW) == []
    hidden = question_counts(None)  # every group hidden
    assert of_kind(ranked.ranked_findings(BANK, results, hidden), ranked.DONT_KNOW) == []


def test_dont_know_passes_over_a_group_the_results_hide_whatever_its_counts():
    results = council(BANK, *SHOWN)
    assert results.role("leadership").suppressed
    by_question = question_counts(counts(0, 9), roles={"leadership": counts(9, 0)})
    assert of_kind(ranked.ranked_findings(BANK, results, by_question), ranked.DONT_KNOW) == []


def test_findings_come_biggest_first_and_ties_keep_the_order_of_kinds():
    leaders = {**dict.fromkeys(EVEN, 4), "skills": 5}
    levels = {**EVEN, "risk": 2}
    results = council(
        REAL, (3, leaders, "leadership", "housing"), (3, levels, "frontline", "planning")
    )
    found = ranked.ranked_findings(REAL, results)
    sizes = [f.size for f in found]
    assert sizes == sorted(sizes, reverse=True)
    assert found[0].kind == ranked.LEADERS_FRONTLINE  # 3.0 on risk
    tied = [f for f in found if f.size == found[1].size]
    assert [ranked.KINDS.index(f.kind) for f in tied] == sorted(
        ranked.KINDS.index(f.kind) for f in tied
    )


def test_a_council_under_k_has_no_findings():
    results = council(BANK, (2, {"culture": 1, "technology": 5}, "manager", "housing"))
    assert ranked.ranked_findings(BANK, results, question_counts(None)) == []


def test_every_finding_has_a_title_for_its_kind():
    results = council(BANK, (3, {"culture": 4, "technology": 2}, "manager", "housing"))
    titles = {f.kind: f.title for f in ranked.ranked_findings(BANK, results)}
    assert titles[ranked.WEAKEST] == "Weakest theme"
    assert set(ranked.TITLES) == set(ranked.KINDS)
