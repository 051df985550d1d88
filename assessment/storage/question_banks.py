"""The bank versions assessments have been made with, and each one's content as it
was first used (services/bank_versions.py decides what to do with them)."""

from __future__ import annotations

from sqlalchemy import inspect, select
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError

from .base import db
from .models import Assessment, QuestionBank


def is_ready() -> bool:
    """Whether the database can be reached and has the table of recorded versions: on a
    fresh installation, before `flask db upgrade`, or where `questions check` runs with
    no database, there is nothing to compare."""
    try:
        with db.engine.connect() as connection:
            return inspect(connection).has_table(QuestionBank.__tablename__)
    except (OperationalError, InterfaceError):
        return False


def recorded() -> dict[str, dict]:
    """Each recorded version's content, by version."""
    rows = db.session.execute(select(QuestionBank.version, QuestionBank.content))
    return {version: content for version, content in rows}


def versions_in_use() -> set[str]:
    """Every bank version an assessment has been made with."""
    return set(db.session.scalars(select(Assessment.bank_version).distinct()))


def record(version: str, content: dict) -> None:
    """Keep `content` as the version's, unless it has a record already (the first
    use's stays, even when another request records it at the same moment)."""
    if db.session.get(QuestionBank, version) is not None:
        return
    try:
        with db.session.begin_nested():
            db.session.add(QuestionBank(version=version, content=content))
    except IntegrityError:
        if db.session.get(QuestionBank, version) is None:
            raise
