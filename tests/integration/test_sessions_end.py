"""A session ends on the server: after signing out, a password change, or when an
administrator disables or removes the account, a copy of the old session cookie
reads nothing more. And however busy, a leader signs in again 12 hours on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun import freeze_time

from assessment.storage import accounts, assessments

from ..page_checks import csrf_token
from .people import PASSWORD, make_admin, make_council, post_with_token, sign_in

LEADER = "leader@northshire.example"


@pytest.fixture
def northshire(app, clean_database):
    return make_council(app, "northshire", LEADER)


def copy_of(app, client):
    """Another browser, holding a copy of this one's session cookie (as an attacker
    who read it off a shared computer would)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value, domain="localhost")
    return thief


def reads_results(browser, council) -> bool:
    return browser.get(f"/assessments/{council.assessment_id}").status_code == 200


def test_a_copied_cookie_stops_working_when_the_leader_signs_out(app, client, northshire):
    sign_in(client, LEADER)
    thief = copy_of(app, client)
    assert reads_results(thief, northshire)  # the copy works while the leader is in

    page = client.get("/assessments").get_data(as_text=True)
    client.post("/auth/sign-out", data={"csrf_token": csrf_token(page)})

    refused = thief.get(f"/assessments/{northshire.assessment_id}")
    assert refused.status_code == 302
    assert refused.headers["Location"].startswith("/auth/sign-in")
    assert not reads_results(thief, northshire)  # and using it did not bring it back


def test_changing_the_password_ends_other_sessions_but_not_this_one(app, client, northshire):
    sign_in(client, LEADER)
    elsewhere = app.test_client()
    sign_in(elsewhere, LEADER)
    assert reads_results(elsewhere, northshire)

    changed = post_with_token(
        client,
        "/account/password",
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "marmalade tugboat quietly orbits",
            "confirm_password": "marmalade tugboat quietly orbits",
        },
    )
    assert changed.status_code == 302
    assert "Your password has been changed" in client.get("/assessments").get_data(as_text=True)

    assert reads_results(client, northshire)
    assert not reads_results(elsewhere, northshire)
    assert sign_in(elsewhere, LEADER).status_code == 400  # the old password is gone
    assert sign_in(elsewhere, LEADER, "marmalade tugboat quietly orbits").status_code == 302


def _leader_id(app) -> int:
    with app.app_context():
        return accounts.user_by_email(LEADER).id


def test_a_disabled_leaders_old_session_ends_and_they_cannot_sign_in(app, client, northshire):
    leader = app.test_client()
    sign_in(leader, LEADER)
    assert reads_results(leader, northshire)

    sign_in(client, make_admin(app))
    council_page = f"/admin/councils/{northshire.id}"
    disabled = post_with_token(
        client, council_page, f"/admin/leaders/{_leader_id(app)}/disable", {}
    )
    assert disabled.status_code == 302
    assert "is disabled and has been signed out" in client.get(council_page).get_data(as_text=True)

    assert not reads_results(leader, northshire)
    refused = sign_in(leader, LEADER)
    assert refused.status_code == 400
    assert "Enter a correct email address and password" in refused.get_data(as_text=True)

    post_with_token(client, council_page, f"/admin/leaders/{_leader_id(app)}/enable", {})
    assert sign_in(leader, LEADER).status_code == 302


def test_a_removed_leaders_old_session_ends(app, client, northshire):
    leader = app.test_client()
    sign_in(leader, LEADER)
    sign_in(client, make_admin(app))
    council_page = f"/admin/councils/{northshire.id}"
    removal = f"/admin/leaders/{_leader_id(app)}/remove"

    asked = post_with_token(client, council_page, removal, {})
    assert "Are you sure you want to remove leader@northshire.example?" in asked.get_data(
        as_text=True
    )
    assert reads_results(leader, northshire)  # asking removed nothing
    removed = client.post(
        removal, data={"csrf_token": csrf_token(asked.get_data(as_text=True)), "submit": "Confirm"}
    )
    assert removed.status_code == 302

    assert not reads_results(leader, northshire)
    with app.app_context():
        assert accounts.user_by_email(LEADER) is None
        assert assessments.assessment_by_id(northshire.assessment_id) is not None  # data kept


def test_a_leader_cannot_disable_or_remove_anyone(app, client, northshire):
    sign_in(client, LEADER)
    for action in ("disable", "enable", "remove", "reset-link"):
        response = post_with_token(
            client, "/assessments", f"/admin/leaders/{_leader_id(app)}/{action}", {}
        )
        assert response.status_code == 403, action
    assert reads_results(client, northshire)


def test_an_administrator_is_not_disabled_from_the_leader_buttons(app, client, northshire):
    admin = make_admin(app)
    sign_in(client, admin)
    with app.app_context():
        admin_id = accounts.user_by_email(admin).id
    response = post_with_token(client, "/admin/councils", f"/admin/leaders/{admin_id}/disable", {})
    assert response.status_code == 404


def test_twelve_hours_after_signing_in_the_leader_signs_in_again(app, client, northshire):
    with freeze_time() as clock:
        sign_in(client, LEADER)
        # Busy all day: never idle long enough to be signed out for it.
        for _ in range(24):  # 11 hours 36 minutes
            clock.tick(timedelta(minutes=29))
            assert reads_results(client, northshire)
        clock.tick(timedelta(minutes=29))  # 12 hours and 5 minutes since signing in
        response = client.get("/assessments")
        assert response.status_code == 302
        assert response.headers["Location"] == "/auth/sign-in?next=/assessments"
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "You were signed out because you signed in more than 12 hours ago" in page
