"""The tables. Answers are one row per response and question, so a save is an upsert
of exactly the questions on the page and nothing else an officer said is touched."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..framework.moderation import STATES as MODERATION_STATES
from ..framework.scoring import DEFAULT_THRESHOLD, MIN_THRESHOLD
from .base import Base, timestamp

if TYPE_CHECKING:
    from .plan_models import Target

ASSESSMENT_STATUSES = ("draft", "open", "closed")
USER_ROLES = ("leader", "admin")
DEFAULT_ANONYMITY_THRESHOLD = DEFAULT_THRESHOLD
MIN_ANONYMITY_THRESHOLD = MIN_THRESHOLD


class Council(Base):
    __tablename__ = "council"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = timestamp()
    # For the officers' privacy notice: who the data controller is and how to reach its
    # data protection officer, as the council's administrator wrote them. None until set;
    # the notice then has wording of its own (the council's name as the controller).
    privacy_controller: Mapped[str | None] = mapped_column(Text)
    privacy_contact: Mapped[str | None] = mapped_column(Text)

    assessments: Mapped[list[Assessment]] = relationship(
        back_populates="council", cascade="all, delete-orphan", passive_deletes=True
    )
    users: Mapped[list[User]] = relationship(
        back_populates="council", cascade="all, delete-orphan", passive_deletes=True
    )


class User(UserMixin, Base):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint(f"role IN {USER_ROLES}", name="role"),
        CheckConstraint("role = 'admin' OR council_id IS NOT NULL", name="leader_has_council"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10))
    council_id: Mapped[int | None] = mapped_column(
        ForeignKey("council.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = timestamp()
    # Part of every session's user id (get_id): raising it ends every session of the
    # account at once, wherever its cookie has been copied to.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The TOTP secret, kept as it is given (base32): checking a code needs the secret.
    mfa_secret: Mapped[str | None] = mapped_column(String(64))
    # The time step of the last security code accepted: a code is good once only (RFC
    # 6238, 5.2), so one read over a shoulder or from a phishing page can't be replayed.
    mfa_last_step: Mapped[int | None] = mapped_column(BigInteger)

    council: Mapped[Council | None] = relationship(back_populates="users")
    recovery_codes: Mapped[list[RecoveryCode]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    reset_links: Mapped[list[ResetLink]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_disabled(self) -> bool:
        return self.disabled_at is not None

    @property
    def has_mfa(self) -> bool:
        return self.mfa_secret is not None

    def get_id(self) -> str:
        # Flask-Login's "alternative tokens": the session holds the generation too, so
        # a session from before a sign-out or password change no longer loads a user.
        return f"{self.id}:{self.session_generation}"

    def can_see(self, council_id: int) -> bool:
        return self.is_admin or self.council_id == council_id


class RecoveryCode(Base):
    """A one-time code to sign in with when the authenticator is lost; SHA-256 only."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ResetLink(Base):
    """A one-time link to set a new password, given by an administrator; SHA-256 only."""

    __tablename__ = "reset_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = timestamp()
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(back_populates="reset_links")


