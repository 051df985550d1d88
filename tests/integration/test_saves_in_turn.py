"""A lock and what follows it (storage/in_turn.py): kept together or not at all, on
both databases, whether sent together (PostgreSQL) or one by one (SQLite)."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, exc, insert, select, text, update

from assessment.storage import queries
from assessment.storage.base import db, utcnow
from assessment.storage.in_turn import Step, after_lock, first_row
from assessment.storage.models import Answer, Response

from ..page_checks import csrf_token
from .officer import Officer, stored_answers

ANSWERS = Answer.__table__
RESPONSES = Response.__table__
LOCK = (
    update(RESPONSES)
    .where(RESPONSES.c.id == bindparam("response"), RESPONSES.c.submitted_at.is_(None))
    .values(role_tier="manager", updated_at=bindparam("now"))
)
READ = select(ANSWERS.c.question_id, ANSWERS.c.level).where(
    ANSWERS.c.response_id == bindparam("response")
)


@pytest.fixture
def response_id(app, open_assessment) -> int:
    with app.app_context():
        assessment = queries.assessment_by_invitation(open_assessment)
        response, _ = queries.start_response(assessment, "frontline", "housing")
        queries.commit()
        return response.id


def _as_an_officers_save(app, steps_for):
    """Runs after_lock as a theme page's save does: outside a transaction, on PostgreSQL
    on a connection of its own."""
    with app.test_request_context():
        queries.serve_a_theme_page()
        connection = queries.officers_connection()
        lock, steps = steps_for(connection)
        results = after_lock(connection, lock, steps)
        queries.commit()
        return results


def _lock(response_id: int) -> Step:
    return Step(LOCK, {"response": response_id, "now": utcnow()})


def _answer(response_id: int, question_id: str, level: int) -> Step:
    row = {
        "response_id": response_id,
        "question_id": question_id,
        "level": level,
        "dont_know": False,
        "updated_at": utcnow(),
    }
    return Step(insert(ANSWERS), [row])


def _stored(app, response_id: int) -> tuple[str, list[tuple[str, int]]]:
    with app.app_context():
        role = db.session.scalar(select(RESPONSES.c.role_tier).where(RESPONSES.c.id == response_id))
        answers = db.session.execute(READ, {"response": response_id}).all()
        return role, sorted(tuple(row) for row in answers)


def _end_the_servers_side_of(connection) -> None:
    # As when PostgreSQL restarts: the backend serving this connection goes away.
    backend = connection.connection.driver_connection.info.backend_pid
    with db.engine.connect() as other:
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})


def test_the_steps_follow_the_lock_and_each_sees_the_one_before(app, response_id):
    def steps(connection):
        return _lock(response_id), [
            Step(READ, {"response": response_id}),
            _answer(response_id, "culture.change", 4),
            Step(READ, {"response": response_id}),
        ]

    before, written, after = _as_an_officers_save(app, steps)
    assert (before, written, [tuple(row) for row in after]) == ([], [], [("culture.change", 4)])
    assert _stored(app, response_id) == ("manager", [("culture.change", 4)])


def test_nothing_is_kept_when_the_lock_finds_no_row(app, response_id):
    with app.app_context():
        db.session.execute(
            update(RESPONSES)
            .where(RESPONSES.c.id == response_id)
            .values(submitted_at=db.func.now())
        )
        queries.commit()

    def steps(connection):
        return _lock(response_id), [_answer(response_id, "culture.change", 4)]

    assert _as_an_officers_save(app, steps) is None
    assert _stored(app, response_id) == ("frontline", [])


def test_a_step_that_fails_undoes_the_lock_and_the_connection_still_works(app, response_id):
    def steps(connection):
        return _lock(response_id), [
            _answer(response_id, "culture.change", 4),
            _answer(response_id, "culture.change", 5),  # the same question twice: refused
        ]

    with pytest.raises(exc.IntegrityError):
        _as_an_officers_save(app, steps)
    assert _stored(app, response_id) == ("frontline", [])

    def again(connection):
        return _lock(response_id), [_answer(response_id, "culture.change", 2)]

    assert _as_an_officers_save(app, again) == [[]]
    assert _stored(app, response_id) == ("manager", [("culture.change", 2)])


def test_inside_a_requests_own_transaction_the_steps_wait_for_its_commit(app, response_id):
    # A signed-in leader trying the survey: their account was read first, so the save
    # is part of the request's transaction, and a failed request keeps none of it.
    with app.test_request_context():
        db.session.execute(select(RESPONSES.c.id))  # the request's transaction begins
        queries.read_without_a_transaction()  # too late: reads stay in the transaction
        connection = db.session.connection()
        assert after_lock(
            connection, _lock(response_id), [_answer(response_id, "culture.change", 4)]
        ) == [[]]
        queries.rollback()
    assert _stored(app, response_id) == ("frontline", [])


def test_a_step_must_give_every_column_its_value(app, response_id):
    # SQLAlchemy fills Python-side defaults as it executes; a pipeline would not.
    def steps(connection):
        row = {"response_id": response_id, "question_id": "culture.change", "level": 4}
        return _lock(response_id), [Step(insert(ANSWERS), [row])]

    with pytest.raises(ValueError, match="dont_know, updated_at"):
        _as_an_officers_save(app, steps)
    assert _stored(app, response_id) == ("frontline", [])


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
    save = queries.save_theme_if_open

    def lose_the_server_then_save(*args, **kwargs):
        _end_the_servers_side_of(queries.officers_connection())
        return save(*args, **kwargs)

    monkeypatch.setattr(queries, "save_theme_if_open", lose_the_server_then_save)
    cut = officer.post(page, {"culture.change": "4", "save_and_continue": "y"}, token)
    assert cut.status_code == 503 and "Try again in" in officer.last_page
    monkeypatch.undo()
    [stored] = stored_answers(app, open_assessment)
    assert stored["answers"] == {}
    saved = officer.post(page, {"culture.change": "4", "save_and_continue": "y"})
    assert saved.status_code == 302
    [stored] = stored_answers(app, open_assessment)
    assert stored["answers"] == {"culture.change": 4}


def test_a_read_of_one_row_gives_what_sqlalchemy_would(app, response_id):
    # first_row goes straight to psycopg's cursor on PostgreSQL; the values must not differ.
    save = [_answer(response_id, "culture.change", 4)]
    _as_an_officers_save(app, lambda connection: (_lock(response_id), save))
    row = (
        select(RESPONSES.c.id, RESPONSES.c.role_tier, RESPONSES.c.submitted_at, ANSWERS.c.level)
        .join_from(RESPONSES, ANSWERS, ANSWERS.c.response_id == RESPONSES.c.id)
        .where(RESPONSES.c.id == bindparam("response"))
    )
    with app.test_request_context():
        connection = db.session.connection()
        expected = tuple(connection.execute(row, {"response": response_id}).first())
        assert first_row(connection, row, {"response": response_id}) == expected
        assert expected == (response_id, "manager", None, 4)
        assert first_row(connection, row, {"response": response_id + 1}) is None
        queries.rollback()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_page_whose_read_loses_the_server_says_so_and_the_next_page_works(
    app, client, open_assessment, monkeypatch
):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    page = f"{officer.base}/themes/culture"
    connect = queries.officers_connection

    def lose_the_server_then_connect():
        connection = connect()
        _end_the_servers_side_of(connection)
        return connection

    monkeypatch.setattr(queries, "officers_connection", lose_the_server_then_connect)
    cut = officer.get(page)
    assert cut.status_code == 503 and "Try again in" in officer.last_page
    monkeypatch.undo()
    assert officer.get(page).status_code == 200


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_saves_refused_now_and_then_never_break_the_next_save(app, response_id):
    # psycopg prepares a statement the fifth time it runs. When that run came after the
    # lock in a pipeline the lock refused, the server skipped preparing it, but psycopg
    # remembered it as prepared, and the next save on the connection failed with
    # "prepared statement does not exist" (psycopg 3.3.9).
    no_such_response = response_id + 1000
    with app.test_request_context():
        queries.serve_a_theme_page()
        for turn in range(12):
            refused = turn % 2 == 1
            lock = _lock(no_such_response if refused else response_id)
            read = Step(READ, {"response": response_id})
            connection = queries.officers_connection()
            assert after_lock(connection, lock, [read]) == (None if refused else [[]])
