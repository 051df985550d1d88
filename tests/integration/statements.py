"""Counting the SQL statements a request sends, to keep pages from growing queries."""

from __future__ import annotations

import itertools
import tempfile
from contextlib import contextmanager

from psycopg.pq import Trace
from sqlalchemy import event

from assessment.storage.base import db


@contextmanager
def counting_queries(app):
    """Yields the list of statements sent to the app's database inside the block."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    with app.app_context():
        engines = list(db.engines.values())  # officers' pages have one of their own
    for engine in engines:
        event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", count)


@contextmanager
def counting_round_trips(app):
    """Yields a list that, after the block, holds how many times each PostgreSQL
    connection the app used sent something and waited for the answer, read from
    libpq's own trace of the wire: a run of messages sent, then a run received."""
    traces: list = []

    def trace(dbapi_connection, record, proxy):
        file = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed once counted
        dbapi_connection.pgconn.trace(file.fileno())
        dbapi_connection.pgconn.set_trace_flags(Trace.SUPPRESS_TIMESTAMPS)
        traces.append((dbapi_connection, file))

    def untrace(dbapi_connection, record):
        dbapi_connection.pgconn.untrace()

    with app.app_context():
        pools = [engine.pool for engine in db.engines.values()]
    for pool in pools:
        event.listen(pool, "checkout", trace)
        event.listen(pool, "checkin", untrace)
    counts: list[int] = []
    try:
        yield counts
    finally:
        for pool in pools:
            event.remove(pool, "checkout", trace)
            event.remove(pool, "checkin", untrace)
        for _, file in traces:
            file.seek(0)
            directions = [line.split("\t", 1)[0] for line in file if line.strip()]
            counts.append(sum(1 for a, b in itertools.pairwise(directions) if (a, b) == ("F", "B")))
            file.close()
