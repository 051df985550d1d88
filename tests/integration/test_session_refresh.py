"""A session lasts a working day from the last request, though its cookie is signed
again at most once a minute: the officer never notices, and pages are quicker."""

from __future__ import annotations

import time

from ..page_checks import session_cookies
from .officer import Officer


def test_a_cookie_signed_a_moment_ago_is_not_sent_again(client, open_assessment):
    officer = Officer(client, open_assessment)
    assert session_cookies(officer.say_about_me())  # changed: sent
    assert session_cookies(officer.get(f"{officer.base}/tasks")) == []


def test_a_cookie_signed_over_a_minute_ago_is_signed_again(client, open_assessment, monkeypatch):
    officer = Officer(client, open_assessment)
    a_minute_ago = time.time() - 61
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: a_minute_ago)
    officer.say_about_me()  # the session cookie is signed "a minute ago"
    monkeypatch.undo()
    [cookie] = session_cookies(officer.get(f"{officer.base}/tasks"))
    assert "Expires=" in cookie
    # The fresh cookie is accepted: the officer carries on where they were.
    assert officer.get(f"{officer.base}/tasks").status_code == 200
    assert "Your session has ended" not in officer.last_page


def test_a_changed_session_is_always_sent(client, open_assessment):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    chosen = officer.get(f"{officer.base}/tasks?lang=en")  # the reader chose a language
    assert chosen.status_code == 200 and session_cookies(chosen)


def test_a_cookie_past_its_lifetime_is_refused(app, client, open_assessment, monkeypatch):
    officer = Officer(client, open_assessment)
    long_ago = time.time() - app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() - 60
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: long_ago)
    officer.say_about_me()
    monkeypatch.undo()
    officer.get(f"{officer.base}/tasks", follow_redirects=True)
    assert "Your session has ended" in officer.last_page


def test_a_new_secret_key_ends_sessions_unless_the_old_one_is_kept_as_a_fallback(
    app, client, open_assessment, monkeypatch
):
    # The signing serializer is made once a set of keys (web/sessions.py): changing the
    # keys must still change what is accepted.
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    old_key = app.secret_key
    monkeypatch.setattr(app, "secret_key", "a-new-key-" + "k" * 40)
    monkeypatch.setitem(app.config, "SECRET_KEY_FALLBACKS", [old_key])
    assert officer.get(f"{officer.base}/tasks").status_code == 200
    assert "Your session has ended" not in officer.last_page

    monkeypatch.setitem(app.config, "SECRET_KEY_FALLBACKS", None)
    officer.get(f"{officer.base}/tasks", follow_redirects=True)
    assert "Your session has ended" in officer.last_page