class Assessment(Base):
    __tablename__ = "assessment"
    __table_args__ = (
        CheckConstraint(f"status IN {ASSESSMENT_STATUSES}", name="status"),
        CheckConstraint(
            f"anonymity_threshold >= {MIN_ANONYMITY_THRESHOLD}", name="anonymity_threshold"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(
        ForeignKey("council.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default="open")
    anonymity_threshold: Mapped[int] = mapped_column(Integer, default=DEFAULT_ANONYMITY_THRESHOLD)
    bank_version: Mapped[str] = mapped_column(String(40))
    invitation_token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = timestamp()
    # The council's round before this one, to compare with (FRAMEWORK.md "Rounds and
    # change"); a deleted round leaves the next one without a previous.
    previous_assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessment.id", ondelete="SET NULL"), index=True
    )
    # The date leaders promise officers the results by: the confirmation page and the
    # invitation link (once closed, until the staff page is published) say it.
    results_shared_on: Mapped[date | None] = mapped_column(Date)
    # The "you said, we're doing" page officers reach from the invitation link: shown
    # only while published (services/staff_page.py); reopening unpublishes it, so it
    # never shows a snapshot its leader has not previewed.
    staff_page_published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    staff_page_published_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    council: Mapped[Council] = relationship(back_populates="assessments")
    responses: Mapped[list[Response]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", passive_deletes=True
    )
    headcounts: Mapped[list[Headcount]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    targets: Mapped[list[Target]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class Response(Base):
    """One officer's answers to one assessment. Nothing here says who the officer is."""

    __tablename__ = "response"
    __table_args__ = (
        UniqueConstraint("assessment_id", "respondent_ref"),
        UniqueConstraint("assessment_id", "resume_code_hash"),
        CheckConstraint("source IN ('web', 'import')", name="source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    role_tier: Mapped[str] = mapped_column(String(40))
    service_area: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(10), default="web")
    # The respondent column of an imported CSV, kept so a file imported twice is refused.
    respondent_ref: Mapped[str | None] = mapped_column(String(200))
    # Secrets to resume are stored only as SHA-256 hashes.
    resume_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    resume_code_hash: Mapped[str | None] = mapped_column(String(64))
    started_at: Mapped[datetime] = timestamp()
    updated_at: Mapped[datetime] = timestamp()
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)

    assessment: Mapped[Assessment] = relationship(back_populates="responses")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )
    theme_entries: Mapped[list[ThemeEntry]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


class Answer(Base):
    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("response_id", "question_id"),
        CheckConstraint(
            "(dont_know AND level IS NULL) OR (NOT dont_know AND level BETWEEN 1 AND 5)",
            name="level_or_dont_know",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(100))
    level: Mapped[int | None] = mapped_column(SmallInteger)
    dont_know: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = timestamp()

    response: Mapped[Response] = relationship(back_populates="answers")


class ThemeEntry(Base):
    """What a response holds for a theme beyond its answers: the optional comment,
    and when the officer last left its page with "Save and continue". That is a
    record only: a section's status comes from its answers (framework/sections.py).

    The comment's moderation (framework/moderation.py): None until it is checked,
    then held, released or hidden. A hidden comment keeps its text, for a request
    under data rights; the reason and who decided stay with it."""

    __tablename__ = "theme_entry"
    __table_args__ = (
        UniqueConstraint("response_id", "theme_id"),
        CheckConstraint(f"moderation IN {MODERATION_STATES}", name="moderation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"))
    theme_id: Mapped[str] = mapped_column(String(60))
    comment: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = timestamp()
    moderation: Mapped[str | None] = mapped_column(String(10))
    moderation_reason: Mapped[str | None] = mapped_column(Text)
    moderated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    moderated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    response: Mapped[Response] = relationship(back_populates="theme_entries")


class Headcount(Base):
    """How many people a group has, as a leader entered it, for response rates."""

    __tablename__ = "headcount"
    __table_args__ = (
        UniqueConstraint("assessment_id", "group_type", "group_id"),
        CheckConstraint("group_type IN ('council', 'role', 'service_area')", name="group_type"),
        CheckConstraint("people > 0", name="people"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    group_type: Mapped[str] = mapped_column(String(20))
    group_id: Mapped[str] = mapped_column(String(40))
    people: Mapped[int] = mapped_column(Integer)


class ResponseTally(Base):
    """A submitted response's tally of one theme, as the scoring core made it
    (framework/tally.py), under the bank version it was scored with.

    Submitted answers never change, so each response is scored once, when it is
    submitted or imported; results then add up seven rows a person instead of
    every answer (docs/performance.md)."""

    __tablename__ = "response_tally"

    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    bank_version: Mapped[str] = mapped_column(String(50))
    scored: Mapped[int] = mapped_column(SmallInteger)  # 1 when the theme has a score
    score: Mapped[int] = mapped_column(BigInteger)  # score x 2**52, 0 without one
    level_answers: Mapped[int] = mapped_column(Integer)
    dont_knows: Mapped[int] = mapped_column(Integer)


class ResultsSnapshot(Base):
    """What leaders see of an assessment's results, made when it closed
    (framework/snapshot.py holds what `content` is). One an assessment: a later
    close replaces it only when k or more people have answered since.

    The columns repeat the content's counts and times, so an operator can read
    them in SQL; `content` is the one every page reads."""

    __tablename__ = "results_snapshot"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    made_at: Mapped[datetime] = timestamp()
    results_as_of: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    bank_version: Mapped[str] = mapped_column(String(50))
    submitted: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict] = mapped_column(JSON)


class QuestionBank(Base):
    """A bank version's content (the `questions export` JSON) as it was when the first
    assessment was made with it. Assessments are scored with their version forever, so
    a version's words and weights must never change under them: services/bank_versions.py
    refuses an installed version that differs from its record."""

    __tablename__ = "question_bank"

    version: Mapped[str] = mapped_column(String(50), primary_key=True)
    content: Mapped[dict] = mapped_column(JSON)
    first_used_at: Mapped[datetime] = timestamp()


# Imported last, so that Assessment.targets finds Target whenever the models are used.
from . import plan_models  # noqa: E402, F401
