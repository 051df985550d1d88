"""Councils, leaders and administrators for the leader-side tests."""

from __future__ import annotations

from dataclasses import dataclass

import pyotp
from flask import Flask
from werkzeug.security import generate_password_hash

from assessment.storage import accounts, assessments, councils, database

from ..page_checks import CheckedClient, csrf_token

PASSWORD = "correct horse battery staple"
# Every test account with an authenticator app has this one, so sign_in can answer it.
AUTHENTICATOR_SECRET = pyotp.random_base32()

# Three leaders and three frontline staff answering the two-theme test bank.
SIX_LEADERS_AND_FRONTLINE = [
    (
        "leadership",
        "housing",
        {"culture.test_and_learn": 5, "culture.change": 4, "technology.legacy": 3},
    ),
    (
        "leadership",
        "housing",
        {"culture.test_and_learn": 4, "culture.change": 4, "technology.legacy": 2},
    ),
    (
        "leadership",
        "other",
        {"culture.test_and_learn": 4, "culture.change": 5, "technology.legacy": 2},
    ),
    (
        "frontline",
        "housing",
        {"culture.test_and_learn": 2, "culture.change": 2, "technology.legacy": 1},
    ),
    (
        "frontline",
        "other",
        {"culture.test_and_learn": 1, "culture.change": "dk", "technology.legacy": 2},
    ),
    (
        "frontline",
        "other",
        {"culture.test_and_learn": 2, "culture.change": 3, "technology.legacy": "dk"},
    ),
]


@dataclass(frozen=True)
class Council:
    id: int
    slug: str
    assessment_id: int
    invitation: str


def make_council(app: Flask, slug: str, leader_email: str, threshold: int = 3) -> Council:
    with app.app_context():
        council = councils.create_council(slug, f"{slug.title()} Council")
        accounts.create_user(leader_email, generate_password_hash(PASSWORD), "leader", council)
        assessment = assessments.create_assessment(
            council, f"{slug.title()} 2026", threshold, "test.1"
        )
        database.commit()
        return Council(council.id, slug, assessment.id, assessment.invitation_token)


def close(app: Flask, assessment_id: int):
    """Close the assessment as its leader's button does, making the results snapshot."""
    from assessment.bank import current_bank
    from assessment.services import closing

    with app.app_context():
        closed = closing.close(assessments.assessment_by_id(assessment_id), current_bank())
        database.commit()
        return closed


def make_admin(app: Flask, email: str = "admin@example.org") -> str:
    """An administrator, whose authenticator app is set up (administrators must)."""
    with app.app_context():
        admin = accounts.create_user(email, generate_password_hash(PASSWORD), "admin", None)
        admin.mfa_secret = AUTHENTICATOR_SECRET
        database.commit()
    return email


def sign_in(client: CheckedClient, email: str, password: str = PASSWORD, next_page: str = ""):
    """Signs in with the password and, when asked for one, the authenticator's code;
    the last response."""
    target = "/auth/sign-in" + (f"?next={next_page}" if next_page else "")
    token = csrf_token(client.get("/auth/sign-in").get_data(as_text=True))
    response = client.post(target, data={"csrf_token": token, "email": email, "password": password})
    if response.status_code == 302 and response.headers["Location"] == "/auth/security-code":
        _forget_last_code(client.application, email)
        return enter_code(client, pyotp.TOTP(AUTHENTICATOR_SECRET).now())
    return response


def _forget_last_code(app: Flask, email: str) -> None:
    """Tests sign one account in many times a minute, which a person never needs to:
    a code is good once (storage/accounts.py), so the helper lets the app's current
    code serve again here, and only here."""
    with app.app_context():
        accounts.user_by_email(email).mfa_last_step = None
        database.commit()


def enter_code(client: CheckedClient, code: str):
    token = csrf_token(client.get("/auth/security-code").get_data(as_text=True))
    return client.post("/auth/security-code", data={"csrf_token": token, "code": code})


def post_with_token(client: CheckedClient, form_page: str, target: str, data: dict):
    token = csrf_token(client.get(form_page).get_data(as_text=True))
    return client.post(target, data={"csrf_token": token, **data})
