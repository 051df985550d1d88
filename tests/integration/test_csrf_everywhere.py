"""No page of another site can make a signed-in leader, an administrator or an officer
change anything: every route that takes a POST refuses one without this session's
CSRF token, and saves nothing.

The walk covers app.url_map, so a POST route added later is checked without
anyone remembering to add it here."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import url_for

from assessment.storage.base import Base, db

from ..page_checks import csrf_token
from .officer import Officer
from .people import make_admin, make_council, sign_in

# What a refusal says: the app's page, or the theme page given back as typed.
REFUSED = ("Sorry, this page has expired", "The answers on this page have not been saved yet")
# Routes that exist today; the walk must find at least these.
KNOWN_POSTS = {
    "admin.councils",
    "admin.council",
    "admin.privacy_details",
    "admin.delete_council",
    "admin.delete_assessment",
    "auth.sign_in",
    "auth.sign_out",
    "auth.keep_alive",
    "mfa.security_code",
    "mfa.set_up",
    "account.change_password",
    "account.reset_password",
    "admin.disable_leader",
    "admin.enable_leader",
    "admin.remove_leader",
    "admin.reset_link",
    "leaders.new_assessment",
    "leaders.change_status",
    "leaders.headcounts",
    "targets.targets",
    "survey.about_you",
    "survey.theme_page",
    "survey.resume_with_code",
    "survey.continue_with_link",
    "survey.check",
    "comments.release",
    "comments.hide",
    "actions.new",
    "actions.edit",
    "actions.drop",
}


@pytest.fixture
def everyone(app, client):
    """One browser that is everyone at once: an administrator who has also started
    answering as an officer, so every POST route would otherwise do its work."""
    council = make_council(app, "eastshire", "lead@east.example")
    sign_in(client, make_admin(app))
    officer = Officer(client, council.invitation)
    assert officer.say_about_me(role="manager", area="planning").status_code == 302
    return council


def _post_routes(app, council) -> list[tuple[str, str]]:
    samples = {
        "assessment_id": council.assessment_id,
        "council_id": council.id,
        "invitation": council.invitation,
        "theme_id": "culture",
        "action": "close",
        "publishing": "publish",
        "user_id": 1,
        "ref": "a" * 24,  # a comment's: looked for after the CSRF token
        "action_id": 1,  # an action's, and a suggested step's: looked for after it too
        "suggestion": "step-1",
        "token": "A" * 32,  # a resume link's or a reset link's: checked after the CSRF token
        "job_id": f"report-{council.assessment_id}-en-{'0' * 32}",  # a report job's: after it too
    }
    routes = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "POST" not in rule.methods:
                continue
            missing = rule.arguments - samples.keys()
            assert not missing, f"{rule.rule}: give the walk a sample value for {missing}"
            arguments = {name: samples[name] for name in rule.arguments}
            routes.append((rule.endpoint, url_for(rule.endpoint, **arguments)))
    return routes


def _what_is_stored(app) -> dict[str, object]:
    with app.app_context():
        stored: dict[str, object] = {
            table.name: db.session.execute(sa.select(table)).all()
            for table in Base.metadata.sorted_tables
        }
        db.session.remove()
    return stored


def _tokens(app, client, kind: str) -> dict[str, str]:
    if kind == "missing":
        return {}
    if kind == "forged":
        return {"csrf_token": "IjVhZjM0ZGQ5In0.forged.signature"}
    stranger = app.test_client()  # a real token, made for someone else's session
    return {"csrf_token": csrf_token(stranger.get("/auth/sign-in").get_data(as_text=True))}


@pytest.mark.parametrize("kind", ["missing", "forged", "another session's"])
def test_every_post_route_refuses_a_request_without_this_sessions_token(
    app, client, everyone, kind
):
    routes = _post_routes(app, everyone)
    assert {endpoint for endpoint, _ in routes} >= KNOWN_POSTS
    before = _what_is_stored(app)
    token = _tokens(app, client, kind)

    for endpoint, url in routes:
        response = client.post(url, data={**token, "title": "Forged", "name": "Forged"})
        page = response.get_data(as_text=True)
        assert response.status_code == 400, f"{endpoint} ({url}) gave {response.status_code}"
        assert any(message in page for message in REFUSED), f"{endpoint}: not a CSRF refusal"

    assert _what_is_stored(app) == before  # nothing created, changed, submitted or deleted
    assert client.get("/assessments").status_code == 200  # the sign-out was refused too


def test_the_same_posts_with_this_sessions_token_are_accepted(app, client, everyone):
    """The other side of the walk: the 400s above come from the token, not the route."""
    officer = Officer(client, everyone.invitation)
    assert officer.answer("culture", {"culture.test_and_learn": "2"}).status_code == 302
    page = client.get(f"/assessments/{everyone.assessment_id}").get_data(as_text=True)
    closed = client.post(
        f"/assessments/{everyone.assessment_id}/close", data={"csrf_token": csrf_token(page)}
    )
    assert closed.status_code == 302
