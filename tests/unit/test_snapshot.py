"""The results snapshot: what it keeps of the results, and that storing it as a plain
dict (JSON in the database) gives back exactly the results that were scored."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.framework.loader import load_bank
from assessment.framework.question_counts import ChosenCount, question_counts
from assessment.framework.scoring import DONT_KNOW, Respondent, score
from assessment.framework.snapshot import (
    Comment,
    from_dict,
    make_snapshot,
    replaces,
    texts,
    to_dict,
    with_comments,
)

BANK = load_bank(Path(__file__).resolve().parents[1] / "fixtures" / "questions" / "two_themes")
QUESTION_IDS = [q.id for q in BANK.questions]
AS_OF = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
COUNTS = {q.id: {"1": 1, "2": 0, "3": 2, "4": 0, "5": 1, "dk": 0} for q in BANK.questions}


def person(culture, technology, role="frontline", area="housing"):
    return Respondent(
        role, area, {"culture.test_and_learn": culture, "technology.legacy": technology}
    )


def snapshot_of(people, k=3, comments=None):
    distributions = {t.id: {q.id: COUNTS[q.id] for q in t.questions} for t in BANK.themes}
    comments = comments or {
        "culture": [Comment(1, "Small steps")],
        "technology": [Comment(2, "Old")],
    }
    results = score(BANK, people, k)
    chosen = [
        ChosenCount(p.role, p.service_area, q, str(a), 1)
        for p in people
        for q, a in p.answers.items()
    ]
    return make_snapshot(
        results,
        distributions,
        comments,
        AS_OF,
        BANK.version,
        len(people),
        questions=question_counts(BANK, chosen, results),
    )


def test_a_theme_whose_council_cell_is_hidden_keeps_no_comments_or_distribution():
    # Four people: all scored culture, two scored technology (k = 3).
    people = [person(2, 1), person(3, 2), person(4, DONT_KNOW), person(5, DONT_KNOW)]
    snapshot = snapshot_of(people)
    assert snapshot.results.council.theme("technology").suppressed
    assert dict(snapshot.comments) == {"culture": (Comment(1, "Small steps"),)}
    assert set(snapshot.distributions) == {"culture"}


def test_a_council_under_the_threshold_keeps_no_comments_or_distributions():
    snapshot = snapshot_of([person(2, 1), person(3, 2)])
    assert snapshot.results.council.suppressed
    assert (dict(snapshot.comments), dict(snapshot.distributions)) == ({}, {})


@pytest.mark.parametrize(
    ("old", "now", "replaced"),
    [(None, 0, True), (None, 7, True), (6, 8, False), (6, 9, True), (0, 2, False), (6, 6, False)],
)
def test_a_new_snapshot_replaces_the_old_only_with_k_more_responses(old, now, replaced):
    assert replaces(old, now, threshold=3) is replaced


answers = st.fixed_dictionaries(
    {}, optional={q: st.one_of(st.integers(1, 5), st.just(DONT_KNOW)) for q in QUESTION_IDS}
)
people = st.lists(
    st.builds(
        Respondent,
        role=st.sampled_from([o.id for o in BANK.roles]),
        service_area=st.sampled_from([o.id for o in BANK.service_areas]),
        answers=answers,
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(people, st.integers(3, 6))
def test_a_snapshot_read_back_from_json_is_exactly_the_one_stored(respondents, k):
    snapshot = snapshot_of(respondents, k)
    stored = json.loads(json.dumps(to_dict(snapshot)))
    assert from_dict(stored) == snapshot


def test_a_snapshot_of_an_unknown_format_is_refused():
    stored = to_dict(snapshot_of([person(2, 1)]))
    with pytest.raises(ValueError, match="format 99"):
        from_dict({**stored, "format": 99})


def test_comments_can_be_narrowed_to_those_shown_now_and_read_as_text():
    people = [person(2, 1), person(3, 2), person(4, 3)]
    comments = {"culture": [Comment(1, "A"), Comment(2, "B")], "technology": [Comment(3, "C")]}
    snapshot = snapshot_of(people, comments=comments)
    narrowed = with_comments(snapshot, lambda c: c.entry != 3 and c.text != "A")
    assert dict(narrowed.comments) == {"culture": (Comment(2, "B"),)}
    assert texts(narrowed, "culture") == ["B"] and texts(narrowed, "technology") == []
    assert narrowed.results == snapshot.results


def test_a_stored_comment_keeps_the_entry_it_came_from():
    people = [person(2, 1), person(3, 2), person(4, 3)]
    stored = to_dict(snapshot_of(people, comments={"culture": [Comment(41, "Small steps")]}))
    assert stored["comments"] == {"culture": [{"entry": 41, "text": "Small steps"}]}
    assert stored["format"] == 3


def test_a_snapshot_keeps_each_questions_counts_by_group():
    people = [person(2, 1), person(3, 2), person(4, 3, role="leadership")]
    snapshot = snapshot_of(people)
    tries = snapshot.questions["culture.test_and_learn"]
    assert tries.council == {"1": 0, "2": 1, "3": 1, "4": 1, "5": 0, "dk": 0}
    assert tries.roles["frontline"] is None  # one leader alone would be council minus them
    assert from_dict(json.loads(json.dumps(to_dict(snapshot)))).questions == snapshot.questions


def test_a_snapshot_stored_before_counts_by_group_were_kept_is_still_read():
    people = [person(2, 1), person(3, 2), person(4, 3)]
    made = to_dict(snapshot_of(people))
    # What a format-2 snapshot holds: everything but the questions' counts by group.
    stored = {key: value for key, value in made.items() if key != "questions"}
    read = from_dict({**stored, "format": 2})
    assert read.questions is None
    assert read.results == snapshot_of(people).results
    assert read.distributions == snapshot_of(people).distributions
