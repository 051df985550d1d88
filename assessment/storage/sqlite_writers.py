"""SQLite writers take turns in a queue the operating system keeps.

SQLite lets one connection write at a time. A second writer is told "busy", and
SQLite's busy handler sleeps 1, 2, 5, 10... ms before it tries again, although a
save holds the lock for a few tenths of a millisecond. With two gunicorn workers
saving at once, a save spent a fifth of its time asleep. So a connection takes
an exclusive lock on a file beside the database before its first write, and
lets it go when its transaction ends: the kernel wakes the next writer the
moment the lock is free. Readers never queue (write-ahead logging lets them
read while one writes).

If the lock cannot be had within the busy timeout (a writer elsewhere stuck, or
this thread holding another connection's turn), the write goes ahead and SQLite
decides, as it did before. Without fcntl (Windows), nothing queues.
"""

from __future__ import annotations

import re
import sqlite3
import time

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

# How long a writer waits for its turn; SQLite's own busy_timeout is the same
# (storage/database.py sets it from this).
WAIT_SECONDS = 5.0
_POLL_SECONDS = 0.0001
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def connect_args(database_path: str) -> dict[str, object]:
    """What to pass to sqlite3.connect so this database's writers take turns."""
    if fcntl is None or database_path in ("", ":memory:"):
        return {}
    return {"factory": QueuedWriterConnection}


class QueuedWriterConnection(sqlite3.Connection):
    """A sqlite3 connection that queues for its turn before its first write."""

    def __init__(self, database, *args, **kwargs) -> None:
        super().__init__(database, *args, **kwargs)
        self._turn = open(f"{database}-writers", "a+b")  # noqa: SIM115 - closed in close()
        self._writing = False

    def cursor(self, factory=None):
        return super().cursor(factory or _QueuedCursor)

    # sqlite3's own shortcuts make their cursor in C, past cursor() above.
    def execute(self, sql, parameters=(), /):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, seq_of_parameters, /):
        return self.cursor().executemany(sql, seq_of_parameters)

    def wait_for_turn(self) -> None:
        if self._writing:
            return
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                fcntl.flock(self._turn, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return  # SQLite's busy handling decides, as without the queue
                self.waiting()
            else:
                self._writing = True
                return

    def waiting(self) -> None:
        """Another connection has the turn: pause before asking again. Its own method so
        a test can see a writer queue, which a finished write cannot show."""
        time.sleep(_POLL_SECONDS)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._end_turn()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._end_turn()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._end_turn()
            self._turn.close()

    def _end_turn(self) -> None:
        if self._writing:
            fcntl.flock(self._turn, fcntl.LOCK_UN)
            self._writing = False


class _QueuedCursor(sqlite3.Cursor):
    def execute(self, sql, parameters=(), /):
        if _WRITES.match(sql):
            self.connection.wait_for_turn()
        return super().execute(sql, parameters)

    def executemany(self, sql, seq_of_parameters, /):
        if _WRITES.match(sql):
            self.connection.wait_for_turn()
        return super().executemany(sql, seq_of_parameters)
