"""Counting the SQL statements a request sends, to keep pages from growing queries."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from assessment.storage.base import db


@contextmanager
def counting_queries(app):
    """Yields the list of statements sent to the app's database inside the block."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
