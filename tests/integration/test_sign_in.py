"""Leaders sign in and out; wrong details and brute force get nowhere."""

from __future__ import annotations

import time

import pytest

from .people import PASSWORD, make_council, sign_in


@pytest.fixture
def leader(app, clean_database) -> str:
    make_council(app, "northshire", "leader@northshire.example")
    return "leader@northshire.example"


def test_a_leader_signs_in_sees_their_assessments_and_signs_out(client, leader):
    assert client.get("/assessments").status_code == 302  # not yet signed in

    signed_in = sign_in(client, leader)
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == "/assessments"
    page = client.get("/assessments").get_data(as_text=True)
    assert "Northshire 2026" in page

    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    signed_out = client.post("/auth/sign-out", data={"csrf_token": token})
    assert signed_out.headers["Location"] == "/auth/signed-out"
    assert client.get("/assessments").status_code == 302


def test_the_email_is_not_case_sensitive(client, leader):
    assert sign_in(client, "  Leader@NorthShire.example ").status_code == 302


@pytest.mark.parametrize(
    ("email", "password"),
    [("leader@northshire.example", "wrong password"), ("nobody@northshire.example", PASSWORD)],
    ids=["wrong password", "unknown email"],
)
def test_wrong_details_get_the_same_answer_whatever_was_wrong(client, leader, email, password):
    refused = sign_in(client, email, password)
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "<title>Error: Sign in" in page
    assert "Enter a correct email address and password" in page
    assert client.get("/assessments").status_code == 302


def test_empty_fields_say_what_to_enter(client, leader):
    refused = sign_in(client, "", "")
    page = refused.get_data(as_text=True)
    assert "Enter your email address" in page and "Enter your password" in page


def test_a_new_session_starts_at_sign_in(client, leader):
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    sign_in(client, leader)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert "_user_id" in session


def test_sign_in_only_redirects_within_the_site(client, leader):
    from ..page_checks import csrf_token

    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        token = csrf_token(client.get("/auth/sign-in").get_data(as_text=True))
        response = client.post(
            f"/auth/sign-in?next={target}",
            data={"csrf_token": token, "email": leader, "password": PASSWORD},
        )
        assert response.headers["Location"] == "/assessments"


# Brute force: tests/integration/test_rate_limits_sign_in.py.


def test_successful_sign_ins_do_not_count_as_failures(client, leader):
    for _ in range(12):
        assert sign_in(client, leader).status_code == 302


def test_an_idle_leader_is_signed_out_and_told_why(app, client, leader):
    sign_in(client, leader)
    with client.session_transaction() as session:
        session["seen"] = time.time() - app.config["LEADER_IDLE_MINUTES"] * 60 - 1
    response = client.get("/assessments")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/sign-in")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You were signed out because you had not done anything for 30 minutes" in page


def test_staying_signed_in_extends_the_session(app, client, leader):
    sign_in(client, leader)
    nearly = time.time() - app.config["LEADER_IDLE_MINUTES"] * 60 + 60
    with client.session_transaction() as session:
        session["seen"] = nearly
    page = client.get("/assessments").get_data(as_text=True)
    assert 'data-module="app-timeout-warning"' in page
    token = page.split('data-csrf-token="')[1].split('"')[0]
    assert client.post("/auth/keep-alive", headers={"X-CSRFToken": token}).status_code == 200
    with client.session_transaction() as session:
        assert session["seen"] > nearly + 30


def test_an_idle_leader_asking_to_stay_signed_in_is_told_no(app, client, leader):
    sign_in(client, leader)
    page = client.get("/assessments").get_data(as_text=True)
    token = page.split('data-csrf-token="')[1].split('"')[0]
    with client.session_transaction() as session:
        session["seen"] = time.time() - app.config["LEADER_IDLE_MINUTES"] * 60 - 1
    refused = client.post("/auth/keep-alive", headers={"X-CSRFToken": token})
    assert refused.status_code == 401
    assert "You were signed out" in client.get("/auth/sign-in").get_data(as_text=True)


def test_after_an_idle_sign_out_the_leader_returns_to_the_page_they_were_reading(
    app, client, leader
):
    sign_in(client, leader)
    with client.session_transaction() as session:
        session["seen"] = time.time() - app.config["LEADER_IDLE_MINUTES"] * 60 - 1
    response = client.get("/assessments/new")
    assert response.headers["Location"] == "/auth/sign-in?next=/assessments/new"
