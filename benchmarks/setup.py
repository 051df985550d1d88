"""A throwaway installation with the demo data, for benchmarks to measure against."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from flask_migrate import upgrade

from assessment import create_app
from assessment.bank import current_bank
from assessment.demo import load_demo

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def demo_app(database_url: str | None = None):
    """An app on a fresh database holding the demo council (SQLite in a temp folder by default)."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "APP_ENV": "testing",
                "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-secret-key-0123456789abcdef"),
                "SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{folder}/bench.db",
                "REPORT_CACHE_DIR": f"{folder}/reports",
                "QUESTION_BANK_PATH": str(ROOT / "questions"),
                "SESSION_COOKIE_SECURE": False,
            }
        )
        with app.app_context():
            upgrade()
            load_demo(current_bank())
            from assessment.storage import queries

            queries.commit()
        yield app
