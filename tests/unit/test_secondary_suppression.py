"""No difference between published figures reveals fewer than k people (secondary suppression).

FRAMEWORK.md "Anonymity". First the rule on bare counts, worked by hand; then the
attacks a leader could make with the results JSON and CSV, each a case that
recovered a hidden group before the rule; then hypothesis over random councils on
the two-theme test bank, with the attacker's every subtraction.
"""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.framework.loader import load_bank
from assessment.framework.model import PREFER_NOT_TO_SAY
from assessment.framework.results_contract import AssessmentInfo, results_csv_rows, results_json
from assessment.framework.scoring import DONT_KNOW, Respondent, respondent_theme_scores, score
from assessment.framework.suppression import published, shown_groups

from ..subtraction import from_counts, from_results

BANK = load_bank(Path(__file__).resolve().parents[1] / "fixtures" / "questions" / "two_themes")
ROLE_IDS = [o.id for o in BANK.roles]  # elected_member, leadership, manager, frontline, pnts
AREA_IDS = [o.id for o in BANK.service_areas]  # housing, planning, other, pnts
QUESTION_IDS = [q.id for q in BANK.questions]


def person(role="manager", area="housing", culture=3, technology=3):
    answers = {"culture.test_and_learn": culture, "culture.change": culture}
    return Respondent(role, area, {**answers, "technology.legacy": technology})


def attack(people, k):
    """What a leader recovers from the JSON and CSV downloads of these results."""
    results = score(BANK, people, k)
    document = results_json(BANK, results, AssessmentInfo("1", "testshire", "Test", k))
    return from_results(document, results_csv_rows(BANK, results), k)


# The rule on counts


def test_a_breakdown_with_no_small_group_shows_every_group():
    assert shown_groups([5, 9, 30], 5) == (True, True, True)


def test_empty_groups_hide_nobody_so_they_need_no_protection():
    assert shown_groups([0, 0, 5, 7], 5) == (False, False, True, True)


def test_a_small_group_takes_the_smallest_shown_group_with_it():
    # Four elected members alone would be the council's 30 minus 6 + 8 + 12.
    assert shown_groups([4, 6, 8, 12], 5) == (False, False, True, True)


def test_of_two_equal_smallest_groups_the_later_in_bank_order_is_hidden():
    assert shown_groups([1, 5, 5, 20], 5) == (False, True, False, True)


def test_small_groups_that_hold_k_together_protect_each_other():
    assert shown_groups([2, 3, 9], 5) == (False, False, True)


def test_when_every_group_would_be_needed_every_group_is_hidden():
    assert shown_groups([2, 5], 5) == (False, False)
    assert shown_groups([3], 5) == (False,)


def test_a_group_hidden_for_another_reason_counts_as_hidden():
    # A theme cell of a suppressed group: its 2 scorers must be protected in the theme too.
    assert shown_groups([2, 7, 9], 5, hidden=[True, False, False]) == (False, False, True)
    assert shown_groups([9, 7], 5, hidden=[True, False]) == (False, True)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="negative"):
        shown_groups([-1, 5], 5)


def test_published_counts_are_none_where_hidden():
    assert published([4, 6, 8, 12], 5) == [None, None, 8, 12]


# The named attacks, each of which recovered a hidden group before the rule


def test_role_tier_subtraction_recovers_no_one():
    # The demo's case: 4 elected members, hidden, would be the council minus the shown tiers.
    people = [
        *[person("elected_member", culture=1, technology=5)] * 4,
        *[person("leadership", culture=4)] * 6,
        *[person("manager")] * 8,
        *[person("frontline", culture=2)] * 12,
    ]
    assert attack(people, 5) == []
    results = score(BANK, people, 5)
    assert [g.suppressed for g in results.roles] == [True, True, False, False, True]


def test_service_area_subtraction_recovers_no_one():
    people = [
        *[person(area="housing", culture=4)] * 10,
        *[person(area="planning", culture=1, technology=1)] * 3,
        *[person(area="other", culture=2)] * 8,
    ]
    assert attack(people, 5) == []
    areas = score(BANK, people, 5).service_areas
    assert [g.suppressed for g in areas] == [False, True, True, True]


