"""Binds the database to the app: one commit per request, rolled back on error."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from flask import Flask, Response, g
from sqlalchemy import Connection, event, exc
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import Pool

from . import sqlite_writers
from .base import db

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Set in a session's info by queries.read_without_a_transaction.
NOTHING_TO_COMMIT = "nothing to commit at the end of the request"
# In flask.g while a request's officer statements have a connection of their own.
_OWN_CONNECTION = "officers_connection"
# Where those connections come from on PostgreSQL: an engine (a Flask-SQLAlchemy bind
# that no model uses) whose connections are made in AUTOCOMMIT and stay so. Taken from
# the main engine's pool instead, each was switched to AUTOCOMMIT as it was checked out
# and back as it was returned: twice the pool's own time (33 -> 16 us a request).
OFFICERS_BIND = "officers"


def init_app(app: Flask) -> None:
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite" and not url.query.get("uri"):
        # Writers queue for their turn: storage/sqlite_writers.py.
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
        connect_args = dict(options.get("connect_args", {}))
        connect_args.update(sqlite_writers.connect_args(url.database or ""))
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**options, "connect_args": connect_args}
    if url.get_driver_name() == "psycopg":
        binds = dict(app.config.get("SQLALCHEMY_BINDS") or {})
        binds[OFFICERS_BIND] = {
            "url": app.config["SQLALCHEMY_DATABASE_URI"],
            "isolation_level": "AUTOCOMMIT",
        }
        app.config["SQLALCHEMY_BINDS"] = binds
    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    @app.after_request
    def commit_if_the_request_succeeded(response: Response) -> Response:
        # A refused or failed request saves nothing it may have staged. A request that
        # never used the database, or said it leaves nothing to commit, has nothing to
        # end here: closing the session at teardown ends any reads.
        if not session_in_use() or not db.session().in_transaction():
            return response
        if db.session.info.get(NOTHING_TO_COMMIT):
            return response
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        return response

    @app.teardown_appcontext
    def close_the_officers_connection(error: BaseException | None) -> None:
        connection = g.pop(_OWN_CONNECTION, None)
        if connection is not None:
            connection.close()


def session_in_use() -> bool:
    """Whether this request has made its session (asking db.session anything makes one)."""
    return db.session.registry.has()


def give_officers_a_connection_of_their_own() -> None:
    """For the rest of the request, officers_connection() is a connection of its own in
    AUTOCOMMIT, made when first asked for. A request that asks for nothing else makes no
    session at all: on PostgreSQL, the session and its transaction were a tenth of an
    officer's page and save, for nothing their single statement or pipeline needs."""
    g.setdefault(_OWN_CONNECTION, None)


def officers_connection() -> Connection | None:
    """The request's own connection for officer statements, or None when it has none."""
    if _OWN_CONNECTION not in g:
        return None
    connection = g.get(_OWN_CONNECTION)
    if connection is None:
        connection = db.engines[OFFICERS_BIND].connect()
        setattr(g, _OWN_CONNECTION, connection)
    return connection


@event.listens_for(Engine, "connect")
def _sqlite_settings(dbapi_connection, connection_record) -> None:
    # SQLite ignores ON DELETE CASCADE unless asked, and waits briefly for a writer.
    # Write-ahead logging lets the workers read while one writes, and makes a save's
    # commit one fsync of the log instead of several of the database and its journal
    # (0.62 ms -> 0.14 ms a commit here). synchronous stays FULL, SQLite's default, so
    # a save the officer was told about survives a power cut too.
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(sqlite_writers.WAIT_SECONDS * 1000)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()


# A connection that sat in the pool this long is checked before use: the database may
# have restarted meanwhile. One used a moment ago is not, as SQLAlchemy's pool_pre_ping
# would (a round trip on every request, a fifth of a PostgreSQL page's queries); if the
# database goes away mid-burst, SQLAlchemy replaces the whole pool on the first error.
IDLE_SECONDS_BEFORE_A_CHECK = 10


@event.listens_for(Pool, "checkin")
def _idle_from_now(dbapi_connection, connection_record) -> None:
    connection_record.info["idle_since"] = time.monotonic()


@event.listens_for(Pool, "checkout")
def _check_if_it_sat_idle(dbapi_connection, connection_record, connection_proxy) -> None:
    idle_since = connection_record.info.get("idle_since")
    if idle_since is None or time.monotonic() - idle_since < IDLE_SECONDS_BEFORE_A_CHECK:
        return
    if not _still_works(dbapi_connection):
        # The pool discards this connection and makes a new one (up to three tries).
        raise exc.DisconnectionError("the pooled connection no longer works")


def _still_works(dbapi_connection) -> bool:
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        dbapi_connection.rollback()
    except Exception:  # any driver's error: closed, reset, refused
        return False
    return True
