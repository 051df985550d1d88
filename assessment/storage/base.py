"""What every storage module shares: the one declarative base (with a naming
convention so Alembic migrations stay stable), the clock, and the rules for ids."""

from datetime import UTC, datetime

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


def utcnow() -> datetime:
    return datetime.now(UTC)


def timestamp() -> Mapped[datetime]:
    """A column for when something happened, set when the row is made."""
    return mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)


MAX_ID = 2**31 - 1  # ids are PostgreSQL integers


def could_be_an_id(value: int) -> bool:
    # Ids are positive PostgreSQL integers; asking for a bigger one fails the
    # whole transaction (and SQLite overflows), so it is simply not found.
    return 0 < value <= MAX_ID


class Conflict(ValueError):
    """The change would break a rule (a slug or email already used, say)."""
