"""An officer's save (storage/officer_pages.py): kept whole or not at all, on both
databases; a refused one is no error and costs no connection."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, text, update

from assessment.bank import current_bank
from assessment.storage import assessments, database, officer_pages, responses
from assessment.storage.base import db
from assessment.storage.models import Response

from ..page_checks import csrf_token
from .officer import Officer, connections_seen_by, stored_answers

RESPONSES = Response.__table__


@pytest.fixture
def response_id(app, open_assessment) -> int:
    with app.app_context():
        assessment = assessments.assessment_by_invitation(open_assessment)
        response, _ = responses.start_response(assessment, "frontline", "housing")
        database.commit()
        return response.id


def _save(app, invitation: str, response_id: int, answers: dict[str, str]):
    with app.app_context():
        culture = current_bank().theme("culture")
        version = current_bank().version
        return officer_pages.save(invitation, version, response_id, culture, answers, "Words", True)


def _held(app, invitation: str, response_id: int):
    with app.app_context():
        culture = current_bank().theme("culture")
        return officer_pages.visit(invitation, [response_id], culture).stored


def test_a_save_returns_what_the_theme_held_before_it(app, open_assessment, response_id):
    first = _save(app, open_assessment, response_id, {"culture.change": "4"})
    assert first == officer_pages.StoredTheme(answers={}, comment=None)
    second = _save(app, open_assessment, response_id, {"culture.change": "dk"})
    assert second == officer_pages.StoredTheme(answers={"culture.change": "4"}, comment="Words")
    assert _held(app, open_assessment, response_id).answers == {"culture.change": "dk"}


@pytest.fixture
def database_errors(app):
    """Every error the database raised while the test ran (each is an ERROR line in
    PostgreSQL's log), and every connection thrown away."""
    seen: list[str] = []
    with app.app_context():
        engine = db.engine
    on_error = lambda context: seen.append(f"error: {context.original_exception}")  # noqa: E731
    on_invalidate = lambda *args: seen.append("a connection was thrown away")  # noqa: E731
    event.listen(engine, "handle_error", on_error)
    event.listen(engine.pool, "invalidate", on_invalidate)
    yield seen
    event.remove(engine, "handle_error", on_error)
    event.remove(engine.pool, "invalidate", on_invalidate)


def test_a_save_to_a_submitted_response_keeps_nothing_and_is_no_error(
    app, open_assessment, response_id, database_errors
):
    with app.app_context():
        db.session.execute(
            update(RESPONSES)
            .where(RESPONSES.c.id == response_id)
            .values(submitted_at=db.func.now())
        )
        database.commit()
    assert _save(app, open_assessment, response_id, {"culture.change": "4"}) is None
    assert _held(app, open_assessment, response_id).answers == {}
    assert database_errors == []


def test_a_save_through_another_invitation_keeps_nothing(app, open_assessment, response_id):
    assert _save(app, "not-" + open_assessment, response_id, {"culture.change": "4"}) is None
    assert _held(app, open_assessment, response_id).answers == {}


def test_saves_refused_now_and_then_never_break_the_next_save(
    app, open_assessment, response_id, database_errors
):
    # A refused save once cost its connection on PostgreSQL; now it is an UPDATE that
    # changed no row, and the connection goes back to the pool as after any save.
    for turn in range(12):
        refused = turn % 2 == 1
        saved = _save(
            app,
            open_assessment,
            response_id + 1000 if refused else response_id,
            {"culture.change": "3"},
        )
        assert (saved is None) == refused
    assert database_errors == []


def test_a_save_that_fails_part_way_keeps_nothing(app, open_assessment, response_id, monkeypatch):
    write = officer_pages.write_theme

    def write_then_fail(*args, **kwargs):
        write(*args, **kwargs)
        raise RuntimeError("the server went away after the writes")

    monkeypatch.setattr(officer_pages, "write_theme", write_then_fail)
    with pytest.raises(RuntimeError):
        _save(app, open_assessment, response_id, {"culture.change": "4"})
    monkeypatch.undo()
    assert _held(app, open_assessment, response_id).answers == {}
    with app.app_context():
        updated = db.session.scalar(
            select(RESPONSES.c.role_tier).where(RESPONSES.c.id == response_id)
        )
    assert updated == "frontline"


def _end_the_servers_side_of(connection) -> None:
    # As when PostgreSQL restarts: the backend serving this connection goes away.
    backend = connection.connection.driver_connection.info.backend_pid
    with db.engine.connect() as other:
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_save_whose_connection_is_cut_says_so_keeps_nothing_and_the_next_works(
    app, client, open_assessment, monkeypatch
):
    # The server goes away just as the officer's save is sent: the officer gets the "try
    # again" page, and the next save gets a new connection.
    # (SQLite runs in-process: there is no server to lose.)
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    page = f"{officer.base}/themes/culture"
    token = csrf_token(officer.get(page).get_data(as_text=True))
    monkeypatch.setattr(officer_pages, "_connection", _losing_connection())
    cut = officer.post(page, {"culture.change": "4", "save_and_continue": "y"}, token)
    assert cut.status_code == 503 and "Try again in" in officer.last_page
    monkeypatch.undo()
    [stored] = stored_answers(app, open_assessment)
    assert stored["answers"] == {}
    saved = officer.post(page, {"culture.change": "4", "save_and_continue": "y"})
    assert saved.status_code == 302
    [stored] = stored_answers(app, open_assessment)
    assert stored["answers"] == {"culture.change": 4}


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_page_whose_read_loses_the_server_says_so_and_the_next_page_works(
    app, client, open_assessment, monkeypatch
):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    page = f"{officer.base}/themes/culture"
    monkeypatch.setattr(officer_pages, "_connection", _losing_connection())
    cut = officer.get(page)
    assert cut.status_code == 503 and "Try again in" in officer.last_page
    monkeypatch.undo()
    assert officer.get(page).status_code == 200


def _losing_connection():
    return connections_seen_by(lambda connection, *_, **__: _end_the_servers_side_of(connection))
