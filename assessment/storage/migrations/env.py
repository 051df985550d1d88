"""Alembic's environment: runs migrations on the app's own engine (DATABASE_URL)."""

import logging
from contextlib import contextmanager
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name:
    # Keep the app's loggers working when migrations run inside it (tests, the CLI).
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

database = current_app.extensions["migrate"].db
target_metadata = database.metadata
config.set_main_option(
    "sqlalchemy.url", database.engine.url.render_as_string(hide_password=False).replace("%", "%%")
)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    def skip_empty_autogenerate(context_, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    with database.engine.connect() as connection, _foreign_keys_off_on_sqlite(connection):
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            process_revision_directives=skip_empty_autogenerate,
            # Flask-Migrate passes render_as_batch=True: SQLite cannot ALTER most
            # things, so batch mode copies the table instead.
            **current_app.extensions["migrate"].configure_args,
        )
        with context.begin_transaction():
            context.run_migrations()


@contextmanager
def _foreign_keys_off_on_sqlite(connection):
    """SQLite can't ALTER most things, so batch mode copies a table and drops the old
    one; with foreign keys on (storage/database.py), dropping `council` would cascade
    to every assessment and answer. Off while migrating, as SQLite's own documentation
    advises for such changes, and on again for the pool's next user."""
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()  # a PRAGMA on foreign keys is ignored inside a transaction
    try:
        yield
    finally:
        connection.rollback()  # whatever a failed migration left open
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
