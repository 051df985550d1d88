"""A leader says which earlier round this year's assessment follows, on the assessment's
own page, and is told plainly when the choice cannot be (another council's round, itself,
or a loop), with nothing changed."""

from __future__ import annotations

import pytest

from assessment.storage import assessments, councils, database

from .people import make_council, post_with_token, sign_in

LEADER = "lead@east.example"


@pytest.fixture
def east(app, clean_database):
    """Eastshire with last year's round and this year's, which follows it; and Westshire."""
    made = make_council(app, "eastshire", LEADER)
    west = make_council(app, "westshire", "lead@west.example")
    with app.app_context():
        council = councils.council_by_slug("eastshire")
        last = assessments.assessment_by_id(made.assessment_id)
        this = assessments.create_assessment(council, "Eastshire 2027", 3, "test.1")
        this.previous_assessment_id = last.id
        database.commit()
        return {"last": last.id, "this": this.id, "west": west.assessment_id}


def choose(client, assessment_id, previous):
    page = f"/assessments/{assessment_id}/previous-round"
    return post_with_token(client, page, page, {"previous": str(previous)})


def previous_of(app, assessment_id):
    with app.app_context():
        return assessments.assessment_by_id(assessment_id).previous_assessment_id


def test_the_assessment_page_shows_the_rounds_newest_first_linked(client, east):
    sign_in(client, LEADER)
    page = client.get(f"/assessments/{east['this']}").get_data(as_text=True)
    this_year, last_year = page.index("Eastshire 2027 ("), page.index("Eastshire 2026</a>")
    assert this_year < last_year
    assert f'href="/assessments/{east["last"]}"' in page
    assert f'href="/assessments/{east["this"]}/previous-round"' in page


def test_a_leader_clears_the_previous_round_and_sets_it_again(app, client, east):
    sign_in(client, LEADER)
    assert choose(client, east["this"], "none").status_code == 302
    assert previous_of(app, east["this"]) is None
    form = client.get(f"/assessments/{east['this']}/previous-round").get_data(as_text=True)
    assert "Eastshire 2026" in form
    assert choose(client, east["this"], east["last"]).status_code == 302
    assert previous_of(app, east["this"]) == east["last"]


@pytest.mark.parametrize(
    ("whose", "message"),
    [
        ("west", "is not one of this council&#39;s rounds"),
        ("this", "cannot be its own previous round"),
        ("nonsense", "Choose one of this council"),
    ],
)
def test_a_round_that_cannot_be_the_previous_one_is_refused(app, client, east, whose, message):
    sign_in(client, LEADER)
    refused = choose(client, east["this"], east.get(whose, "12abc"))
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "There is a problem" in page and message in page
    assert previous_of(app, east["this"]) == east["last"]


def test_a_loop_is_refused(app, client, east):
    sign_in(client, LEADER)
    refused = choose(client, east["last"], east["this"])  # last after this after last
    assert refused.status_code == 400
    assert "already comes after this one" in refused.get_data(as_text=True)
    assert previous_of(app, east["last"]) is None


def _create(client, **fields):
    data = {"title": "Eastshire 2028", "anonymity_threshold": "3", **fields}
    return post_with_token(client, "/assessments/new", "/assessments/new", data)


def _made(app):
    with app.app_context():
        council = councils.council_by_slug("eastshire")
        return [(a.title, a.previous_assessment_id) for a in assessments.assessments_for(council)]


def test_a_new_assessment_follows_the_latest_closed_round_unless_the_leader_chooses(
    app, client, east
):
    with app.app_context():
        assessments.set_status(assessments.assessment_by_id(east["last"]), "closed")
        database.commit()
    sign_in(client, LEADER)
    form = client.get("/assessments/new").get_data(as_text=True)
    assert "The council&#39;s latest closed round" in form and "Eastshire 2027" in form
    assert _create(client).status_code == 302
    assert ("Eastshire 2028", east["last"]) in _made(app)
    assert _create(client, title="Eastshire 2029", previous=str(east["this"])).status_code == 302
    assert ("Eastshire 2029", east["this"]) in _made(app)
    assert _create(client, title="Eastshire 2030", previous="none").status_code == 302
    assert ("Eastshire 2030", None) in _made(app)


def test_a_new_assessment_cannot_follow_another_councils_round(app, client, east):
    sign_in(client, LEADER)
    before = _made(app)
    refused = _create(client, previous=str(east["west"]))
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "There is a problem" in page and "is not one of this council" in page
    assert _made(app) == before
