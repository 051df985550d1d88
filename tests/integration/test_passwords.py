"""Passwords a council's security team would accept, set by a leader or through a
one-time reset link an administrator gives them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from freezegun import freeze_time

from assessment.storage import accounts

from ..page_checks import csrf_token
from .people import PASSWORD, make_admin, make_council, post_with_token, sign_in

LEADER = "leader@northshire.example"
NEW = "marmalade tugboat quietly orbits"


@pytest.fixture
def northshire(app, clean_database):
    return make_council(app, "northshire", LEADER)


def _change(client, new: str, current: str = PASSWORD, again: str | None = None):
    return post_with_token(
        client,
        "/account/password",
        "/account/password",
        {"current_password": current, "new_password": new, "confirm_password": again or new},
    )


@pytest.mark.parametrize(
    ("weak", "message"),
    [
        ("aaaaaaaaaaaa", "too common or easy to guess"),
        (" " * 12, "too common or easy to guess"),
        ("password1234", "too common or easy to guess"),
        ("Password123!", "too common or easy to guess"),
        ("qwertyuiop12", "too common or easy to guess"),
        ("short one", "at least 12 characters"),
        ("leader.northshire.rocks", "must not contain the email address"),
    ],
)
def test_a_weak_new_password_is_refused_with_a_clear_message(client, northshire, weak, message):
    sign_in(client, LEADER)
    refused = _change(client, weak)
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "<title>Error: Change your password" in page
    assert message in page
    client.post("/auth/sign-out", data={"csrf_token": csrf_token(page)})
    assert sign_in(client, LEADER).status_code == 302  # the old password still works


def test_the_current_password_must_be_right(client, northshire):
    sign_in(client, LEADER)
    refused = _change(client, NEW, current="not my password")
    assert refused.status_code == 400
    assert "Enter your current password correctly" in refused.get_data(as_text=True)


def test_the_new_password_is_typed_twice_the_same(client, northshire):
    sign_in(client, LEADER)
    refused = _change(client, NEW, again=NEW + "s")
    assert "The new passwords do not match" in refused.get_data(as_text=True)


def test_an_administrator_cannot_give_a_leader_a_weak_temporary_password(app, client, northshire):
    sign_in(client, make_admin(app))
    page = f"/admin/councils/{northshire.id}"
    refused = post_with_token(
        client, page, page, {"email": "new@northshire.example", "password": "aaaaaaaaaaaa"}
    )
    assert refused.status_code == 400
    assert "too common or easy to guess" in refused.get_data(as_text=True)
    with app.app_context():
        assert accounts.user_by_email("new@northshire.example") is None


def _reset_link(app, client, northshire) -> str:
    with app.app_context():
        leader_id = accounts.user_by_email(LEADER).id
    page = f"/admin/councils/{northshire.id}"
    shown = post_with_token(client, page, f"/admin/leaders/{leader_id}/reset-link", {})
    assert shown.status_code == 200
    link = re.search(r'id="reset-link">([^<]+)<', shown.get_data(as_text=True))[1]
    assert link.startswith("http://localhost/auth/reset/")
    return link.removeprefix("http://localhost")


def _use(client, path: str, password: str = NEW):
    return post_with_token(
        client, path, path, {"new_password": password, "confirm_password": password}
    )


def test_a_reset_link_sets_a_password_once_and_ends_old_sessions(app, client, northshire):
    leader = app.test_client()
    sign_in(leader, LEADER)
    sign_in(client, make_admin(app))
    path = _reset_link(app, client, northshire)
    with app.app_context():
        assert path.rsplit("/", 1)[1] not in str(
            accounts.user_by_email(LEADER).reset_links[0].token_hash
        )

    stranger = app.test_client()
    assert "For the account leader@northshire.example" in stranger.get(path).get_data(as_text=True)
    weak = _use(stranger, path, "aaaaaaaaaaaa")
    assert weak.status_code == 400  # refused, and the link still works
    done = _use(stranger, path)
    assert done.headers["Location"] == "/auth/sign-in"

    assert leader.get(f"/assessments/{northshire.assessment_id}").status_code == 302
    assert sign_in(stranger, LEADER, NEW).status_code == 302
    again = app.test_client().get(path)
    assert again.status_code == 404
    assert "This link has expired or has already been used" in again.get_data(as_text=True)


def test_a_reset_link_expires_after_24_hours(app, client, northshire):
    sign_in(client, make_admin(app))
    with freeze_time() as clock:
        path = _reset_link(app, client, northshire)
        clock.tick(timedelta(hours=23, minutes=59))
        assert app.test_client().get(path).status_code == 200
        clock.tick(timedelta(minutes=2))
        expired = app.test_client().get(path)
        assert expired.status_code == 404
    assert sign_in(app.test_client(), LEADER).status_code == 302  # password unchanged


def test_a_newer_link_replaces_an_older_one(app, client, northshire):
    sign_in(client, make_admin(app))
    first = _reset_link(app, client, northshire)
    second = _reset_link(app, client, northshire)
    assert app.test_client().get(first).status_code == 404
    assert app.test_client().get(second).status_code == 200


@pytest.mark.parametrize("token", ["nonsense", "x" * 500, "%0a"])
def test_a_made_up_link_is_page_not_found(client, northshire, token):
    assert client.get(f"/auth/reset/{token}").status_code == 404
