"""Another site cannot tie an officer's browser to a response of its choosing (its own,
say, so the officer's answers land where the other site can read them): nothing binds
a browser to a response but a post carrying this browser's own CSRF token."""

from __future__ import annotations

import pytest

from ..page_checks import csrf_token
from .officer import Officer, stored_answers

FORGED = {"missing": None, "forged": "IjVhZjM0ZGQ5In0.forged.signature"}


@pytest.fixture
def planted(app, open_assessment) -> Officer:
    """The other site's own response, whose resume link and code it knows."""
    planter = Officer(app.test_client(), open_assessment)
    planter.say_about_me("leadership", "planning")
    planter.answer("culture", {"culture.change": "1"}, later=True)
    return planter


def _bound(officer: Officer) -> bool:
    return officer.get(f"{officer.base}/tasks").status_code == 200


@pytest.mark.parametrize("kind", FORGED)
def test_a_resume_code_posted_to_a_theme_page_without_this_browsers_token_binds_nothing(
    app, client, open_assessment, planted, kind
):
    _, code = planted.resume_secrets()
    victim = Officer(client, open_assessment)
    victim.get(victim.base)  # the officer has the invitation open, and a session
    sent = victim.answer(
        "culture", {"culture.change": "5", "resume_code": code}, token=FORGED[kind]
    )
    assert sent.status_code == 400
    assert not _bound(victim)
    assert stored_answers(app, open_assessment)[0]["answers"] == {"culture.change": 1}


def test_the_same_code_with_this_browsers_token_binds_and_saves(
    app, client, open_assessment, planted
):
    _, code = planted.resume_secrets()
    officer = Officer(client, open_assessment)
    officer.answer("culture", {"culture.change": "5"}, token="stale")  # an ended session
    saved = officer.answer(
        "culture",
        {"culture.change": "5", "resume_code": code},
        token=csrf_token(officer.last_page),
    )
    assert saved.status_code == 302
    assert _bound(officer)
    assert stored_answers(app, open_assessment)[0]["answers"] == {"culture.change": 5}


def test_opening_a_resume_link_binds_nothing(client, open_assessment, planted):
    link, _ = planted.resume_secrets()
    victim = Officer(client, open_assessment)
    page = victim.get(link)  # an image or a frame on another site would do the same
    assert page.status_code == 200
    assert "Continue where you left off" in victim.last_page
    assert not _bound(victim)


@pytest.mark.parametrize("kind", FORGED)
def test_a_continue_post_without_this_browsers_token_binds_nothing(
    client, open_assessment, planted, kind
):
    link, _ = planted.resume_secrets()
    victim = Officer(client, open_assessment)
    victim.get(victim.base)
    assert victim.post(link, {}, token=FORGED[kind]).status_code == 400
    assert not _bound(victim)


def test_the_continue_button_binds(client, open_assessment, planted):
    link, _ = planted.resume_secrets()
    officer = Officer(client, open_assessment)
    continued = officer.post(link, {})  # the token from the page the link shows
    assert continued.headers["Location"].endswith(f"{officer.base}/tasks")
    assert _bound(officer)


def test_a_continue_post_for_an_unknown_link_is_page_not_found(client, open_assessment):
    officer = Officer(client, open_assessment)
    token = csrf_token(officer.get(f"{officer.base}/resume").get_data(as_text=True))
    assert officer.post("/resume/" + "A" * 32, {}, token=token).status_code == 404


@pytest.mark.parametrize("kind", FORGED)
def test_a_resume_code_posted_to_the_resume_page_without_this_browsers_token_binds_nothing(
    client, open_assessment, planted, kind
):
    _, code = planted.resume_secrets()
    victim = Officer(client, open_assessment)
    victim.get(victim.base)
    assert (
        victim.post(f"{victim.base}/resume", {"code": code}, token=FORGED[kind]).status_code == 400
    )
    assert not _bound(victim)
