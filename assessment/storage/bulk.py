"""Many rows into one table in the session's transaction: what an import stores.

Core's executemany, the same on every database: one way to store rows, so an
import behaves alike on SQLite and PostgreSQL. PostgreSQL's COPY stores rows
about five times faster, but only by going past SQLAlchemy to the driver, a
second path for one database outside the storage module where the databases may differ
(ADR 0006); docs/performance.md has the figures and what the import costs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Table, insert

from .base import db


def insert_rows(table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Each row holds a value for each of `columns`, in that order."""
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    if records:
        db.session.connection().execute(insert(table), records)


def insert_rows_with_ids(table: Table, columns: Sequence[str], rows: list[tuple]) -> list[int]:
    """insert_rows, for a table with an `id` of its own: the ids given, in the rows' order."""
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    returning = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(db.session.connection().scalars(returning, records))
