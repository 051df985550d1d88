"""Targets leaders set per theme for the next round, in tenths (framework/targets.py)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from .base import db, utcnow
from .models import Assessment, User
from .plan_models import Target


def targets(assessment: Assessment) -> dict[str, int]:
    """Theme id -> target in tenths, for the themes that have one."""
    rows = db.session.execute(
        select(Target.theme_id, Target.tenths).where(Target.assessment_id == assessment.id)
    )
    return dict(rows.all())


def set_targets(
    assessment: Assessment, wanted: Mapping[str, int | None], set_by: User | None
) -> None:
    """Set each theme's target; None clears it. A target that does not change keeps who
    set it and when, so the record says who chose the figure, not who last pressed save."""
    saved = {
        target.theme_id: target
        for target in db.session.scalars(
            select(Target).where(Target.assessment_id == assessment.id)
        )
    }
    for theme_id, tenths in wanted.items():
        target = saved.get(theme_id)
        if tenths is None:
            if target is not None:
                db.session.delete(target)
            continue
        if target is None:
            db.session.add(
                Target(
                    assessment_id=assessment.id,
                    theme_id=theme_id,
                    tenths=tenths,
                    set_by_id=set_by.id if set_by else None,
                )
            )
        elif target.tenths != tenths:
            target.tenths = tenths
            target.set_by_id = set_by.id if set_by else None
            target.set_at = utcnow()
    db.session.flush()
