"""Each question's answers by group, as leaders may see them (FRAMEWORK.md "Anonymity"):
a group under k, a question few people answered, and the group that would give a
small one away are hidden; what is shown says which statement most people chose."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.framework.loader import load_bank
from assessment.framework.question_counts import (
    ChosenCount,
    dont_know_share,
    most_chosen,
    most_said,
    question_counts,
)
from assessment.framework.results_contract import AssessmentInfo, results_json
from assessment.framework.scoring import DONT_KNOW, Respondent, score

from ..subtraction import from_questions

BANK = load_bank(Path(__file__).resolve().parents[1] / "fixtures" / "questions" / "two_themes")
TRIES = "culture.test_and_learn"
CHANGE = "culture.change"
LEGACY = "technology.legacy"


def person(role, area, tries=3, change=3, legacy=3):
    answers = {TRIES: tries, CHANGE: change, LEGACY: legacy}
    return Respondent(role, area, {q: a for q, a in answers.items() if a is not None})


def chosen(people):
    """The rows storage would count: one a person and answer (the core adds them up)."""
    return [
        ChosenCount(p.role, p.service_area, question_id, str(answer), 1)
        for p in people
        for question_id, answer in p.answers.items()
    ]


def counts_of(people, k):
    results = score(BANK, people, k)
    return results, question_counts(BANK, chosen(people), results)


def counts(**given):
    return {**dict.fromkeys(("1", "2", "3", "4", "5", DONT_KNOW), 0), **given}


def test_a_shown_group_gets_its_counts_and_a_group_under_k_is_hidden():
    people = [
        *[person("leadership", "housing", tries=4)] * 3,
        *[person("frontline", "housing", tries=2)] * 2,
        *[person("frontline", "other", tries=DONT_KNOW)] * 3,
        person("elected_member", "planning", tries=1),
        *[person("manager", "other", tries=5)] * 3,
    ]
    _, found = counts_of(people, k=3)
    tries = found[TRIES]
    assert tries.council == counts(**{"1": 1, "2": 2, "4": 3, "5": 3, DONT_KNOW: 3})
    # One elected member: hidden, and with them the smallest shown tier (leadership and
    # manager hold 3 each; the later in bank order, manager, goes).
    assert tries.roles["elected_member"] is None
    assert tries.roles["manager"] is None
    assert tries.roles["leadership"] == counts(**{"4": 3})
    assert tries.roles["frontline"] == counts(**{"2": 2, DONT_KNOW: 3})
    # Planning's one person is hidden; with nobody else to spare, housing (5) goes too.
    assert tries.service_areas["planning"] is None
    assert tries.service_areas["housing"] is None
    assert tries.service_areas["other"] == counts(**{"5": 3, DONT_KNOW: 3})


def test_a_question_fewer_than_k_answered_in_a_shown_group_is_hidden_with_a_neighbour():
    # Leadership's three all scored culture, but only two answered "change" (an import
    # may leave answers out): its counts for that question, and the next smallest
    # tier's, are hidden, while its counts for "test and learn" are shown.
    people = [
        *[person("leadership", "housing", change=4)] * 2,
        person("leadership", "housing", change=None),
        *[person("frontline", "other", change=2)] * 4,
        *[person("manager", "other", change=3)] * 5,
    ]
    results, found = counts_of(people, k=3)
    assert not results.role("leadership").theme("culture").suppressed
    assert found[TRIES].roles["leadership"] == counts(**{"3": 3})
    assert found[CHANGE].roles["leadership"] is None
    assert found[CHANGE].roles["frontline"] is None  # 2 alone would be council minus the rest
    assert found[CHANGE].roles["manager"] == counts(**{"3": 5})
    assert found[CHANGE].council == counts(**{"2": 4, "3": 5, "4": 2})


def test_no_counts_are_shown_under_a_theme_cell_that_is_hidden():
    # Frontline's three answered technology "Don't know" but for one: its technology cell
    # has one scorer and is hidden, so its counts, 3 answers, are hidden too; and the
    # council's technology cell (4 scorers, k = 5) is hidden, so nothing is shown.
    people = [
        *[person("frontline", "housing", legacy=DONT_KNOW)] * 2,
        person("frontline", "housing", legacy=2),
        *[person("manager", "housing", legacy=3)] * 3,
    ]
    results, found = counts_of(people, k=3)
    assert results.role("frontline").theme("technology").suppressed
    assert found[LEGACY].roles["frontline"] is None
    assert found[LEGACY].roles["manager"] is None  # secondary: 3 would be council minus it
    _, five = counts_of(people, k=5)
    assert five[LEGACY].council is None and five[TRIES].council == counts(**{"3": 6})
    assert all(c is None for c in five[LEGACY].service_areas.values())


def test_a_council_under_k_shows_no_counts_at_all():
    _, found = counts_of([person("frontline", "housing")] * 2, k=3)
    for each in found.values():
        assert each.council is None
        assert set(each.roles.values()) == {None} and set(each.service_areas.values()) == {None}


def test_every_question_and_every_group_of_the_bank_is_there_in_bank_order():
    _, found = counts_of([person("frontline", "housing")] * 3, k=3)
    assert list(found) == [q.id for q in BANK.questions]
    assert list(found[TRIES].roles) == [o.id for o in BANK.roles]
    assert list(found[TRIES].service_areas) == [o.id for o in BANK.service_areas]


def test_answers_to_questions_the_bank_lacks_and_unknown_groups_are_handled_as_scoring_does():
    people = [person("frontline", "housing")] * 3
    rows = [
        *chosen(people),
        ChosenCount("frontline", "housing", "gone.question", "2", 3),
        ChosenCount("retired_role", "moon_base", TRIES, "5", 3),
    ]
    stray = [*people, *[Respondent("retired_role", "moon_base", {TRIES: 5})] * 3]
    found = question_counts(BANK, rows, score(BANK, stray, 3))
    assert "gone.question" not in found
    assert found[TRIES].roles["prefer_not_to_say"] == counts(**{"5": 3})


def test_most_chosen_names_every_level_on_a_tie_and_never_dont_know():
    assert most_chosen(counts(**{"2": 4, "3": 1})) == (2,)
    assert most_chosen(counts(**{"2": 4, "4": 4, DONT_KNOW: 9})) == (2, 4)
    assert most_chosen(counts(**{DONT_KNOW: 3})) == ()
    assert dont_know_share(counts(**{"2": 3, DONT_KNOW: 1})) == 0.25


def test_most_said_gives_the_statement_in_words_and_is_honest_about_ties():
    question = BANK.question(CHANGE)
    assert most_said(question, counts(**{"4": 5, "2": 1})) == "Most people said: “They welcome it.”"
    assert most_said(question, counts(**{"1": 3, "5": 3})) == (
        "Equal numbers chose: “They resist it.” and “They lead it.”"
    )
    assert most_said(question, counts(**{"3": 2, DONT_KNOW: 4})).startswith(
        'More people answered "Don\'t know" than chose any one statement.'
    )
    assert "Nobody chose a statement" in most_said(question, counts(**{DONT_KNOW: 4}))


answers = st.fixed_dictionaries(
    {}, optional={q.id: st.one_of(st.integers(1, 5), st.just(DONT_KNOW)) for q in BANK.questions}
)
councils = st.lists(
    st.builds(
        Respondent,
        role=st.sampled_from([o.id for o in BANK.roles]),
        service_area=st.sampled_from([o.id for o in BANK.service_areas]),
        answers=answers,
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(councils, st.integers(3, 6))
def test_no_subtraction_of_published_question_counts_reveals_fewer_than_k(people, k):
    results, found = counts_of(people, k)
    document = results_json(BANK, results, AssessmentInfo("1", "t", "T", k), questions=found)
    assert from_questions(document["questions"], k) == []
    # And nothing is shown for a group where its theme cell, or the group, is hidden.
    for theme in BANK.themes:
        for question in theme.questions:
            for group in (*results.roles, *results.service_areas):
                kind = found[question.id].roles if group.group_type == "role" else None
                kind = kind if kind is not None else found[question.id].service_areas
                if kind[group.id] is not None:
                    assert not group.theme(theme.id).suppressed
                    assert sum(kind[group.id].values()) >= k
