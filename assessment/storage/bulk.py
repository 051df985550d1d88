"""Many rows into one table in the session's transaction: what an import stores.

PostgreSQL takes them by COPY, through psycopg on the session's own connection
(so in the same transaction, rolled back with it): Core's executemany sends a
statement per row through psycopg, and a RETURNING clause (SQLAlchemy's
multi-row "insertmanyvalues") is slower still, each several times slower than
COPY (docs/performance.md has the figures). SQLite runs an executemany in its
own C loop, so it gets Core's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import psycopg
from sqlalchemy import Table, insert, text
from sqlalchemy.exc import IntegrityError

from .base import db


def insert_rows(table: Table, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Each row holds a value for each of `columns`, in that order."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        names = ", ".join(columns)
        statement = f"COPY {table.name} ({names}) FROM STDIN"
        cursor = connection.connection.driver_connection.cursor()
        try:
            with cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.IntegrityError as error:
            # As Core would raise it, so callers catch one exception on either database.
            raise IntegrityError(statement, None, error) from error
        return
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    if records:
        connection.execute(insert(table), records)


def insert_rows_with_ids(table: Table, columns: Sequence[str], rows: list[tuple]) -> list[int]:
    """insert_rows, for a table with an `id` of its own: the ids given, in the rows' order."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        ids = list(
            connection.scalars(
                text(
                    f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                    "FROM generate_series(1, :count)"
                ),
                {"count": len(rows)},
            )
        )
        insert_rows(
            table, ("id", *columns), [(id_, *row) for id_, row in zip(ids, rows, strict=True)]
        )
        return ids
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    returning = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(connection.scalars(returning, records))
