"""What the command-line tests share: a council and an assessment to work on,
an app of their own for a different question bank, and the error contract."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask_migrate import upgrade

from assessment import create_app
from assessment.storage.base import db

from ..conftest import TEST_SECRET_KEY

REAL_BANK = Path(__file__).resolve().parents[2] / "questions"


def assert_one_line_error(result, *fragments: str, exit_code: int = 1) -> None:
    """FRAMEWORK.md: one line on stderr saying what is wrong and where."""
    assert result.exit_code == exit_code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture
def council(runner) -> str:
    result = runner.invoke(args=["councils", "create", "--slug", "testshire", "--name", "Test"])
    assert result.exit_code == 0, result.output
    return "testshire"


@pytest.fixture
def make_assessment(runner, council):
    """Create an assessment through the command line and return its id as a string."""

    def make(threshold: int = 5, title: str = "Survey 2026") -> str:
        result = runner.invoke(
            args=[
                "assessments",
                "create",
                "--council",
                council,
                "--title",
                title,
                "--anonymity-threshold",
                str(threshold),
            ]
        )
        assert result.exit_code == 0, result.output
        return result.stdout.strip()

    return make


@pytest.fixture
def standalone_app(tmp_path):
    """An app on its own fresh SQLite database, for a bank other than the tiny test one."""
    made = []

    def make(bank_path: Path, *, migrate: bool = True):
        app = create_app(
            {
                "APP_ENV": "testing",
                "TESTING": True,
                "SECRET_KEY": TEST_SECRET_KEY,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / f'app{len(made)}.db'}",
                "QUESTION_BANK_PATH": str(bank_path),
                "BASE_URL": "http://localhost",
            }
        )
        if migrate:
            with app.app_context():
                upgrade()
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()
