"""A lock and the statements that follow it, as one transaction in as few round trips
as the database allows.

An officer's save locks their response, reads what the theme held and writes the
answers: four statements that must run in that order. Sent one by one, each waits
for the one before to come back; on PostgreSQL that is a round trip to the server
(0.1 to 0.4 ms on a small shared machine) for each, plus BEGIN and COMMIT: over
half of a save's time there, as measured. psycopg's pipeline mode sends them all at
once and waits once: the server still runs them in order, each seeing what the one
before it did, so nothing about the transaction changes but the waiting.

The pipeline needs no BEGIN or COMMIT either. PostgreSQL runs everything sent before
a Sync message as one transaction, committed at the Sync, or rolled back whole if
any statement fails (the protocol's "Pipelining"; each statement still sees what
those before it committed, at READ COMMITTED). So the lock is sent in a form that
fails when it finds no row (the response was submitted meanwhile, say): the server
then skips what followed it and keeps nothing, with no second round trip to decide.

SQLite runs in-process, with nothing to wait for: there the statements run one by
one, and stop at a lock that found nothing.

The statements are SQLAlchemy Core, compiled once by SQLAlchemy for the driver; the
engine's before_cursor_execute listeners hear each one, as they would any other.

An officer's page reads one row of plain values, and first_row sends that read the
same way: straight to psycopg's cursor. SQLAlchemy's result (its metadata and row
processors, and psycopg's column descriptions it asks for) was half the read's CPU
time, measured in-process: 191-231 us a read through SQLAlchemy, 92-101 us direct.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import psycopg
from psycopg.pq import ExecStatus, TransactionStatus
from sqlalchemy import Connection, Integer, String, Update, case, cast, exc, func, literal_column
from sqlalchemy import select as select_
from sqlalchemy.sql import Executable

Parameters = Mapping[str, object]
IDLE = TransactionStatus.IDLE
TUPLES_OK = ExecStatus.TUPLES_OK


@dataclass(frozen=True)
class Step:
    """A statement, with one set of parameters or a list of them (one per row)."""

    statement: Executable
    parameters: Parameters | Sequence[Parameters]

    @property
    def many(self) -> bool:
        return not isinstance(self.parameters, Mapping)

    @property
    def rows(self) -> Sequence[Parameters]:
        return self.parameters if self.many else [self.parameters]


def after_lock(connection: Connection, lock: Step, steps: Sequence[Step]) -> list[list] | None:
    """Run `lock` (an UPDATE), then `steps` in the same transaction if it changed exactly
    one row. Returns each step's rows ([] for a write), or None when the lock found no
    row and nothing was kept. Pipelined (PostgreSQL, outside a transaction), it is
    committed here; otherwise it is part of the connection's transaction, for its commit."""
    if _can_pipeline(connection):
        refusing = Step(_refusing(lock.statement), lock.parameters)
        return _pipelined(connection, [_prepared(connection, step) for step in (refusing, *steps)])
    for step in (lock, *steps):  # refused here as a pipeline would refuse them
        _compiled(connection.dialect, step.statement, step.rows[0].keys())
    if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
        # Each statement would be its own transaction, and the lock would hold nothing.
        raise RuntimeError("a lock and what follows it need a transaction")
    if connection.execute(lock.statement, lock.parameters).rowcount != 1:
        return None
    results = [connection.execute(step.statement, step.parameters) for step in steps]
    return [list(result) if result.returns_rows else [] for result in results]


def _can_pipeline(connection: Connection) -> bool:
    # Outside a transaction (queries.read_without_a_transaction): a request's own
    # transaction stays whole, and is sent as it always was.
    if connection.dialect.driver != "psycopg":
        return False
    driver = connection.connection.driver_connection
    return driver.autocommit and driver.info.transaction_status == IDLE


# What PostgreSQL says, in its log too, when a pipelined lock finds no row.
NO_ROW_TO_LOCK = "the lock found no row, so nothing after it was kept: "


@functools.lru_cache(maxsize=64)
def _refusing(lock: Update):
    """The lock as a statement that fails unless it changed exactly one row: casting
    text to a number fails, and the text, naming the count, says why. (The count is
    known only as the statement runs, so the cast cannot be tried any sooner.)"""
    locked = lock.returning(literal_column("1")).cte("locked")
    changed = func.count()
    refusal = cast(literal_column(f"'{NO_ROW_TO_LOCK}'") + cast(changed, String), Integer)
    return select_(case((changed == 1, literal_column("1")), else_=refusal)).select_from(locked)


