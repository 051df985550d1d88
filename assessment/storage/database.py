"""Binds the database to the app: one commit per request, rolled back on error."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from flask import Flask, Response
from sqlalchemy import event, exc, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import Pool

from . import sqlite_writers
from .base import db

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def engine_url(url: str) -> str:
    """The URL with its driver named: hosting platforms hand out postgres:// and
    postgresql:// URLs, and SQLAlchemy would pick psycopg2, which we do not install."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def init_app(app: Flask) -> None:
    app.config["SQLALCHEMY_DATABASE_URI"] = engine_url(app.config["SQLALCHEMY_DATABASE_URI"])
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite" and not url.query.get("uri"):
        # Writers queue for their turn: storage/sqlite_writers.py.
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
        connect_args = dict(options.get("connect_args", {}))
        connect_args.update(sqlite_writers.connect_args(url.database or ""))
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**options, "connect_args": connect_args}
    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    @app.after_request
    def commit_if_the_request_succeeded(response: Response) -> Response:
        # The one place a request's session is committed. A refused or failed request
        # saves nothing it may have staged. A request that never used the session has
        # nothing to end. (An officer's theme page commits its own unit of work:
        # storage/officer_pages.py.)
        if not session_in_use() or not db.session().in_transaction():
            return response
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        return response


def session_in_use() -> bool:
    """Whether this request has made its session (asking db.session anything makes one)."""
    return db.session.registry.has()


def commit() -> None:
    """Commit what the session staged: for the command line, whose commands are no
    request. A request's session is committed by the rule in init_app."""
    if session_in_use():  # else nothing was staged to commit
        db.session.commit()


def rollback() -> None:
    if session_in_use():
        db.session.rollback()


def ping() -> None:
    """Raises unless the database answers."""
    db.session.execute(select(1))


@event.listens_for(Engine, "connect")
def _sqlite_settings(dbapi_connection, connection_record) -> None:
    # SQLite ignores ON DELETE CASCADE unless asked, and waits briefly for a writer.
    # Write-ahead logging lets the workers read while one writes, and makes a save's
    # commit one fsync of the log instead of several of the database and its journal
    # . synchronous stays FULL, SQLite's default, so
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
