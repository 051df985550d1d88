"""What an officer's page and save cost the database: a fixed number of statements
whatever the assessment holds, and no transaction around a page's reads."""

from __future__ import annotations

import flask_wtf.csrf
import pytest

from assessment.forms.builder import ThemeFormBase
from assessment.storage import database, queries
from assessment.storage.base import db

from ..page_checks import csrf_token
from .officer import Officer, stored_answers
from .statements import counting_queries, counting_round_trips


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
    # On PostgreSQL the lock is an UPDATE inside a SELECT (storage/in_turn.py).
    writes = [s for s in saved if any(w in s.upper() for w in ("INSERT INTO", "UPDATE "))]
    assert (len(shown), len([s for s in saved if s.strip().upper() != "COMMIT"])) == (1, 4)
    assert len(writes) == 3, writes


def test_officers_pages_read_without_a_transaction_and_saves_write_in_one(app, open_assessment):
    # No BEGIN and COMMIT around a page's reads: on PostgreSQL, two round trips more
    # than the page's one.
    def isolation(method: str) -> tuple[bool, bool]:
        # Whether the driver's connection the page's statements use is in autocommit
        # (Python 3.11's sqlite3 has no such switch), and whether the request made a
        # session for them.
        with app.test_request_context(f"/s/{open_assessment}/themes/culture", method=method):
            app.preprocess_request()
            driver = queries.officers_connection().connection.driver_connection
            return getattr(driver, "autocommit", False) is True, database.session_in_use()

    with app.app_context():
        postgresql = db.engine.dialect.name == "postgresql"
    # On PostgreSQL, a connection of their own. SQLite's driver begins no transaction
    # for reads: there, the session's connection, and nothing is switched. A theme
    # page's save makes its own transaction (storage/in_turn.py).
    expected = (True, False) if postgresql else (False, True)
    assert isolation("GET") == expected
    assert isolation("POST") == expected


def test_other_posts_keep_the_requests_transaction(app, open_assessment, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_CHECK_DEFAULT", False)  # no form is read here
    with app.test_request_context(f"/s/{open_assessment}/about-you", method="POST"):
        app.preprocess_request()
        assert db.session.connection().get_execution_options().get("isolation_level") is None


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_on_postgresql_a_page_and_a_save_each_wait_for_the_server_once(
    app, client, open_assessment
):
    # A save: the lock, the read and the writes sent together, as one transaction that
    # the server commits at their end. Sent one by one, after reading the assessment,
    # with BEGIN and COMMIT, they were eight waits, a save's biggest cost.
    # (SQLite runs in-process: there is no server to wait for.)
    officer, page = _an_officer_at_culture(client, open_assessment)
    with counting_round_trips(app) as shown:
        assert officer.get(page).status_code == 200
    token = csrf_token(officer.last_page)
    with counting_round_trips(app) as saved:
        response = officer.post(page, {"culture.change": "4", "save_and_continue": "y"}, token)
        assert response.status_code == 302
    assert (shown, saved) == ([1], [1])
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
