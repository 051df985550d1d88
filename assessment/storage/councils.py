"""A council's own details: what its officers' privacy notice says about it."""

from __future__ import annotations

from .base import db
from .models import Council


def set_privacy_details(council: Council, controller: str | None, contact: str | None) -> None:
    """Store the notice's controller and contact; empty text is unset, so the notice
    falls back to its own wording rather than showing a blank."""
    council.privacy_controller = (controller or "").strip() or None
    council.privacy_contact = (contact or "").strip() or None
    db.session.flush()
