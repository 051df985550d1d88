"""An operator starts the server (`gunicorn assessment.wsgi:app`): every bank is checked
before the first request, and a current bank too long to read stops it, naming the file."""

from __future__ import annotations

import runpy
import shutil

import pytest

from assessment.framework.loader import BankError

from ..conftest import FIXTURES, TEST_SECRET_KEY, TWO_THEMES

TOO_LONG = FIXTURES / "questions" / "too_long"


@pytest.fixture
def start_the_server(monkeypatch, tmp_path):
    """Run assessment/wsgi.py afresh, as gunicorn does, with the bank at `bank_path`."""

    def start(bank_path):
        monkeypatch.setenv("APP_ENV", "testing")
        monkeypatch.setenv("SECRET_KEY", TEST_SECRET_KEY)
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'server.db'}")
        monkeypatch.setenv("QUESTION_BANK_PATH", str(bank_path))
        return runpy.run_module("assessment.wsgi")["app"]

    return start


def test_the_server_starts_with_a_bank_that_reads_in_time(start_the_server):
    app = start_the_server(TWO_THEMES)
    assert app.config["QUESTION_BANK_PATH"] == str(TWO_THEMES)


def test_the_server_refuses_a_current_bank_too_long_to_read(start_the_server):
    with pytest.raises(BankError) as refused:
        start_the_server(TOO_LONG)
    message = str(refused.value)
    assert message.startswith(f"{TOO_LONG / 'themes' / 'technology.yaml'}: question ")
    assert "over the limit of 15" in message


def test_the_server_starts_when_only_an_older_bank_is_too_long(start_the_server, tmp_path):
    shelf = tmp_path / "questions"
    shutil.copytree(TOO_LONG, shelf / "test.0")
    older = shelf / "test.0" / "bank.yaml"
    older.write_text(older.read_text(encoding="utf-8").replace('"test.2"', '"test.0"'), "utf-8")
    shutil.copytree(TWO_THEMES, shelf / "test.1")
    assert start_the_server(shelf).config["QUESTION_BANK_PATH"] == str(shelf)
