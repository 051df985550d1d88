"""An assessment's actions and the suggested steps its leaders dropped. Every lookup
is within one assessment, so an id from another council's plan finds nothing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import select

from .base import could_be_an_id, db, utcnow
from .models import Assessment, User
from .plan_models import DroppedSuggestion, PlannedAction

# What a leader may set on an action (framework/actions.py says how long each may be).
FIELDS = ("title", "detail", "theme_id", "owner", "due", "measure", "status")


def actions_of(assessment: Assessment) -> list[PlannedAction]:
    """Soonest due first, those without a date last, then in the order they were made."""
    return list(
        db.session.scalars(
            select(PlannedAction)
            .where(PlannedAction.assessment_id == assessment.id)
            .order_by(PlannedAction.due.is_(None), PlannedAction.due, PlannedAction.id)
        )
    )


def action_in(assessment: Assessment, action_id: int) -> PlannedAction | None:
    if not could_be_an_id(action_id):
        return None
    return db.session.scalar(
        select(PlannedAction).where(
            PlannedAction.id == action_id, PlannedAction.assessment_id == assessment.id
        )
    )


def add_action(
    assessment: Assessment,
    leader: User | None,
    values: Mapping[str, str | date | None],
    suggested_from: str | None = None,
) -> PlannedAction:
    action = PlannedAction(
        assessment_id=assessment.id,
        suggested_from=suggested_from,
        created_by_id=leader.id if leader else None,
        updated_by_id=leader.id if leader else None,
        **_settable(values),
    )
    db.session.add(action)
    db.session.flush()
    return action


def update_action(
    action: PlannedAction, leader: User | None, values: Mapping[str, str | date | None]
) -> None:
    for name, value in _settable(values).items():
        setattr(action, name, value)
    action.updated_by_id = leader.id if leader else None
    action.updated_at = utcnow()
    db.session.flush()


def _settable(values: Mapping[str, str | date | None]) -> dict[str, str | date | None]:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"not a field of an action: {sorted(unknown)}")
    found = dict(values)
    for text in ("detail", "owner", "measure"):
        if text in found and found[text] is None:
            found[text] = ""
    return found


def taken_suggestions(assessment: Assessment) -> set[str]:
    """The suggested steps already accepted as an action or dropped."""
    accepted = db.session.scalars(
        select(PlannedAction.suggested_from).where(
            PlannedAction.assessment_id == assessment.id,
            PlannedAction.suggested_from.is_not(None),
        )
    )
    dropped = db.session.scalars(
        select(DroppedSuggestion.suggestion).where(DroppedSuggestion.assessment_id == assessment.id)
    )
    return {*accepted, *dropped}


def drop_suggestion(assessment: Assessment, key: str, leader: User | None) -> None:
    if db.session.get(DroppedSuggestion, (assessment.id, key)) is None:
        db.session.add(
            DroppedSuggestion(
                assessment_id=assessment.id,
                suggestion=key,
                dropped_by_id=leader.id if leader else None,
            )
        )
        db.session.flush()


def actions_by_theme(previous: Assessment) -> dict[str | None, list[PlannedAction]]:
    """The previous round's actions by theme id (None: about no one theme), each theme's
    in the plan's order: for the next round to show beside the change in each theme."""
    found: dict[str | None, list[PlannedAction]] = {}
    for action in actions_of(previous):
        found.setdefault(action.theme_id, []).append(action)
    return found
