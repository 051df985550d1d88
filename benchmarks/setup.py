"""Throwaway installations with the demo data, for benchmarks to measure against."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from assessment import create_app
from assessment.bank import shelf
from assessment.demo import load_demo
from assessment.storage.database import commit

ROOT = Path(__file__).resolve().parent.parent
SECRET = "benchmark-secret-key-0123456789abcdef-xyz"
KINDS = ("sqlite", "postgresql")


@contextmanager
def database(kind: str):
    """An empty database URL: SQLite in a temp folder, or a fresh PostgreSQL schema."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    base = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    base = base.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"bench_{os.getpid()}"
    engine = sa.create_engine(base)
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()


def settings(url: str) -> dict[str, str]:
    """Environment for a gunicorn serving this database (development: plain http)."""
    return {
        "APP_ENV": "development",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": url,
        "QUESTION_BANK_PATH": str(ROOT / "questions"),
    }


def app_for(url: str, report_cache: str | None = None):
    return create_app(
        {
            "APP_ENV": "testing",
            "SECRET_KEY": SECRET,
            "SQLALCHEMY_DATABASE_URI": url,
            "REPORT_CACHE_DIR": report_cache or tempfile.mkdtemp(),
            "QUESTION_BANK_PATH": str(ROOT / "questions"),
            "SESSION_COOKIE_SECURE": False,
        }
    )


@contextmanager
def demo_app(kind: str = "sqlite"):
    """An app on a fresh database holding the demo council."""
    with database(kind) as url:
        app = app_for(url)
        with app.app_context():
            upgrade()
            load_demo(shelf())
            commit()
        yield app
