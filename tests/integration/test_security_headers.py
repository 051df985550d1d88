"""Every response tells the browser to protect what it shows: scripts only from us
(with a fresh nonce), never framed, never sniffed, never cached where answers or
results could be read back, HTTPS remembered; and the session cookie is locked down."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets

import pytest

from assessment import create_app
from assessment.config import settings_from_environment

from ..conftest import TWO_THEMES
from ..page_checks import csrf_token, session_cookies
from .officer import Officer
from .people import close, make_council, sign_in

CSP = (
    "default-src 'self'; "
    "script-src 'self' 'nonce-{nonce}'; "
    "style-src 'self'; "
    "style-src-attr 'unsafe-hashes' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; "
    "img-src 'self' data: blob:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)
NONCE = re.compile(r"'nonce-([A-Za-z0-9_-]{22,})'")
HSTS = "max-age=31536000; includeSubDomains"


@pytest.fixture
def council(app, clean_database):
    return make_council(app, "northshire", "leader@northshire.example")


@pytest.fixture
def officer(app, client, council) -> Officer:
    officer = Officer(client, council.invitation)
    officer.say_about_me()
    officer.answer("culture", {"culture.test_and_learn": "4"})
    return officer


@pytest.fixture
def leader(app, council):
    leader = app.test_client()
    sign_in(leader, "leader@northshire.example")
    return leader


def _nonce(response) -> str:
    match = NONCE.search(response.headers["Content-Security-Policy"])
    assert match, response.headers["Content-Security-Policy"]
    return match.group(1)


def _assert_protected(response, what: str) -> None:
    headers = response.headers
    assert headers["Content-Security-Policy"] == CSP.format(nonce=_nonce(response)), what
    assert headers["X-Content-Type-Options"] == "nosniff", what
    assert headers["Referrer-Policy"] == "same-origin", what
    assert headers["X-Frame-Options"] == "DENY", what
    assert headers["Cache-Control"] == "no-store", what
    assert "Strict-Transport-Security" not in headers, f"{what}: HSTS over plain HTTP"


def test_every_kind_of_response_carries_the_security_headers(app, client, officer, leader, council):
    base, assessment = officer.base, f"/assessments/{council.assessment_id}"
    responses = {
        "the home page": client.get("/"),
        "an officer's theme page, with their answers": client.get(f"{base}/themes/culture"),
        "an officer's check-your-answers page": client.get(f"{base}/check"),
        "an officer's resume code page": client.get(f"{base}/saved"),
        "a leader's results page, before the close": leader.get(f"{assessment}/results"),
    }
    close(app, council.assessment_id)  # the results and the downloads, as they are then
    responses |= {
        "a leader's results page": leader.get(f"{assessment}/results"),
        "a leader's CSV export": leader.get(f"{assessment}/exports/results.csv"),
        "a leader's keep-alive, in JSON": leader.post(
            "/auth/keep-alive",
            headers={"X-CSRFToken": csrf_token(leader.get(assessment).get_data(as_text=True))},
        ),
        "a redirect to sign in": app.test_client().get("/assessments"),
        "a post refused for its missing CSRF token": client.post("/auth/sign-in", data={}),
        "page not found": client.get("/nowhere"),
        "the health check": client.get("/healthz"),
    }
    for what, response in responses.items():
        _assert_protected(response, what)


def test_the_page_script_carries_the_nonce_and_each_page_gets_a_new_one(client, officer):
    first = client.get(f"{officer.base}/themes/culture")
    second = client.get(f"{officer.base}/themes/culture")
    nonce = _nonce(first)
    assert f'<script nonce="{nonce}">' in first.get_data(as_text=True)
    assert _nonce(second) != nonce
    assert f'nonce="{nonce}"' not in second.get_data(as_text=True)


def test_no_inline_script_or_eval_is_allowed_and_no_site_may_frame_us(client):
    policy = dict(
        directive.split(" ", 1)
        for directive in client.get("/").headers["Content-Security-Policy"].split("; ")
    )
    assert "'unsafe-inline'" not in " ".join(policy.values())
    assert "'unsafe-eval'" not in " ".join(policy.values())
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


def test_no_inline_style_is_allowed_but_an_empty_style_attribute(client):
    """An injected <style> or style="..." could restyle a page to mislead (hide the
    anonymity notice, dress a link as a button): only style="" is let through."""
    policy = dict(
        directive.split(" ", 1)
        for directive in client.get("/").headers["Content-Security-Policy"].split("; ")
    )
    assert policy["style-src"] == "'self'"
    empty = base64.b64encode(hashlib.sha256(b"").digest()).decode()
    assert policy["style-src-attr"] == f"'unsafe-hashes' 'sha256-{empty}'"


def test_https_is_remembered_once_the_site_is_reached_over_https(client):
    over_https = client.get("/", base_url="https://localhost")
    assert over_https.headers["Strict-Transport-Security"] == HSTS
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_a_forged_forwarded_proto_is_ignored_unless_a_proxy_is_declared(client):
    forged = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in forged.headers


def _app(tmp_path, environ: dict[str, str]):
    settings = settings_from_environment(
        str(tmp_path),
        {
            "SECRET_KEY": secrets.token_hex(32),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}",
            "QUESTION_BANK_PATH": str(TWO_THEMES),
            **environ,
        },
    )
    return create_app(settings)


def test_behind_a_declared_proxy_its_https_is_believed(tmp_path):
    behind_proxy = _app(tmp_path, {"APP_ENV": "production", "TRUST_PROXY": "1"}).test_client()
    over_https = behind_proxy.get("/", headers={"X-Forwarded-Proto": "https"})
    assert over_https.headers["Strict-Transport-Security"] == HSTS
    assert "Strict-Transport-Security" not in behind_proxy.get("/").headers


def _session_cookie(response) -> str:
    cookies = session_cookies(response)
    assert len(cookies) == 1, response.headers.getlist("Set-Cookie")
    return cookies[0]


def test_in_production_the_session_cookie_is_secure_httponly_and_samesite_lax(tmp_path):
    production = _app(tmp_path, {"APP_ENV": "production"}).test_client()
    cookie = _session_cookie(production.get("/auth/sign-in", base_url="https://localhost"))
    attributes = {part.strip() for part in cookie.split(";")[1:]}
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= attributes


def test_in_development_the_cookie_works_over_plain_http(tmp_path):
    development = _app(tmp_path, {"APP_ENV": "development"}).test_client()
    cookie = _session_cookie(development.get("/auth/sign-in"))
    assert "Secure" not in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_session_planted_before_sign_in_gives_whoever_planted_it_nothing(app, client, council):
    # Someone with the browser before the leader (a shared computer) starts a session
    # and keeps its cookie and a CSRF token made for it.
    planter = app.test_client()
    planted_token = csrf_token(planter.get("/auth/sign-in").get_data(as_text=True))
    client.set_cookie("session", planter.get_cookie("session").value)

    assert sign_in(client, "leader@northshire.example").status_code == 302

    assert client.get_cookie("session").value != planter.get_cookie("session").value
    assert planter.get("/assessments").status_code == 302  # the planted cookie is not signed in
    forged = client.post("/assessments/new", data={"csrf_token": planted_token, "title": "Planted"})
    assert forged.status_code == 400  # the planted session's token died at sign-in
    assert "Sorry, this page has expired" in forged.get_data(as_text=True)
