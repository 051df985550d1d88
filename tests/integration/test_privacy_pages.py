"""Officers can read who holds their answers and what cookies the service sets; an
administrator writes each council's privacy details; leaders can find the way in."""

from __future__ import annotations

import re

import pytest

from assessment.storage import councils

from .officer import Officer
from .people import make_admin, make_council, post_with_token, sign_in

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def council(app, clean_database):
    return make_council(app, "eastshire", "lead@east.example")


def _privacy_details(client, council, controller: str, contact: str):
    page = f"/admin/councils/{council.id}/privacy"
    return post_with_token(client, page, page, {"controller": controller, "contact": contact})


def _links(page: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page))


def test_every_page_links_to_the_privacy_notice_and_cookies_in_its_footer(app, client, council):
    officer = Officer(app.test_client(), council.invitation)
    officer.say_about_me()
    pages = {
        "home": client.get("/"),
        "officer's theme page": officer.get(f"{officer.base}/themes/culture"),
        "not found": client.get("/no-such-page"),
    }
    sign_in(client, "lead@east.example")
    pages["leader's assessment"] = client.get(f"/assessments/{council.assessment_id}")
    for name, response in pages.items():
        footer = response.get_data(as_text=True).split('class="govuk-footer"', 1)[1]
        assert {"/privacy", "/cookies"} <= _links(footer), name


def test_the_start_page_leads_officers_to_their_councils_notice(app, council):
    officer = Officer(app.test_client(), council.invitation)
    start = officer.get(officer.base).get_data(as_text=True)
    assert f"/s/{council.invitation}/privacy" in _links(start)

    notice = officer.get(f"/s/{council.invitation}/privacy").get_data(as_text=True)
    assert "Eastshire Council is the data controller for your answers." in notice
    assert "has not added its data protection officer" in notice
    assert "at least 3 people in that group have answered" in notice  # this assessment's k
    assert "deleted 90 days after you last changed them" in notice
    assert "We do not ask for your name" in notice
    assert "without your role or service area" in notice
    assert "only after the assessment closes" in notice
    assert "https://ico.org.uk/make-a-complaint/" in notice


def test_an_administrator_sets_the_controller_and_contact_officers_read(app, client, council):
    sign_in(client, make_admin(app))
    saved = _privacy_details(
        client, council, "Eastshire County Council\nCounty Hall", "dpo@east.example"
    )
    assert saved.status_code == 302
    council_page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Privacy details saved" in council_page
    assert "Eastshire County Council<br>County Hall" in council_page

    notice = app.test_client().get(f"/s/{council.invitation}/privacy").get_data(as_text=True)
    assert "Eastshire County Council<br>County Hall" in notice
    assert "dpo@east.example" in notice
    assert "has not added" not in notice

    cleared = _privacy_details(client, council, "  ", "")
    assert cleared.status_code == 302
    with app.app_context():
        stored = councils.council_by_id(council.id)
        assert (stored.privacy_controller, stored.privacy_contact) == (None, None)


def test_privacy_details_with_html_in_them_are_text(app, client, council):
    sign_in(client, make_admin(app))
    assert _privacy_details(client, council, SCRIPT, f'<a href="x">{SCRIPT}</a>').status_code == 302
    for page in (
        client.get(f"/admin/councils/{council.id}"),
        client.get(f"/admin/councils/{council.id}/privacy"),
        app.test_client().get(f"/s/{council.invitation}/privacy"),
    ):
        html = page.get_data(as_text=True)
        assert SCRIPT not in html and '<a href="x">' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_too_long_privacy_details_are_refused_and_nothing_saved_is_lost(app, client, council):
    sign_in(client, make_admin(app))
    _privacy_details(client, council, "Eastshire Council", "dpo@east.example")
    refused = _privacy_details(client, council, "x" * 1001, "new@east.example")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "<title>Error: " in page
    assert "Data controller must be 1000 characters or fewer" in page
    assert "new@east.example" in page  # given back as typed
    with app.app_context():
        assert councils.council_by_id(council.id).privacy_contact == "dpo@east.example"


def test_only_administrators_change_privacy_details(app, client, council):
    sign_in(client, "lead@east.example")
    assert client.get(f"/admin/councils/{council.id}/privacy").status_code == 403
    admin = app.test_client()
    sign_in(admin, make_admin(app))
    assert admin.get(f"/admin/councils/{council.id}/privacy").status_code == 200


def test_the_general_notice_says_where_a_councils_own_details_are(client, council):
    notice = client.get("/privacy").get_data(as_text=True)
    assert "The council that invited you to take part is the data controller" in notice
    assert "usually 5, never fewer than 3" in notice
    assert "Eastshire" not in notice


def test_an_unknown_invitation_has_no_notice(client, council):
    assert client.get("/s/not-a-real-invitation-token-at-all/privacy").status_code == 404


def test_retention_days_is_the_number_the_notice_gives(app, client, council):
    app.config["RETENTION_DAYS"] = 30
    try:
        notice = client.get(f"/s/{council.invitation}/privacy").get_data(as_text=True)
    finally:
        app.config["RETENTION_DAYS"] = 90
    assert "deleted 30 days after you last changed them" in notice


def test_the_cookies_page_lists_the_one_cookie_the_service_sets(app, client, council):
    officer = Officer(app.test_client(), council.invitation)
    officer.say_about_me()
    sign_in(client, "lead@east.example")
    client.get("/?lang=en")
    set_by_the_service = {
        cookie.key for c in (officer.client, client) for cookie in c._cookies.values()
    }
    page = client.get("/cookies").get_data(as_text=True)
    assert set_by_the_service == {"session"}
    assert "<code>session</code>" in page
    assert "12 hours after your last visit" in page
    assert "when you close your browser" in page
    assert "We do not use analytics cookies" in page


def test_public_pages_offer_sign_in_but_officers_pages_do_not(app, client, council):
    for path in ("/", "/how-scores-work", "/accessibility", "/privacy", "/cookies"):
        assert "/auth/sign-in" in _links(client.get(path).get_data(as_text=True)), path
    officer = Officer(app.test_client(), council.invitation)
    for path in ("", "/about-you", "/privacy"):
        page = officer.get(officer.base + path).get_data(as_text=True)
        assert not any(link.startswith("/auth/sign-in") for link in _links(page)), path
    officer.say_about_me()
    theme = officer.get(f"{officer.base}/themes/culture").get_data(as_text=True)
    assert not any(link.startswith("/auth/sign-in") for link in _links(theme))


def test_the_home_page_says_who_it_is_for_and_where_officers_get_their_link(client):
    home = client.get("/").get_data(as_text=True)
    assert "This service is for UK councils" in home
    assert "Open the invitation link your council sent you" in home
    assert "You do not need an account" in home
    # Measured from the tiny test bank (58 words), rounded up, in the singular.
    assert "The questionnaire takes about 1 minute to read and answer." in home
