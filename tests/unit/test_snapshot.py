"""The results snapshot: what it keeps of the results, and that storing it as a plain
dict (JSON in the database) gives back exactly the results that were scored."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.framework.loader import load_bank
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
    return make_snapshot(
        score(BANK, people, k), distributions, comments, AS_OF, BANK.version, len(people)
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
    assert stored["format"] == 2
