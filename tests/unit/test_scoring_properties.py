"""Properties the scoring must keep for any council, checked on random respondents.

Hand-worked cases live in test_scoring.py; here hypothesis builds councils of
random size, with random roles, service areas (some not in the bank), answers
(levels, don't knows, gaps, and questions the bank doesn't have) and a
threshold k from 3 to 6, and looks for one that breaks a rule.
"""

import math
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from assessment.framework.loader import load_bank
from assessment.framework.model import PREFER_NOT_TO_SAY
from assessment.framework.scoring import (
    DONT_KNOW,
    GroupResult,
    Respondent,
    level_for,
    respondent_theme_scores,
    score,
)

BANK = load_bank(Path(__file__).resolve().parents[1] / "fixtures" / "questions" / "two_themes")
QUESTION_IDS = [q.id for q in BANK.questions]
ROLE_IDS = [o.id for o in BANK.roles]
AREA_IDS = [o.id for o in BANK.service_areas]

answers = st.dictionaries(
    st.sampled_from([*QUESTION_IDS, "culture.not_in_the_bank"]),
    st.one_of(st.integers(1, 5), st.just(DONT_KNOW)),
)
respondents = st.builds(
    Respondent,
    role=st.sampled_from([*ROLE_IDS, "no_such_role"]),
    service_area=st.sampled_from([*AREA_IDS, "no_such_area"]),
    answers=answers,
)
councils = st.lists(respondents, max_size=30)
thresholds = st.integers(3, 6)


def all_groups(results):
    return (results.council, *results.roles, *results.service_areas)


def members(group: GroupResult, people):
    """The respondents a group holds, worked out independently of the scoring."""
    if group.group_type == "council":
        return list(people)
    ids = ROLE_IDS if group.group_type == "role" else AREA_IDS

    def group_of(person):
        chosen = person.role if group.group_type == "role" else person.service_area
        return chosen if chosen in ids else PREFER_NOT_TO_SAY

    return [p for p in people if group_of(p) == group.id]


@given(councils, thresholds)
def test_every_shown_score_is_between_one_and_five_with_its_level(people, k):
    for group in all_groups(score(BANK, people, k)):
        shown = [t.score for t in group.themes] + [group.overall, *group.pillars.values()]
        for value in shown:
            assert value is None or 1.0 <= value <= 5.0
        for theme in group.themes:
            assert theme.level == (None if theme.score is None else level_for(theme.score))


@given(councils, thresholds)
def test_a_group_under_k_has_no_figures_at_all(people, k):
    results = score(BANK, people, k)
    for group in all_groups(results):
        if len(people) < k or len(members(group, people)) < k:
            assert group.suppressed
            assert group.respondents is None
            assert (group.overall, group.overall_level, group.people_first_gap) == (None,) * 3
            assert set(group.pillars.values()) == {None}
            for theme in group.themes:
                assert theme.suppressed
                figures = (theme.score, theme.level, theme.respondents, theme.spread)
                assert figures == (None,) * 4
                assert theme.dont_know_share is None
        elif not group.suppressed:
            # A group of k or more may still be hidden, to protect a smaller one
            # (test_secondary_suppression.py); when shown, its count is exact.
            assert group.respondents == len(members(group, people))


@given(councils, thresholds)
def test_no_count_is_shown_for_a_suppressed_group_or_cell(people, k):
    for group in all_groups(score(BANK, people, k)):
        assert (group.respondents is None) == group.suppressed
        for theme in group.themes:
            assert (theme.respondents is None) == theme.suppressed
            assert theme.respondents is None or theme.respondents >= k


@given(councils, thresholds, st.data())
def test_the_order_of_respondents_and_answers_does_not_change_any_figure(people, k, data):
    shuffled = data.draw(st.permutations(people))
    # Also reverse the order each respondent's answers arrive in.
    shuffled = [
        Respondent(p.role, p.service_area, dict(reversed(list(p.answers.items()))))
        for p in shuffled
    ]
    assert score(BANK, shuffled, k) == score(BANK, people, k)


@given(councils, thresholds)
def test_a_shown_theme_score_is_the_plain_mean_of_respondent_theme_scores(people, k):
    for group in all_groups(score(BANK, people, k)):
        for theme in group.themes:
            if theme.suppressed:
                continue
            each = [respondent_theme_scores(BANK, p) for p in members(group, people)]
            scores = [s[theme.theme_id] for s in each if theme.theme_id in s]
            assert theme.respondents == len(scores)
            assert math.isclose(theme.score, math.fsum(scores) / len(scores), rel_tol=1e-12)


@given(councils.filter(bool), thresholds, st.data())
def test_adding_answers_to_one_respondent_changes_only_their_contribution(people, k, data):
    index = data.draw(st.integers(0, len(people) - 1))
    person = people[index]
    extended = Respondent(
        person.role, person.service_area, {**person.answers, **data.draw(answers)}
    )
    changed = [*people[:index], extended, *people[index + 1 :]]
    before, after = score(BANK, people, k).council, score(BANK, changed, k).council
    old, new = respondent_theme_scores(BANK, person), respondent_theme_scores(BANK, extended)
    for theme in BANK.themes:
        was, now = before.theme(theme.id), after.theme(theme.id)
        if was.suppressed or now.suppressed:
            continue
        # The theme's total of respondent scores moves by this respondent's change alone.
        moved = now.score * now.respondents - was.score * was.respondents
        assert math.isclose(moved, new.get(theme.id, 0) - old.get(theme.id, 0), abs_tol=1e-9)


@given(councils.filter(bool), thresholds, st.data())
def test_changing_one_respondents_answers_in_a_theme_moves_only_that_theme(people, k, data):
    index = data.draw(st.integers(0, len(people) - 1))
    theme = data.draw(st.sampled_from(BANK.themes))
    extra = data.draw(
        st.dictionaries(
            st.sampled_from(theme.question_ids), st.one_of(st.integers(1, 5), st.just(DONT_KNOW))
        )
    )
    changed = list(people)
    person = people[index]
    changed[index] = Respondent(person.role, person.service_area, {**person.answers, **extra})
    before, after = score(BANK, people, k), score(BANK, changed, k)
    for group_before, group_after in zip(all_groups(before), all_groups(after), strict=True):
        for other in BANK.themes:
            if other.id != theme.id:
                assert group_after.theme(other.id) == group_before.theme(other.id)
