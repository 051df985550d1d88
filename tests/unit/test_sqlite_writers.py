"""SQLite writers take turns in the operating system's queue, not SQLite's sleeps."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from assessment.storage import sqlite_writers
from assessment.storage.sqlite_writers import QueuedWriterConnection


def _connect(path) -> QueuedWriterConnection:
    connection = sqlite3.connect(path, factory=QueuedWriterConnection, timeout=5)
    connection.execute("PRAGMA journal_mode=WAL")
    return connection


@pytest.fixture
def database(tmp_path):
    path = str(tmp_path / "queue.db")
    with _connect(path) as connection:
        connection.execute("CREATE TABLE saves (id INTEGER PRIMARY KEY, who TEXT)")
    return path


def test_a_second_writer_waits_for_the_first_to_commit_then_writes(database):
    first = _connect(database)
    first.execute("INSERT INTO saves (who) VALUES ('first')")  # first's turn, still open
    order = []

    def write_second():
        second = _connect(database)  # another worker, say
        second.execute("INSERT INTO saves (who) VALUES ('second')")
        order.append("second wrote")
        second.commit()

    waiting = threading.Thread(target=write_second)
    waiting.start()
    time.sleep(0.05)
    assert order == []  # queued, not failed and not through
    order.append("first committed")
    first.commit()
    waiting.join(timeout=5)
    assert order == ["first committed", "second wrote"]
    rows = first.execute("SELECT who FROM saves ORDER BY id").fetchall()
    assert rows == [("first",), ("second",)]


def test_readers_never_queue(database):
    writer, reader = _connect(database), _connect(database)
    writer.execute("INSERT INTO saves (who) VALUES ('open')")
    started = time.monotonic()
    assert reader.execute("SELECT count(*) FROM saves").fetchone() == (0,)
    assert time.monotonic() - started < 0.5
    writer.rollback()


@pytest.mark.parametrize("end", ["commit", "rollback", "close"])
def test_a_turn_ends_with_the_transaction(database, end):
    first, second = _connect(database), _connect(database)
    first.execute("UPDATE saves SET who = 'x'")
    getattr(first, end)()
    started = time.monotonic()
    second.execute("INSERT INTO saves (who) VALUES ('next')")
    second.commit()
    assert time.monotonic() - started < 0.5


def test_a_turn_never_given_up_is_waited_for_only_as_long_as_sqlite_would(database, monkeypatch):
    # One thread holding two connections' turns must not hang: after the wait, SQLite
    # itself answers (here: busy, as the first transaction still holds the database).
    monkeypatch.setattr(sqlite_writers, "WAIT_SECONDS", 0.1)
    first = _connect(database)
    second = sqlite3.connect(database, factory=QueuedWriterConnection, timeout=0.1)
    first.execute("INSERT INTO saves (who) VALUES ('held')")
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        second.execute("INSERT INTO saves (who) VALUES ('stuck')")
    first.rollback()


def test_memory_databases_do_not_queue():
    assert sqlite_writers.connect_args(":memory:") == {}
    assert sqlite_writers.connect_args("/srv/assessment.db") == {"factory": QueuedWriterConnection}


def test_the_turn_is_held_in_the_queue_file_from_first_write_to_commit(database):
    import fcntl

    def queue_is_free() -> bool:
        with open(f"{database}-writers", "a+b") as other:
            try:
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            fcntl.flock(other, fcntl.LOCK_UN)
            return True

    writer = _connect(database)
    writer.execute("SELECT count(*) FROM saves").fetchone()
    assert queue_is_free()  # reading takes no turn
    writer.execute("INSERT INTO saves (who) VALUES ('me')")
    assert not queue_is_free()
    writer.commit()
    assert queue_is_free()


def test_the_apps_sqlite_connections_queue_their_writes_and_keep_their_settings(tmp_path):
    from assessment import create_app
    from assessment.storage.base import db

    from ..conftest import TEST_SECRET_KEY, TWO_THEMES

    app = create_app(
        {
            "APP_ENV": "testing",
            "SECRET_KEY": TEST_SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'app.db'}",
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
        db.engine.dispose()
