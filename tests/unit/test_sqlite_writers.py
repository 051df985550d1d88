"""SQLite writers take turns in the operating system's queue, not SQLite's sleeps.

Without the queue SQLite's busy handler also makes a second writer wait, so a test
that only sees both writes land proves nothing. These tests watch the queue itself:
its file is locked while a writer has the turn, and a writer whose SQLite busy
timeout is zero (SQLite alone would refuse it at once) is seen waiting in the queue.
"""

from __future__ import annotations

import fcntl
import sqlite3
import threading

import pytest

from assessment.storage import sqlite_writers
from assessment.storage.sqlite_writers import QueuedWriterConnection


def _connect(path, factory=QueuedWriterConnection, timeout=5.0) -> QueuedWriterConnection:
    # check_same_thread off: a test hands a connection to the thread that plays a worker
    connection = sqlite3.connect(path, factory=factory, timeout=timeout, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    return connection


def _turn_is_free(database) -> bool:
    """Whether another process could take the turn now (the queue file is unlocked)."""
    with open(f"{database}-writers", "a+b") as other:
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(other, fcntl.LOCK_UN)
        return True


class _Watched(QueuedWriterConnection):
    """A connection that counts the times it found the turn taken."""

    waits = 0
    first_wait: threading.Event

    def waiting(self) -> None:
        self.waits += 1
        self.first_wait.set()
        super().waiting()


def _watched(database, timeout: float = 0.0) -> _Watched:
    # timeout 0 turns SQLite's own busy handler off: only the queue can make it wait.
    connection = _connect(database, factory=_Watched, timeout=timeout)
    connection.first_wait = threading.Event()
    return connection


class _MustNotWait(QueuedWriterConnection):
    def waiting(self) -> None:
        raise AssertionError("this connection was made to wait for a writer's turn")


@pytest.fixture
def database(tmp_path):
    path = str(tmp_path / "queue.db")
    with _connect(path) as connection:
        connection.execute("CREATE TABLE saves (id INTEGER PRIMARY KEY, who TEXT)")
    return path


def test_a_second_writer_waits_in_the_queue_for_the_first_to_commit_then_writes(database):
    first, second = _connect(database), _watched(database)  # second: another worker, say
    first.execute("INSERT INTO saves (who) VALUES ('first')")  # first's turn, still open
    story: list[str] = []
    failed: list[BaseException] = []

    def write_second():
        try:
            second.execute("INSERT INTO saves (who) VALUES ('second')")
            story.append("second wrote")
            second.commit()
        except BaseException as error:  # shown by the test, not lost in the thread
            failed.append(error)
            second.first_wait.set()

    writing = threading.Thread(target=write_second)
    writing.start()
    second.first_wait.wait(timeout=5)
    assert failed == [], "without the queue SQLite refuses the second writer at once"
    assert second.waits > 0 and story == []  # queued: not failed and not through
    story.append("first committed")
    first.commit()
    writing.join(timeout=5)
    assert failed == []
    assert story == ["first committed", "second wrote"]
    rows = first.execute("SELECT who FROM saves ORDER BY id").fetchall()
    assert rows == [("first",), ("second",)]


def test_readers_never_queue(database):
    writer, reader = _connect(database), _connect(database, factory=_MustNotWait, timeout=0)
    writer.execute("INSERT INTO saves (who) VALUES ('open')")
    assert not _turn_is_free(database)  # the writer has the turn...
    # ...and a reader neither waits for it nor takes it (write-ahead logging)
    assert reader.execute("SELECT count(*) FROM saves").fetchone() == (0,)
    writer.rollback()
    assert _turn_is_free(database)


@pytest.mark.parametrize("end", ["commit", "rollback", "close"])
def test_a_turn_ends_with_the_transaction(database, end):
    first = _connect(database)
    first.execute("UPDATE saves SET who = 'x'")
    assert not _turn_is_free(database)
    getattr(first, end)()
    assert _turn_is_free(database)
    second = _connect(database, factory=_MustNotWait, timeout=0)
    second.execute("INSERT INTO saves (who) VALUES ('next')")
    second.commit()
    assert second.execute("SELECT who FROM saves").fetchall() == [("next",)]


def test_a_turn_never_given_up_is_waited_for_only_as_long_as_sqlite_would(database, monkeypatch):
    # One thread holding two connections' turns must not hang: after the wait, SQLite
    # itself answers (here: busy, as the first transaction still holds the database).
    monkeypatch.setattr(sqlite_writers, "WAIT_SECONDS", 0.1)
    first = _connect(database)
    second = _watched(database, timeout=0.1)
    first.execute("INSERT INTO saves (who) VALUES ('held')")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        second.execute("INSERT INTO saves (who) VALUES ('stuck')")
    assert second.waits > 0  # it queued first, then gave up
    first.rollback()
    assert _turn_is_free(database)


def test_memory_databases_do_not_queue():
    assert sqlite_writers.connect_args(":memory:") == {}
    assert sqlite_writers.connect_args("/srv/assessment.db") == {"factory": QueuedWriterConnection}


def test_the_turn_is_held_in_the_queue_file_from_first_write_to_commit(database):
    writer = _connect(database)
    writer.execute("SELECT count(*) FROM saves").fetchone()
    assert _turn_is_free(database)  # reading takes no turn
    writer.execute("INSERT INTO saves (who) VALUES ('me')")
    assert not _turn_is_free(database)
    writer.execute("INSERT INTO saves (who) VALUES ('me again')")  # still its turn
    writer.commit()
    assert _turn_is_free(database)


def test_the_apps_sqlite_connections_queue_their_writes_and_keep_their_settings(tmp_path):
    from sqlalchemy import text

    from assessment import create_app
    from assessment.storage.base import db

    from ..conftest import TEST_SECRET_KEY, TWO_THEMES

    path = tmp_path / "app.db"
    app = create_app(
        {
            "APP_ENV": "testing",
            "SECRET_KEY": TEST_SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
            "QUESTION_BANK_PATH": str(TWO_THEMES),
        }
    )
    with app.app_context():
        pooled = db.engine.raw_connection()
        connection = pooled.dbapi_connection
        assert isinstance(connection, QueuedWriterConnection)
        # and it is still set up as every SQLite connection of ours is
        assert connection.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        pooled.close()
        with db.engine.begin() as setup:
            setup.execute(text("CREATE TABLE saves (who TEXT)"))
        # a write through SQLAlchemy takes the turn until its transaction ends
        with db.engine.connect() as app_connection:
            app_connection.execute(text("INSERT INTO saves VALUES ('app')"))
            assert not _turn_is_free(path)
            app_connection.commit()
            assert _turn_is_free(path)
            app_connection.execute(text("DELETE FROM saves"))
            assert not _turn_is_free(path)
        assert _turn_is_free(path)  # given back to the pool: rolled back, turn ended
        # as an officer's refused save does (storage/officer_pages.py): one transaction,
        # its first write takes the turn, its rollback gives it back
        with db.engine.connect() as app_connection, app_connection.begin() as save:
            app_connection.execute(text("UPDATE saves SET who = 'refused'"))
            assert not _turn_is_free(path)
            save.rollback()
            assert _turn_is_free(path)
        db.engine.dispose()
