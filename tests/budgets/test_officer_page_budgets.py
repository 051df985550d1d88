"""Performance budgets of an officer's theme page (docs/adr/0006): what a page and a
save may cost the database, and the work a plain save may skip. They guard speed,
not behaviour: a change that breaks one may still be right, if the ADR says why."""

from __future__ import annotations

import flask_wtf.csrf
import pytest

from assessment.forms.builder import ThemeFormBase
from assessment.storage import database, officer_pages
from assessment.storage.base import db

from ..integration.officer import Officer, connections_seen_by, stored_answers
from ..integration.statements import counting_queries, counting_round_trips
from ..page_checks import csrf_token


def test_a_theme_page_asks_the_database_once_and_a_save_four_times(app, client, open_assessment):
    # Shown: the assessment with the officer's response and the theme's answers and
    # comment. Saved: the response's lock (which checks the assessment is open), what
    # the theme held, every answer, the theme's entry.
    officer, page = _an_officer_at_culture(client, open_assessment)
    with counting_queries(app) as shown:
        assert officer.get(page).status_code == 200
    token = csrf_token(officer.last_page)
    answers = {"culture.change": "2", "culture.test_and_learn": "dk", "culture.recognition": "5"}
    with counting_queries(app) as saved:
        assert officer.post(page, {**answers, "save_and_continue": "y"}, token).status_code == 302
    writes = [s for s in saved if any(w in s.upper() for w in ("INSERT INTO", "UPDATE "))]
    assert (len(shown), len([s for s in saved if s.strip().upper() != "COMMIT"])) == (1, 4)
    assert len(writes) == 3, writes


def test_a_theme_page_makes_no_session_and_reads_without_a_transaction(
    app, client, open_assessment, monkeypatch
):
    # Its statements run on a connection of their own (storage/officer_pages.py): a
    # page read in AUTOCOMMIT on PostgreSQL has no BEGIN or COMMIT to wait for.
    officer, page = _an_officer_at_culture(client, open_assessment)
    seen = []

    def look(connection, autocommit: bool):
        level = connection.get_execution_options().get("isolation_level")
        seen.append((autocommit, level, database.session_in_use()))

    monkeypatch.setattr(officer_pages, "_connection", connections_seen_by(look))
    token = csrf_token(officer.get(page).get_data(as_text=True))
    assert officer.post(page, {"culture.change": "4"}, token).status_code == 302
    with app.app_context():
        postgresql = db.engine.dialect.name == "postgresql"
    read = "AUTOCOMMIT" if postgresql else None
    assert seen == [(True, read, False), (False, None, False)]


def test_other_posts_keep_the_requests_transaction(app, open_assessment, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_CHECK_DEFAULT", False)  # no form is read here
    with app.test_request_context(f"/s/{open_assessment}/about-you", method="POST"):
        app.preprocess_request()
        assert db.session.connection().get_execution_options().get("isolation_level") is None


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_on_postgresql_a_page_waits_for_the_server_once_and_a_save_six_times(
    app, client, open_assessment
):
    # A page: one read, in AUTOCOMMIT. A save: BEGIN, the lock, the read, every answer
    # (psycopg sends an executemany's rows together), the theme's entry, COMMIT. No read
    # of the assessment before the lock: the lock checks it (docs/adr/0006).
    # (SQLite runs in-process: there is no server to wait for.)
    officer, page = _an_officer_at_culture(client, open_assessment)
    with counting_round_trips(app) as shown:
        assert officer.get(page).status_code == 200
    token = csrf_token(officer.last_page)
    with counting_round_trips(app) as saved:
        response = officer.post(page, {"culture.change": "4", "save_and_continue": "y"}, token)
        assert response.status_code == 302
    assert (shown, saved) == ([1], [6])
    [stored] = stored_answers(app, open_assessment)
    assert stored["answers"] == {"culture.change": 4}


def test_a_saved_post_signs_no_new_token_and_a_refused_one_shows_one(
    client, open_assessment, monkeypatch
):
    # The form's token for the next showing of the page is made only if it is shown.
    officer, page = _an_officer_at_culture(client, open_assessment)
    token = csrf_token(officer.get(page).get_data(as_text=True))
    signed, sign = [], flask_wtf.csrf.generate_csrf

    def counted(**options):
        signed.append(1)
        return sign(**options)

    monkeypatch.setattr(flask_wtf.csrf, "generate_csrf", counted)
    saved = officer.post(page, {"culture.change": "4", "save_and_continue": "y"}, token)
    assert (saved.status_code, signed) == (302, [])
    refused = officer.post(page, {"culture.change": "9", "save_and_continue": "y"}, token)
    assert refused.status_code == 400 and len(signed) == 1
    again = officer.post(page, {"culture.change": "3", "save_and_continue": "y"})
    assert again.status_code == 302  # with the token the refused page showed


def test_a_plain_save_builds_no_form_and_a_refused_one_does(client, open_assessment, monkeypatch):
    # Building and validating the form was a quarter of a save (forms/posted.py).
    officer, page = _an_officer_at_culture(client, open_assessment)
    token = csrf_token(officer.get(page).get_data(as_text=True))
    built, build = [], ThemeFormBase.__init__

    def counted(self, *args, **kwargs):
        built.append(1)
        build(self, *args, **kwargs)

    monkeypatch.setattr(ThemeFormBase, "__init__", counted)
    saved = officer.post(page, {"culture.change": "4", "save_and_continue": "y"}, token)
    assert (saved.status_code, built) == (302, [])
    refused = officer.post(page, {"culture.change": "9", "save_and_continue": "y"}, token)
    assert (refused.status_code, built) == (400, [1])
    assert "Select one of the options" in refused.get_data(as_text=True)


def test_a_session_signed_before_it_named_the_invitation_still_saves(app, client, open_assessment):
    # Such a session names only the response: the save reads the assessment first.
    officer, page = _an_officer_at_culture(client, open_assessment)
    token = csrf_token(officer.get(page).get_data(as_text=True))
    with client.session_transaction() as session:
        session["officer"] = {
            key: {name: value for name, value in entry.items() if name != "invitation"}
            for key, entry in session["officer"].items()
        }
    with counting_queries(app) as saved:
        response = officer.post(page, {"culture.change": "4", "save_and_continue": "y"}, token)
        assert response.status_code == 302
    assert len([s for s in saved if s.strip().upper() != "COMMIT"]) == 5
    [stored] = stored_answers(app, open_assessment)
    assert stored["answers"] == {"culture.change": 4}


def _an_officer_at_culture(client, invitation: str) -> tuple[Officer, str]:
    """An officer who has said who they are, and the address of the culture page."""
    officer = Officer(client, invitation)
    officer.say_about_me()
    return officer, f"{officer.base}/themes/culture"
