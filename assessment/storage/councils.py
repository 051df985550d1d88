"""Councils: made by an administrator, found by slug or id, and what their officers'
privacy notice says about them. Their leaders' accounts are storage/accounts.py's."""

from __future__ import annotations

from sqlalchemy import select

from .base import Conflict, could_be_an_id, db
from .models import Council


def create_council(slug: str, name: str) -> Council:
    if council_by_slug(slug) is not None:
        raise Conflict(f"a council with the slug {slug!r} already exists")
    council = Council(slug=slug, name=name)
    db.session.add(council)
    db.session.flush()
    return council


def all_councils() -> list[Council]:
    return list(db.session.scalars(select(Council).order_by(Council.name)))


def council_by_id(council_id: int) -> Council | None:
    return db.session.get(Council, council_id) if could_be_an_id(council_id) else None


def council_by_slug(slug: str) -> Council | None:
    return db.session.scalar(select(Council).where(Council.slug == slug))


def set_privacy_details(council: Council, controller: str | None, contact: str | None) -> None:
    """Store the notice's controller and contact; empty text is unset, so the notice
    falls back to its own wording rather than showing a blank."""
    council.privacy_controller = (controller or "").strip() or None
    council.privacy_contact = (contact or "").strip() or None
    db.session.flush()
