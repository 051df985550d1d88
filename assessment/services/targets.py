"""Targets as the results show them: this round's, set for the next, beside its scores;
and the previous round's, with whether this round met each (framework/targets.py)."""

from __future__ import annotations

from flask_babel import gettext as _

from ..framework.model import Bank
from ..framework.scoring import Results
from ..framework.targets import met_text, target_text
from ..reports.tables import Table, figure
from ..storage import assessments
from ..storage import targets as target_store
from ..storage.models import Assessment


def for_next_round(assessment: Assessment) -> dict[str, int]:
    """The targets leaders set on this round, for the next: theme id -> tenths."""
    return target_store.targets(assessment)


def last_round_review(bank: Bank, assessment: Assessment, results: Results) -> Table | None:
    """Each theme the previous round set a target for: the target, this round's score and
    "Met" or "Not met" in words. None when there is no previous round or it set none."""
    previous = assessments.previous_round(assessment)
    if previous is None:
        return None
    aimed = target_store.targets(previous)
    rows = [
        [
            theme.title,
            target_text(aimed[theme.id]),
            figure(results.council.theme(theme.id).score),
            met_text(results.council.theme(theme.id).score, aimed[theme.id]),
        ]
        for theme in bank.themes
        if theme.id in aimed
    ]
    if not rows:
        return None
    return Table(
        _(
            "The targets set in %(previous)s for this round, beside this round's scores. "
            "A target is met when the score, to one decimal, is at or above it.",
            previous=previous.title,
        ),
        [_("Theme"), _("Target"), _("Score"), _("Met")],
        rows,
    )