def test_a_single_hidden_theme_cell_is_not_recovered():
    # Housing is shown, but only 3 of its 10 scored technology (the rest said don't know):
    # their 5.0 was the council's technology total minus Planning's and Other's.
    people = [
        *[person(area="housing", technology=5)] * 3,
        *[person(area="housing", technology=DONT_KNOW)] * 7,
        *[person(area="planning", technology=2)] * 8,
        *[person(area="other", technology=3)] * 7,
    ]
    assert attack(people, 5) == []
    results = score(BANK, people, 5)
    housing, planning, other = (results.service_area(a) for a in ("housing", "planning", "other"))
    assert not housing.suppressed and housing.theme("technology").suppressed
    assert planning.theme("technology").respondents == 8
    assert other.theme("technology").suppressed  # the smaller shown cell, hidden to protect
    # A hidden cell stays out of its group's overall: Other's overall is culture alone.
    assert other.overall == other.theme("culture").score
    assert results.council.theme("technology").respondents == 18


def test_progress_counts_recover_no_one():
    # 25 started: 4 elected members, 6 leaders, 15 frontline staff.
    counts = {"elected_member": 4, "leadership": 6, "frontline": 15}
    shown = dict(zip(counts, published(list(counts.values()), 5), strict=True))
    assert shown == {"elected_member": None, "leadership": None, "frontline": 15}
    assert from_counts("started", 25, shown, 5) == []
    # Hiding only the small group, as before, gave it away.
    before = {"elected_member": None, "leadership": 6, "frontline": 15}
    assert [r.people for r in from_counts("started", 25, before, 5)] == [4]


# Random councils

thresholds = st.integers(3, 7)
answers = st.dictionaries(
    st.sampled_from(QUESTION_IDS), st.one_of(st.integers(1, 5), st.just(DONT_KNOW))
)
respondents = st.builds(
    Respondent,
    role=st.sampled_from([*ROLE_IDS, "no_such_role"]),
    service_area=st.sampled_from([*AREA_IDS, "no_such_area"]),
    answers=answers,
)
councils = st.lists(respondents, max_size=40)


def group_of(person_, group_type):
    chosen, ids = (
        (person_.role, ROLE_IDS) if group_type == "role" else (person_.service_area, AREA_IDS)
    )
    return chosen if chosen in ids else PREFER_NOT_TO_SAY


@given(st.lists(st.integers(0, 30), max_size=15), thresholds)
def test_the_rule_hides_small_groups_and_at_most_one_more(counts, k):
    shown = shown_groups(counts, k)
    hidden = sum(c for c, s in zip(counts, shown, strict=True) if not s)
    assert not all(shown) or hidden == 0
    assert hidden == 0 or hidden >= k or not any(shown)
    protecting = [i for i, (c, s) in enumerate(zip(counts, shown, strict=True)) if not s and c >= k]
    # A group of k or more is hidden only to protect: one is always enough.
    assert len(protecting) <= 1 or not any(shown)
    for i in protecting:
        assert 0 < hidden - counts[i] < k
    # Nothing under k is ever shown.
    assert all(c >= k for c, s in zip(counts, shown, strict=True) if s)


@given(councils, thresholds)
def test_council_minus_the_shown_groups_and_cells_never_holds_1_to_k_minus_1_people(people, k):
    results = score(BANK, people, k)
    if results.council.suppressed:
        return
    themes = [respondent_theme_scores(BANK, p) for p in people]
    for group_type, groups in (("role", results.roles), ("service_area", results.service_areas)):
        # Counted from the respondents themselves, not from the results.
        shown = {g.id for g in groups if not g.suppressed}
        hidden = sum(1 for p in people if group_of(p, group_type) not in shown)
        assert hidden == 0 or hidden >= k, (group_type, hidden)
        for theme in BANK.themes:
            if results.council.theme(theme.id).suppressed:
                continue  # no total published, nothing to subtract from
            cells = {g.id for g in groups if not g.theme(theme.id).suppressed}
            scorers = [p for p, s in zip(people, themes, strict=True) if theme.id in s]
            hidden = sum(1 for p in scorers if group_of(p, group_type) not in cells)
            assert hidden == 0 or hidden >= k, (group_type, theme.id, hidden)


@given(councils, thresholds)
def test_no_subtraction_of_published_results_recovers_anyone(people, k):
    assert attack(people, k) == []


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=6), thresholds)
def test_no_subtraction_of_progress_counts_recovers_anyone(groups, k):
    started = [s + t for s, t in groups]  # a submitted response was started too
    submitted = [s for s, _ in groups]
    for what, counts in (("started", started), ("submitted", submitted)):
        shown = dict(enumerate(published(counts, k)))
        assert from_counts(what, sum(counts), shown, k) == []
