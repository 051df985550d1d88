"""An operator prepares an empty database with `db upgrade`."""

import sqlalchemy as sa

from assessment.storage.base import db

from .conftest import REAL_BANK


def tables(app) -> set[str]:
    with app.app_context():
        return set(sa.inspect(db.engine).get_table_names())


def test_db_upgrade_creates_the_tables_of_a_fresh_database(standalone_app):
    app = standalone_app(REAL_BANK, migrate=False)
    assert tables(app) == set()
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert {"council", "user_account", "assessment", "response", "answer"} <= tables(app)


def test_db_upgrade_on_an_up_to_date_database_changes_nothing(standalone_app):
    app = standalone_app(REAL_BANK)
    before = tables(app)
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert tables(app) == before