def _pipelined(connection: Connection, prepared: list[_Prepared]) -> list[list] | None:
    driver = connection.connection.driver_connection
    try:
        try:
            # Leaving the block sends the Sync and waits, once, for every result: one
            # transaction, committed at the Sync. (A sync inside it would wait twice.)
            with driver.pipeline():
                cursors = [_send(connection, driver, each) for each in prepared]
        except psycopg.errors.InvalidTextRepresentation as error:
            if NO_ROW_TO_LOCK not in str(error):
                raise
            _forget(connection)
            return None  # the server kept nothing
        return [_rows(cursor) for cursor in cursors[1:]]
    except psycopg.Error as error:
        broken = driver.broken
        _forget(connection)
        raise _as_sqlalchemy_would(error, broken) from error


def _forget(connection: Connection) -> None:
    # After a pipeline that stopped part way, psycopg may count as prepared a statement
    # whose preparing the server skipped, and the connection's next use of it fails
    # ("prepared statement does not exist"; psycopg 3.3.9, when the stopped run was the
    # one that prepares it). The pool closes this connection and makes a new one: a
    # stopped save is rare (a submitted response, a closed assessment, a failure).
    connection.invalidate()


def _rows(cursor) -> list:
    # The result's status says whether it holds rows: cursor.description would build
    # a description of every column, which nothing here reads. (An executemany keeps
    # no result at all.)
    result = cursor.pgresult
    return cursor.fetchall() if result is not None and result.status == TUPLES_OK else []


def first_row(connection: Connection, statement: Executable, parameters: Parameters):
    """The statement's first row, or None. On psycopg it is a tuple of the driver's own
    values, unprocessed by SQLAlchemy, so the statement must need no result processing
    (plain strings, numbers and times); other drivers go through SQLAlchemy."""
    if connection.dialect.driver != "psycopg":
        return connection.execute(statement, parameters).first()
    prepared = _prepared(connection, Step(statement, parameters))
    driver = connection.connection.driver_connection
    try:
        with _send(connection, driver, prepared) as cursor:
            return cursor.fetchone()
    except psycopg.Error as error:
        # A connection the error broke is not given back to the pool; inside a
        # transaction the caller's rollback ends it, as after any failure.
        broken = driver.broken
        if broken:
            connection.invalidate()
        raise _as_sqlalchemy_would(error, broken) from error


def _as_sqlalchemy_would(error: psycopg.Error, broken: bool) -> exc.DBAPIError:
    # As SQLAlchemy would have raised it, for the app's error handling.
    return exc.DBAPIError.instance(None, None, error, psycopg.Error, connection_invalidated=broken)


@dataclass(frozen=True)
class _Prepared:
    sql: str
    parameters: list[dict[str, object]]
    many: bool


def _prepared(connection: Connection, step: Step) -> _Prepared:
    compiled = _compiled(connection.dialect, step.statement, step.rows[0].keys())
    parameters = [compiled.construct_params(row) for row in step.rows]
    return _Prepared(str(compiled), parameters, step.many)


def _send(connection: Connection, driver, prepared: _Prepared):
    cursor = driver.cursor()
    parameters = prepared.parameters if prepared.many else prepared.parameters[0]
    connection.dispatch.before_cursor_execute(
        connection, cursor, prepared.sql, parameters, None, prepared.many
    )
    if prepared.many:
        cursor.executemany(prepared.sql, parameters)
    else:
        cursor.execute(prepared.sql, parameters)
    return cursor


def _compiled(dialect, statement: Executable, keys: Iterable[str]):
    return _compiled_once(dialect, statement, tuple(keys))


@functools.lru_cache(maxsize=256)
def _compiled_once(dialect, statement: Executable, keys: tuple[str, ...]):
    # The statements are built once (queries.py), so each is compiled once an engine.
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    missing = [column.name for column in (*compiled.insert_prefetch, *compiled.update_prefetch)]
    if missing:
        # SQLAlchemy fills Python-side defaults as it executes, which a pipeline
        # bypasses: refused on every database, so SQLite's tests catch it too.
        raise ValueError(f"give every column a value; these have none: {', '.join(missing)}")
    return compiled
