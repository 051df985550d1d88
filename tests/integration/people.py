"""Councils, leaders and administrators for the leader-side tests."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from werkzeug.security import generate_password_hash

from assessment.storage import queries

from ..page_checks import CheckedClient, csrf_token

PASSWORD = "correct horse battery staple"

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
        council = queries.create_council(slug, f"{slug.title()} Council")
        queries.create_user(leader_email, generate_password_hash(PASSWORD), "leader", council)
        assessment = queries.create_assessment(council, f"{slug.title()} 2026", threshold, "test.1")
        queries.commit()
        return Council(council.id, slug, assessment.id, assessment.invitation_token)


def close(app: Flask, assessment_id: int):
    """Close the assessment as its leader's button does, making the results snapshot."""
    from assessment.bank import current_bank
    from assessment.services import closing

    with app.app_context():
        closed = closing.close(queries.assessment_by_id(assessment_id), current_bank())
        queries.commit()
        return closed


def make_admin(app: Flask, email: str = "admin@example.org") -> str:
    with app.app_context():
        queries.create_user(email, generate_password_hash(PASSWORD), "admin", None)
        queries.commit()
    return email


def sign_in(client: CheckedClient, email: str, password: str = PASSWORD):
    token = csrf_token(client.get("/auth/sign-in").get_data(as_text=True))
    return client.post(
        "/auth/sign-in", data={"csrf_token": token, "email": email, "password": password}
    )


def post_with_token(client: CheckedClient, form_page: str, target: str, data: dict):
    token = csrf_token(client.get(form_page).get_data(as_text=True))
    return client.post(target, data={"csrf_token": token, **data})
