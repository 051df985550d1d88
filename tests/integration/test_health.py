"""A load balancer can ask whether this instance can serve, and people always get a
page that says what happened and what to do: not found, too many attempts, a fault,
or the database being down."""

from __future__ import annotations

import pytest
from flask import abort
from flask_migrate import upgrade

from assessment import create_app
from assessment.storage import councils, database
from assessment.storage.base import db

from ..conftest import TEST_SECRET_KEY, TWO_THEMES

UNREACHABLE = {
    # Nothing listens on port 1: the connection is refused at once.
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2",
    "sqlite": "sqlite:////nonexistent-folder/for/the/health/test.db",
}


def _app(database_url: str, **settings):
    return create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SECRET_KEY": TEST_SECRET_KEY,
            "SESSION_COOKIE_SECURE": False,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "QUESTION_BANK_PATH": str(TWO_THEMES),
            **settings,
        }
    )


@pytest.fixture(params=UNREACHABLE.values(), ids=UNREACHABLE.keys())
def database_down(request):
    app = _app(request.param)
    yield app
    with app.app_context():
        db.engine.dispose()


def test_the_health_check_says_ok_after_asking_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_a_monitor_may_poll_the_health_check_without_signing_in_or_being_limited(client):
    # A sign-in page allows 10 tries in 15 minutes; a monitor asks far more often.
    statuses = {client.get("/healthz").status_code for _ in range(30)}
    assert statuses == {200}


def test_the_health_check_says_unavailable_when_the_database_is_down(database_down):
    response = database_down.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["database"] == "unreachable"
    assert response.headers["Cache-Control"] == "no-store"
    # Nothing about where the database is or who connects to it.
    assert "127.0.0.1" not in response.get_data(as_text=True)
    assert "nonexistent" not in response.get_data(as_text=True)


def test_an_officer_gets_a_friendly_page_when_the_database_is_down(database_down):
    response = database_down.test_client().get("/s/" + "x" * 32)
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in page
    assert "Anything you saved before this happened has been kept" in page
    assert int(response.headers["Retry-After"]) > 0


def test_a_signed_in_leader_gets_the_same_page_not_a_crash(database_down):
    leader = database_down.test_client()
    with leader.session_transaction() as session:
        session["_user_id"] = "1:0"  # loading who is signed in needs the database
    response = leader.get("/assessments")
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.get_data(as_text=True)


@pytest.fixture
def fragile_app(tmp_path):
    """A migrated app with two routes that go wrong, as a real fault or a flood would."""
    app = _app(f"sqlite:///{tmp_path / 'fragile.db'}", TESTING=False)

    def half_done():
        councils.create_council("halfdone", "Half-done Council")
        raise RuntimeError("a bug after something was staged")

    app.add_url_rule("/half-done", view_func=half_done)
    app.add_url_rule("/flooded", view_func=lambda: abort(429))
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


def test_a_fault_gets_a_friendly_page_and_saves_nothing_half_done(fragile_app):
    response = fragile_app.test_client().get("/half-done")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in page
    assert "RuntimeError" not in page and "Traceback" not in page
    with fragile_app.app_context():
        assert councils.council_by_slug("halfdone") is None


def test_too_many_attempts_get_a_page_saying_when_to_try_again(fragile_app):
    response = fragile_app.test_client().get("/flooded")
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)
    assert "Try again in" in response.get_data(as_text=True)


def test_an_unknown_address_gets_a_friendly_not_found_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_a_connection_broken_while_it_sat_idle_is_replaced_before_use(app, client, monkeypatch):
    # The database restarted while the pool held this connection: the next page is
    # served on a new connection, not an error.
    checked = _count_checks(monkeypatch)
    with app.app_context():
        db.engine.dispose()
        pooled = db.engine.raw_connection()
        dbapi_connection, info = pooled.dbapi_connection, pooled.info
        pooled.close()
    dbapi_connection.close()
    info["idle_since"] -= database.IDLE_SECONDS_BEFORE_A_CHECK + 1
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}
    assert checked == [False]


def _count_checks(monkeypatch) -> list[bool]:
    checked: list[bool] = []
    real = database._still_works
    monkeypatch.setattr(database, "_still_works", lambda c: checked.append(real(c)) or checked[-1])
    return checked
