"""Signing in with an authenticator app: set up from a QR code or a key typed in,
a code asked for after the password, and recovery codes that each work once.
Administrators must use one; leaders must when REQUIRE_MFA is true."""

from __future__ import annotations

import re
import time

import pyotp
import pytest

from assessment.storage import accounts, database

from ..page_checks import csrf_token
from .people import PASSWORD, enter_code, make_admin, make_council, post_with_token, sign_in

ADMIN = "admin@example.org"
LEADER = "leader@northshire.example"


@pytest.fixture
def new_admin(app, clean_database) -> str:
    """An administrator made on the command line, who has never set up an app."""
    from werkzeug.security import generate_password_hash

    with app.app_context():
        accounts.create_user(ADMIN, generate_password_hash(PASSWORD), "admin", None)
        database.commit()
    return ADMIN


def _password_only(client, email: str):
    token = csrf_token(client.get("/auth/sign-in").get_data(as_text=True))
    return client.post(
        "/auth/sign-in", data={"csrf_token": token, "email": email, "password": PASSWORD}
    )


def _set_up(client) -> tuple[str, list[str]]:
    """Reads the key off the set-up page, answers with the app's code; the key and
    the recovery codes shown."""
    page = client.get("/auth/set-up-authenticator").get_data(as_text=True)
    assert "<svg" in page and "QR code to scan with your authenticator app" in page
    key = re.search(r'id="authenticator-key"><code>([A-Z2-7 ]+)</code>', page)[1]
    secret = key.replace(" ", "")
    done = client.post(
        "/auth/set-up-authenticator",
        data={"csrf_token": csrf_token(page), "code": pyotp.TOTP(secret).now()},
    )
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([A-Z0-9-]+)</code></li>", done.get_data(as_text=True))
    return secret, codes


def test_an_administrator_must_set_up_an_app_before_anything_else(client, new_admin):
    response = _password_only(client, new_admin)
    assert response.headers["Location"] == "/auth/set-up-authenticator"
    # Not signed in yet: every other page still sends them to sign in.
    assert client.get("/admin/councils").status_code == 302
    assert client.get("/assessments").status_code == 302

    _, codes = _set_up(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/admin/councils").status_code == 200


def test_after_set_up_signing_in_asks_for_the_code(app, client, new_admin):
    secret, _ = _set_up_from_scratch(client, new_admin)
    other = app.test_client()
    assert _password_only(other, new_admin).headers["Location"] == "/auth/security-code"
    assert other.get("/admin/councils").status_code == 302  # the password alone is not enough
    # The code typed at set-up is used up; the app's next one is good.
    signed_in = enter_code(other, _next_code(secret))
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/assessments"
    assert other.get("/admin/councils").status_code == 200


def test_a_code_signs_in_once_so_a_code_seen_over_a_shoulder_cannot_be_replayed(app, new_admin):
    secret, _ = _set_up_from_scratch(app.test_client(), new_admin)
    code = _next_code(secret)
    first, second = app.test_client(), app.test_client()
    _password_only(first, new_admin)
    _password_only(second, new_admin)
    assert enter_code(first, code).status_code == 302
    refused = enter_code(second, code)
    assert refused.status_code == 400
    assert "Enter a correct security code" in refused.get_data(as_text=True)
    assert second.get("/admin/councils").status_code == 302


def test_a_code_from_before_the_last_one_used_is_refused(app, new_admin):
    secret, _ = _set_up_from_scratch(app.test_client(), new_admin)
    assert _sign_in_with(app, new_admin, _next_code(secret)) == 302
    # The set-up code's step is older than the one just used: refused though still in time.
    assert _sign_in_with(app, new_admin, pyotp.TOTP(secret).now()) == 400


def _sign_in_with(app, email: str, code: str) -> int:
    browser = app.test_client()
    _password_only(browser, email)
    return enter_code(browser, code).status_code


def _next_code(secret: str) -> str:
    """The app's code for the next 30 seconds, which a clock a little ahead would show."""
    totp = pyotp.TOTP(secret)
    return totp.at(time.time() + totp.interval)


def _set_up_from_scratch(client, email):
    _password_only(client, email)
    return _set_up(client)


def test_a_wrong_code_is_refused_with_a_clear_message(app, client):
    sign_in_page = _password_only(client, make_admin(app))
    assert sign_in_page.headers["Location"] == "/auth/security-code"
    refused = enter_code(client, "000000")
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "<title>Error: Enter the security code" in page
    assert "Enter a correct security code" in page
    assert client.get("/admin/councils").status_code == 302


def test_five_wrong_codes_and_the_password_is_asked_for_again(app, client):
    _password_only(client, make_admin(app))
    for _ in range(4):
        assert enter_code(client, "123456").status_code == 400
    fifth = enter_code(client, "123456")
    assert fifth.headers["Location"] == "/auth/sign-in"
    assert client.get("/auth/security-code").headers["Location"] == "/auth/sign-in"


def test_a_recovery_code_signs_in_once(app, client, new_admin):
    _, codes = _set_up_from_scratch(client, new_admin)
    for browser, expected in ((app.test_client(), 302), (app.test_client(), 400)):
        _password_only(browser, new_admin)
        response = enter_code(browser, codes[0].lower())  # as typed, in any case
        assert response.status_code == expected
    browser = app.test_client()
    _password_only(browser, new_admin)
    enter_code(browser, codes[1])
    page = browser.get("/assessments").get_data(as_text=True)
    assert "You used a recovery code. You have 8 left." in page


def test_a_code_for_someone_elses_set_up_is_refused(client, new_admin):
    _password_only(client, new_admin)
    page = client.get("/auth/set-up-authenticator").get_data(as_text=True)
    refused = client.post(
        "/auth/set-up-authenticator",
        data={"csrf_token": csrf_token(page), "code": pyotp.TOTP(pyotp.random_base32()).now()},
    )
    assert refused.status_code == 400
    assert "Enter the 6-digit code the app shows now" in refused.get_data(as_text=True)


def test_leaders_need_no_app_unless_required(app, client):
    make_council(app, "northshire", LEADER)
    assert sign_in(client, LEADER).headers["Location"] == "/assessments"


def test_leaders_must_set_one_up_when_required(app, client, monkeypatch):
    make_council(app, "northshire", LEADER)
    monkeypatch.setitem(app.config, "REQUIRE_MFA", True)
    assert _password_only(client, LEADER).headers["Location"] == "/auth/set-up-authenticator"
    _set_up(client)
    assert client.get("/assessments").status_code == 200


def test_a_leader_signed_in_before_mfa_was_required_sets_it_up(app, client, monkeypatch):
    make_council(app, "northshire", LEADER)
    sign_in(client, LEADER)
    monkeypatch.setitem(app.config, "REQUIRE_MFA", True)
    response = client.get("/assessments")
    assert response.headers["Location"].startswith("/auth/sign-in")


def test_a_leader_may_choose_to_set_one_up(app, client):
    make_council(app, "northshire", LEADER)
    sign_in(client, LEADER)
    page = client.get("/account/password").get_data(as_text=True)
    assert "/auth/set-up-authenticator" in page
    _set_up(client)
    other = app.test_client()
    assert _password_only(other, LEADER).headers["Location"] == "/auth/security-code"


def test_the_security_code_page_needs_a_password_first(client, new_admin):
    assert client.get("/auth/security-code").headers["Location"] == "/auth/sign-in"
    assert client.get("/auth/set-up-authenticator").headers["Location"] == "/auth/sign-in"
    response = post_with_token(client, "/auth/sign-in", "/auth/security-code", {"code": "1"})
    assert response.headers["Location"] == "/auth/sign-in"
