"""Fixtures shared by every layer of tests.

Database tests run twice: on SQLite, and on PostgreSQL. PostgreSQL is the one
TEST_DATABASE_URL names (CI always names one), else a throwaway cluster made for
the run where the server binaries are installed (tests/postgresql_cluster.py);
with neither, the PostgreSQL tests skip and say why (in CI they fail).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from assessment import create_app
from assessment.storage.base import Base, db
from assessment.storage.database import engine_url
from assessment.web import throttle

from . import postgresql_cluster
from .page_checks import CheckedClient

FIXTURES = Path(__file__).parent / "fixtures"
TWO_THEMES = FIXTURES / "questions" / "two_themes"
TEST_SECRET_KEY = "test-secret-key-0123456789abcdef-0123456789"


@dataclass(frozen=True)
class PostgreSQLServer:
    url: str | None  # None: there is none, for the reason in missing
    missing: str = ""


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgreSQLServer]:
    """PostgreSQL for this run: TEST_DATABASE_URL's, else a throwaway cluster's."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url or os.environ.get("CI"):  # CI tests the server it names, never one of ours
        yield PostgreSQLServer(url, "" if url else "TEST_DATABASE_URL is not set")
        return
    binaries = postgresql_cluster.server_binaries()
    if binaries is None:
        yield PostgreSQLServer(
            None,
            "no TEST_DATABASE_URL and no PostgreSQL server binaries to start one"
            " (apt-get install postgresql, or set TEST_DATABASE_URL,"
            " e.g. postgresql://postgres@127.0.0.1:5432/test)",
        )
        return
    try:
        cluster = postgresql_cluster.start(binaries)
    except postgresql_cluster.ClusterUnavailable as error:
        yield PostgreSQLServer(None, f"cannot start a throwaway cluster from {binaries}: {error}")
        return
    try:
        yield PostgreSQLServer(cluster.url)
    finally:
        cluster.stop()


def postgresql_url(server: PostgreSQLServer) -> str:
    """The server's URL, or the run skips (fails in CI) saying why there is none."""
    if server.url is None:
        _cannot_run_postgresql(server.missing)
    return server.url


def pytest_collection_modifyitems(items):
    # `pytest -m postgresql` picks out every test run against PostgreSQL.
    for item in items:
        params = getattr(item, "callspec", None)
        if params and "postgresql" in params.params.values():
            item.add_marker(pytest.mark.postgresql)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    url = postgresql_url(request.getfixturevalue("postgresql_server"))
    # A schema of our own, so two test runs on one server never trip over each other.
    schema = f"test_{os.getpid()}"
    try:
        engine = sa.create_engine(engine_url(url))
        with engine.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    except sa.exc.OperationalError as error:
        _cannot_run_postgresql(f"cannot connect to {url}: {str(error).splitlines()[0]}")
    separator = "&" if "?" in url else "?"
    yield f"{url}{separator}options=-csearch_path%3D{schema}"
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def _cannot_run_postgresql(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the PostgreSQL tests, but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture(scope="session")
def app(database_url):
    app = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SECRET_KEY": TEST_SECRET_KEY,
            "SESSION_COOKIE_SECURE": False,
            "SQLALCHEMY_DATABASE_URI": engine_url(database_url),
            "QUESTION_BANK_PATH": str(TWO_THEMES),
            "BASE_URL": "http://localhost",
            # Reports are prepared in-process; tests/integration/test_report_jobs_redis.py
            # makes an app of its own on Redis.
            "REDIS_URL": None,
        }
    )
    with app.app_context():
        upgrade()  # the migrations, not create_all: the schema tested is the one deployed
    yield app
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture
def clean_database(app):
    """Each test starts from empty tables and leaves them empty."""
    yield
    throttle.forget_everything(app)  # counts of failed sign-ins belong to the test that made them
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def app_context(app, clean_database):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app, clean_database) -> CheckedClient:
    # No app context is held around requests, so each request gets its own
    # database session, as it does in production.
    app.test_client_class = CheckedClient
    return app.test_client()


@pytest.fixture
def runner(app, app_context):
    return app.test_cli_runner(mix_stderr=False) if _click_mixes_stderr() else app.test_cli_runner()


def _click_mixes_stderr() -> bool:
    import inspect

    from click.testing import CliRunner

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


@pytest.fixture
def open_assessment(app, clean_database) -> str:
    """An open assessment of a test council, anonymity threshold 3; its invitation token."""
    from assessment.storage import assessments, councils, database

    with app.app_context():
        council = councils.create_council("testshire", "Testshire Council")
        assessment = assessments.create_assessment(council, "Test assessment", 3, "test.1")
        database.commit()
        return assessment.invitation_token
