"""Officers' comments and their moderation (framework/moderation.py): read for a
snapshot, held when it is made, released or hidden by a leader, and read again each
time a snapshot's comments are shown."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from ..framework.moderation import HELD, HIDDEN, RELEASED, is_shown, personal_data
from ..framework.snapshot import Comment, Snapshot, with_comments
from .base import db, utcnow
from .models import Assessment, Response, ThemeEntry, User


@dataclass(frozen=True)
class Moderation:
    state: str | None  # None: nobody has checked it yet
    reason: str | None  # a leader's, for hiding it
    by: str | None  # the leader's email, while their account exists
    at: datetime | None


def _submitted(assessment: Assessment):
    return (
        select(ThemeEntry.id, ThemeEntry.theme_id, ThemeEntry.comment)
        .join(Response, Response.id == ThemeEntry.response_id)
        .where(
            Response.assessment_id == assessment.id,
            Response.submitted_at.is_not(None),
            ThemeEntry.comment.is_not(None),
        )
    )


def submitted(assessment: Assessment) -> dict[str, list[Comment]]:
    """Theme id -> the submitted comments on it, alphabetical, with nothing of who wrote
    them but the entry they were typed in."""
    comments: dict[str, list[Comment]] = defaultdict(list)
    for entry_id, theme_id, text in db.session.execute(_submitted(assessment)):
        comments[theme_id].append(Comment(entry_id, text))
    return {
        theme_id: sorted(found, key=lambda c: (c.text.casefold(), c.text))
        for theme_id, found in comments.items()
    }


def hold_personal(assessment: Assessment) -> int:
    """Mark held every submitted comment nobody has checked that looks like personal
    data; how many. Run as a snapshot is made: pages treat an unchecked comment the
    same way, this makes the decision a fact a leader and an operator can see."""
    query = _submitted(assessment).where(ThemeEntry.moderation.is_(None))
    flagged = [entry_id for entry_id, _, text in db.session.execute(query) if personal_data(text)]
    if flagged:
        db.session.execute(
            update(ThemeEntry)
            .where(ThemeEntry.id.in_(flagged), ThemeEntry.moderation.is_(None))
            .values(moderation=HELD, moderated_at=utcnow())
        )
    return len(flagged)


def moderation_of(entry_ids: Iterable[int]) -> dict[int, Moderation]:
    """Entry id -> its moderation, for the entries given (each once)."""
    wanted = sorted(set(entry_ids))
    found: dict[int, Moderation] = {}
    # In batches: a large council's snapshot names thousands of comments.
    for start in range(0, len(wanted), 500):
        rows = db.session.execute(
            select(
                ThemeEntry.id,
                ThemeEntry.moderation,
                ThemeEntry.moderation_reason,
                User.email,
                ThemeEntry.moderated_at,
            )
            .outerjoin(User, User.id == ThemeEntry.moderated_by_id)
            .where(ThemeEntry.id.in_(wanted[start : start + 500]))
        )
        for entry_id, state, reason, by, at in rows:
            found[entry_id] = Moderation(state, reason, by, at)
    return found


def shown_only(snapshot: Snapshot) -> Snapshot:
    """The snapshot with only the comments that may be shown now: none held, none
    hidden. A comment whose entry is gone (its assessment's responses erased) is not
    shown either."""
    entries = [c.entry for comments in snapshot.comments.values() for c in comments]
    if not entries:
        return snapshot
    states = moderation_of(entries)
    return with_comments(
        snapshot, lambda c: c.entry in states and is_shown(states[c.entry].state, c.text)
    )


def entry_in(assessment: Assessment, entry_id: int) -> ThemeEntry | None:
    """A submitted comment's entry, only if it belongs to this assessment."""
    return db.session.scalar(
        select(ThemeEntry)
        .join(Response, Response.id == ThemeEntry.response_id)
        .where(
            ThemeEntry.id == entry_id,
            Response.assessment_id == assessment.id,
            Response.submitted_at.is_not(None),
            ThemeEntry.comment.is_not(None),
        )
    )


def release(entry: ThemeEntry, leader: User) -> None:
    _decide(entry, leader, RELEASED, None)


def hide(entry: ThemeEntry, leader: User, reason: str) -> None:
    _decide(entry, leader, HIDDEN, reason)


def _decide(entry: ThemeEntry, leader: User, state: str, reason: str | None) -> None:
    entry.moderation = state
    entry.moderation_reason = reason
    entry.moderated_by_id = leader.id
    entry.moderated_at = utcnow()
    db.session.flush()


def archived(assessment: Assessment) -> dict[str, list[dict[str, str | None]]]:
    """Every submitted comment by theme, alphabetical, each marked with its moderation
    ("shown" when nobody has held or hidden it), for the council's own archive."""
    found = submitted(assessment)
    states = moderation_of(c.entry for comments in found.values() for c in comments)
    return {
        theme_id: [_marked(c, states[c.entry]) for c in comments]
        for theme_id, comments in found.items()
    }


def _marked(comment: Comment, moderation: Moderation) -> dict[str, str | None]:
    state = moderation.state
    if state is None:
        state = HELD if personal_data(comment.text) else "shown"
    return {"text": comment.text, "moderation": state, "reason": moderation.reason}
