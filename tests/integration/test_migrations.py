"""The migrations build the whole schema from an empty database and take it all away
again, on SQLite and on PostgreSQL, and the schema they build is the models' schema."""

from __future__ import annotations

import json
import os

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from assessment import create_app
from assessment.storage.base import Base, db
from assessment.storage.database import engine_url

from ..conftest import TEST_SECRET_KEY, _cannot_run_postgresql, postgresql_url

TABLES = {
    "council",
    "user_account",
    "assessment",
    "response",
    "answer",
    "theme_entry",
    "headcount",
    "response_tally",
    "recovery_code",
    "reset_link",
    "results_snapshot",
    "question_bank",
    "target",
    "action",
    "dropped_suggestion",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    """The URL of a database with nothing in it, of its own (not the suite's)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    url = postgresql_url(request.getfixturevalue("postgresql_server"))
    schema = f"migrations_{os.getpid()}"
    engine = sa.create_engine(engine_url(url))
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    except sa.exc.OperationalError as error:
        _cannot_run_postgresql(f"cannot connect to {url}: {str(error).splitlines()[0]}")
    separator = "&" if "?" in url else "?"
    yield engine_url(f"{url}{separator}options=-csearch_path%3D{schema}")
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


@pytest.fixture
def app(empty_database):
    app = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SECRET_KEY": TEST_SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": empty_database,
        }
    )
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _tables() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names())


def _differences_from_the_models() -> list:
    with db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def _columns(table: str) -> set[str]:
    return {column["name"] for column in sa.inspect(db.engine).get_columns(table)}


def _recorded_revisions() -> list[str]:
    with db.engine.connect() as connection:
        return list(
            connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars()
        )


def test_upgrade_from_empty_builds_every_table_the_models_describe(app):
    assert _tables() == set()

    upgrade()

    assert _tables() == TABLES | {"alembic_version"}
    assert _differences_from_the_models() == []  # a model changed without a migration fails here


def test_downgrade_to_base_leaves_nothing_behind_and_upgrade_works_again(app):
    upgrade()

    downgrade(revision="base")

    assert _tables() <= {"alembic_version"}
    assert _recorded_revisions() == []

    upgrade()  # the round trip: nothing the downgrade left behind is in the way
    assert _tables() == TABLES | {"alembic_version"}


def test_each_migration_steps_down_one_at_a_time(app):
    upgrade()
    head = _recorded_revisions()

    downgrade(revision="-1")
    assert not {"action", "dropped_suggestion"} & _tables()
    assert "results_shared_on" in _columns("assessment")
    assert _recorded_revisions() != head

    downgrade(revision="-1")
    assert "results_shared_on" not in _columns("assessment")
    assert "staff_page_published_at" not in _columns("assessment")
    assert "target" in _tables()
    assert _recorded_revisions() != head

    downgrade(revision="-1")
    assert "target" not in _tables()
    assert "previous_assessment_id" in _columns("assessment")
    assert _recorded_revisions() != head

    downgrade(revision="-1")
    assert "previous_assessment_id" not in _columns("assessment")
    assert "question_bank" in _tables()
    assert _recorded_revisions() != head

    downgrade(revision="-1")
    assert "question_bank" not in _tables()
    assert "privacy_contact" in _columns("council")
    assert _recorded_revisions() != head

    downgrade(revision="-1")
    assert "privacy_contact" not in _columns("council")
    assert "moderation" in _columns("theme_entry")
    assert _recorded_revisions() != head

    downgrade(revision="-1")
    assert "moderation" not in _columns("theme_entry")
    assert "reset_link" in _tables()

    downgrade(revision="-1")
    assert "reset_link" not in _tables() and "recovery_code" not in _tables()
    assert "results_snapshot" in _tables()
    assert _recorded_revisions() != head

    downgrade(revision="-1")
    assert "results_snapshot" not in _tables()
    assert "response_tally" in _tables()

    downgrade(revision="-1")
    assert "response_tally" not in _tables()
    assert "headcount" in _tables()

    upgrade()
    assert _recorded_revisions() == head


def _snapshot_content() -> dict:
    with db.engine.connect() as connection:
        content = connection.execute(sa.text("SELECT content FROM results_snapshot")).scalar()
    return content if isinstance(content, dict) else json.loads(content)


def test_a_snapshot_made_before_moderation_names_the_entries_of_its_comments(app):
    """Comments in a snapshot of format 1 are bare text: 0006 finds each one's entry, so
    that a held or hidden comment is left out of the results after the upgrade too."""
    upgrade(revision="0005")
    now = "2026-12-01 09:00:00+00:00"
    statements = [
        "INSERT INTO council (id, slug, name, created_at) VALUES (1, 'east', 'East', :now)",
        "INSERT INTO assessment (id, council_id, title, status, anonymity_threshold,"
        " bank_version, invitation_token, created_at)"
        " VALUES (1, 1, 'East 2026', 'closed', 3, 'test.1', 'token', :now)",
        "INSERT INTO response (id, assessment_id, role_tier, service_area, source,"
        " started_at, updated_at, submitted_at)"
        " VALUES (1, 1, 'frontline', 'housing', 'web', :now, :now, :now),"
        " (2, 1, 'frontline', 'housing', 'web', :now, :now, :now),"
        " (3, 1, 'frontline', 'housing', 'web', :now, :now, NULL)",
        "INSERT INTO theme_entry (id, response_id, theme_id, comment, updated_at)"
        " VALUES (11, 1, 'culture', 'Same words', :now), (12, 2, 'culture', 'Same words', :now),"
        " (13, 2, 'technology', 'Ring 01632 960123', :now), (14, 3, 'culture', 'Unsent', :now)",
    ]
    old = {
        "format": 1,
        "comments": {"culture": ["Same words", "Same words"], "technology": ["Ring 01632 960123"]},
    }
    with db.engine.begin() as connection:
        for statement in statements:
            connection.execute(sa.text(statement), {"now": now})
        connection.execute(
            sa.text(
                "INSERT INTO results_snapshot (assessment_id, made_at, bank_version, submitted,"
                " content) VALUES (1, :now, 'test.1', 2, :content)"
            ),
            {"now": now, "content": json.dumps(old)},
        )

    upgrade()
    assert _snapshot_content() == {
        "format": 2,
        "comments": {
            "culture": [{"entry": 11, "text": "Same words"}, {"entry": 12, "text": "Same words"}],
            "technology": [{"entry": 13, "text": "Ring 01632 960123"}],
        },
    }

    with db.engine.begin() as connection:
        connection.execute(sa.text("UPDATE theme_entry SET moderation = 'held' WHERE id = 13"))
    downgrade(revision="0005")  # to before moderation, whatever migrations follow it
    # Back in format 1, which shows all it holds: the held comment is not in it.
    assert _snapshot_content() == {"format": 1, "comments": {"culture": ["Same words"] * 2}}


def test_migrating_leaves_the_database_enforcing_foreign_keys(app):
    """SQLite migrates with foreign keys off (a copied table's drop would otherwise
    delete the rows referring to it); the connections the app then uses have them on."""
    upgrade()
    downgrade(revision="0006")  # copies the council table on SQLite
    upgrade()
    with db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(sa.exc.IntegrityError):
            connection.execute(
                sa.text(
                    "INSERT INTO assessment (council_id, title, status, anonymity_threshold,"
                    " bank_version, invitation_token, created_at)"
                    " VALUES (999, 'Nobody''s', 'open', 3, 'test.1', 'token', '2026-12-01')"
                )
            )
