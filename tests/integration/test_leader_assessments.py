"""A leader creates an assessment, invites officers, follows progress, opens and closes it."""

from __future__ import annotations

import re

import pytest

from assessment.storage import assessments, councils

from ..integration.officer import Officer
from .people import make_admin, make_council, post_with_token, sign_in


@pytest.fixture
def leader(app, client, clean_database):
    council = make_council(app, "southshire", "lead@south.example")
    sign_in(client, "lead@south.example")
    return council


def test_a_leader_creates_an_assessment_and_gets_its_invitation_link(app, client, leader):
    created = post_with_token(
        client,
        "/assessments/new",
        "/assessments/new",
        {"title": "Spring 2027", "anonymity_threshold": "4"},
    )
    assert created.status_code == 302
    page = client.get(created.headers["Location"]).get_data(as_text=True)
    assert "Spring 2027 is open" in page
    link = re.search(r'value="http://localhost(/s/[^"]+)"', page).group(1)
    assert "Copy link" in page

    officer = Officer(app.test_client(), link.rsplit("/", 1)[1])
    assert officer.get(officer.base).status_code == 200
    assert "at least 4 people" in officer.last_page


@pytest.mark.parametrize(
    ("threshold", "message"),
    [
        ("2", "between 3 and 50"),
        ("", "Enter an anonymity threshold"),
        ("five", "must be a whole number"),
    ],
)
def test_the_anonymity_threshold_is_checked(client, leader, threshold, message):
    refused = post_with_token(
        client,
        "/assessments/new",
        "/assessments/new",
        {"title": "Bad", "anonymity_threshold": threshold},
    )
    assert refused.status_code == 400
    assert message in refused.get_data(as_text=True)


def test_a_leader_cannot_create_an_assessment_for_another_council(app, client, leader):
    other = make_council(app, "elsewhere", "lead@elsewhere.example")
    refused = post_with_token(
        client,
        "/assessments/new",
        "/assessments/new",
        {"title": "Sneaky", "anonymity_threshold": "5", "council": str(other.id)},
    )
    with app.app_context():
        mine = assessments.assessments_for(councils.council_by_slug("southshire"))
        theirs = assessments.assessments_for(councils.council_by_slug("elsewhere"))
    assert [a.title for a in theirs] == ["Elsewhere 2026"]
    assert refused.status_code == 302 and "Sneaky" in [a.title for a in mine]


def test_closing_stops_new_answers_and_opening_resumes_them(app, client, leader):
    page = f"/assessments/{leader.assessment_id}"
    closed = post_with_token(client, page, f"{page}/close", {})
    assert closed.status_code == 302
    assert "no new answers are taken" in client.get(page).get_data(as_text=True)
    officer = Officer(app.test_client(), leader.invitation)
    officer.get(officer.base)
    assert "This self-assessment is closed" in officer.last_page

    post_with_token(client, page, f"{page}/open", {})
    officer.get(officer.base)
    assert "Start now" in officer.last_page


def test_a_status_change_without_a_token_is_refused(client, leader):
    refused = client.post(f"/assessments/{leader.assessment_id}/close")
    assert refused.status_code == 400
    assert "Open" in client.get(f"/assessments/{leader.assessment_id}").get_data(as_text=True)


def test_progress_hides_groups_under_the_threshold(app, client, leader):
    # One leader and two managers: hidden together they are three, so Frontline can show.
    for role in ("frontline", "frontline", "frontline", "leadership", "manager", "manager"):
        officer = Officer(app.test_client(), leader.invitation)
        officer.say_about_me(role, "housing")
        officer.submit()
    page = client.get(f"/assessments/{leader.assessment_id}/progress").get_data(as_text=True)
    rows = dict(
        re.findall(
            r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*'
            r'<td class="govuk-table__cell govuk-table__cell--numeric">([^<]+)</td>',
            page,
        )
    )
    assert rows["Frontline"] == "3"
    assert rows["Leadership"] == rows["Manager"] == "Not shown"
    assert rows["Housing"] == "6"


def test_headcounts_give_response_rates(app, client, leader):
    for _ in range(3):
        officer = Officer(app.test_client(), leader.invitation)
        officer.say_about_me("frontline", "housing")
        officer.submit()
    base = f"/assessments/{leader.assessment_id}/headcounts"
    saved = post_with_token(
        client, base, base, {"role__frontline": "12", "service_area__housing": "1,000"}
    )
    assert saved.status_code == 302
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "25%" in page  # 3 of 12 frontline staff
    assert "0%" in page  # 3 of 1,000 in housing rounds to 0%

    refused = post_with_token(client, base, base, {"role__frontline": "-4"})
    assert refused.status_code == 400
    assert "Frontline: enter a whole number between 1 and 1,000,000, or leave it empty" in (
        refused.get_data(as_text=True)
    )


def test_an_administrator_creates_a_council_and_its_leader_in_the_web(app, client, clean_database):
    sign_in(client, make_admin(app))
    created = post_with_token(
        client, "/admin/councils", "/admin/councils", {"name": "Newtown Council", "slug": "newtown"}
    )
    assert created.status_code == 302
    council_page = created.headers["Location"]
    duplicate = post_with_token(
        client, "/admin/councils", "/admin/councils", {"name": "Again", "slug": "newtown"}
    )
    assert "A council already has that short name" in duplicate.get_data(as_text=True)

    added = post_with_token(
        client,
        council_page,
        council_page,
        {"email": "boss@newtown.example", "password": "a long enough password"},
    )
    assert added.status_code == 302
    assert "boss@newtown.example" in client.get(council_page).get_data(as_text=True)

    newcomer = app.test_client()
    assert sign_in(newcomer, "boss@newtown.example", "a long enough password").status_code == 302


def test_a_short_temporary_password_is_refused(app, client, clean_database):
    sign_in(client, make_admin(app))
    created = post_with_token(
        client, "/admin/councils", "/admin/councils", {"name": "Shortpass", "slug": "shortpass"}
    )
    page = created.headers["Location"]
    refused = post_with_token(client, page, page, {"email": "a@b.example", "password": "short"})
    assert refused.status_code == 400
    assert "Password must be at least 12 characters" in refused.get_data(as_text=True)
