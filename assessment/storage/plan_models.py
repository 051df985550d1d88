"""What leaders plan on an assessment's results: a target score per theme for the next
round, and the actions they take (FRAMEWORK.md "Targets and actions")."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..framework.actions import MAX_OWNER as MAX_ACTION_OWNER
from ..framework.actions import MAX_SUGGESTION_KEY
from ..framework.actions import MAX_TITLE as MAX_ACTION_TITLE
from ..framework.actions import STATUSES as ACTION_STATUSES
from .base import Base, timestamp


class Target(Base):
    """The score leaders aim for in a theme by the next round, in tenths (35 is 3.5:
    framework/targets.py), and who set it when."""

    __tablename__ = "target"
    __table_args__ = (
        UniqueConstraint("assessment_id", "theme_id"),
        CheckConstraint("tenths BETWEEN 10 AND 50", name="tenths"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    theme_id: Mapped[str] = mapped_column(String(100))
    tenths: Mapped[int] = mapped_column(SmallInteger)
    set_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    set_at: Mapped[datetime] = timestamp()


class PlannedAction(Base):
    """An action a council's leaders plan on an assessment's results (framework/actions.py
    holds its rules), perhaps accepted from a suggested step of the 90-day plan."""

    __tablename__ = "action"
    __table_args__ = (CheckConstraint(f"status IN {ACTION_STATUSES}", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[str | None] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(MAX_ACTION_TITLE))
    detail: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(MAX_ACTION_OWNER), default="")
    due: Mapped[date | None] = mapped_column(Date)
    measure: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    # Which suggested step it was accepted from (framework/actions.py suggestion_key).
    suggested_from: Mapped[str | None] = mapped_column(String(MAX_SUGGESTION_KEY))
    created_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class DroppedSuggestion(Base):
    """A suggested step leaders dropped: the action plan page no longer offers it."""

    __tablename__ = "dropped_suggestion"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    suggestion: Mapped[str] = mapped_column(String(MAX_SUGGESTION_KEY), primary_key=True)
    dropped_at: Mapped[datetime] = timestamp()
    dropped_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
