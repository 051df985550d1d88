"""A leader enters headcounts and reads response rates that make sense: no headcount for
groups nobody can count, an over-count called out, and "None yet" before anyone answers."""

from __future__ import annotations

import re

import pytest

from assessment.storage import assessments

from .officer import Officer
from .people import make_council, post_with_token, sign_in

EVERY_QUESTION = {"culture.test_and_learn": "3", "culture.change": "dk"}


@pytest.fixture
def leader(app, client, clean_database):
    council = make_council(app, "northshire", "lead@north.example")
    sign_in(client, "lead@north.example")
    return council


def _officers_submit(app, council, how_many: int, role="frontline", area="housing") -> None:
    for _ in range(how_many):
        officer = Officer(app.test_client(), council.invitation)
        officer.say_about_me(role, area)
        officer.answer("culture", EVERY_QUESTION)
        officer.answer("technology", {"technology.legacy": "2"})
        assert officer.submit().status_code == 302


def _rows(page: str) -> dict[str, list[str]]:
    """Each progress row's label -> its started, submitted and response rate cells."""
    rows = {}
    for label, cells in re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]+)</th>(.*?)</tr>', page, re.S
    ):
        rows.setdefault(label, re.findall(r'--numeric">([^<]+)</td>', cells))
    return rows


def _saved_headcounts(app, council) -> dict:
    with app.app_context():
        return assessments.headcounts(assessments.assessment_by_id(council.assessment_id))


def test_no_headcount_is_asked_for_prefer_not_to_say_or_other(client, leader):
    page = client.get(f"/assessments/{leader.assessment_id}/headcounts").get_data(as_text=True)
    assert 'name="role__frontline"' in page and 'name="service_area__housing"' in page
    assert 'name="role__prefer_not_to_say"' not in page
    assert 'name="service_area__prefer_not_to_say"' not in page
    assert 'name="service_area__other"' not in page


def test_a_posted_headcount_for_prefer_not_to_say_is_not_kept(app, client, leader):
    base = f"/assessments/{leader.assessment_id}/headcounts"
    saved = post_with_token(
        client, base, base, {"role__frontline": "20", "role__prefer_not_to_say": "7"}
    )
    assert saved.status_code == 302
    assert _saved_headcounts(app, leader) == {("role", "frontline"): 20}


def test_more_responses_than_the_headcount_says_so_and_is_never_a_hundred_percent(
    app, client, leader
):
    _officers_submit(app, leader, 4)
    base = f"/assessments/{leader.assessment_id}/headcounts"
    post_with_token(client, base, base, {"role__frontline": "3", "service_area__housing": "8"})
    page = client.get(f"/assessments/{leader.assessment_id}/progress").get_data(as_text=True)
    rows = _rows(page)
    assert rows["Frontline"] == ["4", "4", "More responses than the headcount (check it)"]
    assert "100%" not in page
    assert rows["Housing"][2] == "50%"
    assert rows["Prefer not to say"][2] == "Not applicable"
    assert rows["Other"][2] == "Not applicable"


def test_a_new_assessment_with_no_responses_shows_none_yet(client, leader):
    overview = client.get(f"/assessments/{leader.assessment_id}").get_data(as_text=True)
    assert "None yet" in overview
    assert "Fewer than" not in overview
    progress = client.get(f"/assessments/{leader.assessment_id}/progress").get_data(as_text=True)
    assert _rows(progress)["Frontline"][:2] == ["None yet", "None yet"]
    assert "Not shown" not in "".join(c for row in _rows(progress).values() for c in row)


def test_one_response_is_fewer_than_k_and_no_group_zero_is_given_away(app, client, leader):
    officer = Officer(app.test_client(), leader.invitation)
    officer.say_about_me("manager", "planning")  # started, not submitted
    overview = client.get(f"/assessments/{leader.assessment_id}").get_data(as_text=True)
    # One has started: neither count is said exactly, nor is "None yet" said of either.
    assert "None yet" not in overview
    assert overview.count("Fewer than 3") == 2
    progress = client.get(f"/assessments/{leader.assessment_id}/progress").get_data(as_text=True)
    rows = _rows(progress)
    assert "None yet" not in progress
    assert rows["Manager"][:2] == rows["Frontline"][:2] == ["Not shown", "Not shown"]


def test_once_enough_have_answered_an_empty_group_is_still_not_shown(app, client, leader):
    _officers_submit(app, leader, 3)
    page = client.get(f"/assessments/{leader.assessment_id}/progress").get_data(as_text=True)
    rows = _rows(page)
    assert rows["Frontline"][:2] == ["3", "3"]
    assert rows["Manager"][:2] == ["Not shown", "Not shown"]
    assert "None yet" not in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "Frontline: enter a whole number between 1 and 1,000,000, or leave it empty"),
        ("1000000000000", "Frontline: enter a whole number between 1 and 1,000,000, or leave it"),
        ("0", "Frontline: enter a whole number between 1 and 1,000,000, or leave it empty"),
        ("١٢", "Frontline: enter a whole number, or leave it empty"),  # Arabic-Indic digits
        ("１２", "Frontline: enter a whole number, or leave it empty"),  # full-width digits
        ("²", "Frontline: enter a whole number, or leave it empty"),  # a digit int() refuses
        ("9" * 40, "Frontline: enter a whole number, or leave it empty"),
        ("12.5", "Frontline: enter a whole number, or leave it empty"),
    ],
)
def test_a_bad_headcount_is_a_clear_error_and_loses_nothing_saved(
    app, client, leader, typed, message
):
    base = f"/assessments/{leader.assessment_id}/headcounts"
    post_with_token(client, base, base, {"role__frontline": "40", "service_area__housing": "9"})
    refused = post_with_token(
        client, base, base, {"role__frontline": typed, "service_area__housing": "11"}
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert message in page
    assert "<title>Error: " in page
    assert 'value="11"' in page  # what was typed in the other box is given back
    assert _saved_headcounts(app, leader) == {
        ("role", "frontline"): 40,
        ("service_area", "housing"): 9,
    }
