"""Closing an assessment stores the results snapshot leaders then read; while an
assessment is open they read none (FRAMEWORK.md, "Anonymity").

The leaders' close button, the command line's `assessments close` and the demo all
close through close(), and every results page, export and PDF reads through
shown_snapshot(), so no path shows results a leader could compare before and after
one officer submits. shown_snapshot() also leaves out the comments that are held or
hidden now (storage/comments.py): moderation is read each time, not kept in the
snapshot, so releasing or hiding one changes every page at once.

An assessment closed before snapshots were kept has none: shown_snapshot() makes it
on the first read of its results, from the responses submitted while it was open
(a closed assessment takes no answers), rather than in the migration, which would
have to import the bank and the scoring core as they are today.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..framework.model import Bank
from ..framework.snapshot import Snapshot, replaces
from ..storage import assessments, comments, results, snapshots
from ..storage.models import Assessment


@dataclass(frozen=True)
class Closed:
    """What closing did to the results leaders see."""

    replaced: bool  # False when the snapshot of an earlier close stays
    new_since: int  # responses submitted since the snapshot that stays (0 when replaced)
    threshold: int  # how many new responses a new snapshot needs


def close(assessment: Assessment, bank: Bank) -> Closed:
    """Close the assessment and store its results snapshot, unless it has one that
    fewer than k new submitted responses would change."""
    assessments.set_status(assessment, "closed")
    kept = snapshots.submitted_in_stored(assessment)
    _, submitted = results.response_counts(assessment)
    k = assessment.anonymity_threshold
    if not replaces(kept, submitted, k):
        return Closed(replaced=False, new_since=submitted - (kept or 0), threshold=k)
    comments.hold_personal(assessment)
    snapshots.store(assessment, snapshots.live_snapshot(assessment, bank))
    return Closed(replaced=True, new_since=0, threshold=k)


def shown_snapshot(assessment: Assessment, bank: Bank) -> Snapshot | None:
    """The results leaders may see: None while the assessment is open (or a draft)."""
    made = made_snapshot(assessment, bank)
    return None if made is None else comments.shown_only(made)


def made_snapshot(assessment: Assessment, bank: Bank) -> Snapshot | None:
    """The snapshot as it was made, every comment in it, held and hidden ones too: for
    the leaders' review of comments only. None while the assessment is open."""
    if assessment.status != "closed":
        return None
    kept = snapshots.stored(assessment)
    if kept is not None:
        return kept
    comments.hold_personal(assessment)
    return snapshots.store_if_none(assessment, snapshots.live_snapshot(assessment, bank))
