"""A leader sets a target per theme for the next round, changes it, clears it, and is
told plainly what is wrong with a target that is not one; another council's leader
cannot even find the page."""

from __future__ import annotations

import pytest

from assessment.storage import assessments, targets

from ..page_checks import csrf_token
from .people import make_council, post_with_token, sign_in


@pytest.fixture
def leader(app, client, clean_database):
    council = make_council(app, "northshire", "lead@north.example")
    sign_in(client, "lead@north.example")
    return council


def _page(council) -> str:
    return f"/assessments/{council.assessment_id}/targets"


def _save(client, council, culture: str, technology: str = ""):
    page = _page(council)
    return post_with_token(
        client, page, page, {"theme__culture": culture, "theme__technology": technology}
    )


def _saved(app, council) -> dict[str, int]:
    with app.app_context():
        return targets.targets(assessments.assessment_by_id(council.assessment_id))


def test_a_leader_sets_changes_and_clears_a_target(app, client, leader):
    assert _save(client, leader, "3.5", "2").status_code == 302
    assert _saved(app, leader) == {"culture": 35, "technology": 20}
    page = client.get(_page(leader)).get_data(as_text=True)
    assert 'value="3.5"' in page and 'value="2.0"' in page

    _save(client, leader, "4.1", "2.0")
    assert _saved(app, leader) == {"culture": 41, "technology": 20}

    _save(client, leader, "", "2.0")
    assert _saved(app, leader) == {"technology": 20}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("5.5", "Culture: enter a target between 1.0 and 5.0"),
        ("0", "Culture: enter a target between 1.0 and 5.0"),
        ("3.25", "Culture: enter the target with one decimal place at most, like 3.5"),
        ("high", "Culture: enter the target as a number, like 3.5, or leave it empty"),
        ("9" * 100_000, "Culture: enter the target as a number, like 3.5, or leave it empty"),
    ],
)
def test_a_target_that_is_not_one_is_refused_and_nothing_saved_changes(
    app, client, leader, typed, message
):
    _save(client, leader, "3.5", "2.0")
    refused = _save(client, leader, typed, "4.0")
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "There is a problem" in page and message in page
    assert _saved(app, leader) == {"culture": 35, "technology": 20}


def test_another_councils_leader_gets_not_found(app, client, leader):
    other = make_council(app, "southshire", "lead@south.example")
    _save(client, leader, "3.5")
    stranger = app.test_client()
    sign_in(stranger, "lead@south.example")
    assert stranger.get(_page(leader)).status_code == 404
    # A token from the stranger's own targets page, posted to the other council's.
    token = csrf_token(stranger.get(_page(other)).get_data(as_text=True))
    posted = stranger.post(_page(leader), data={"csrf_token": token, "theme__culture": "1.0"})
    assert posted.status_code == 404
    assert _saved(app, leader) == {"culture": 35}


def test_the_assessment_page_links_to_the_targets(client, leader):
    page = client.get(f"/assessments/{leader.assessment_id}").get_data(as_text=True)
    assert _page(leader) in page
