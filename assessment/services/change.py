"""Change since the last round (FRAMEWORK.md "Rounds and change"), read from storage.

Leaders see a round only as its snapshot, so both rounds are read as their snapshots
show them: the responses submitted up to each snapshot's latest submission, and each
snapshot's results for what is shown. A change so never moves while a round is open
or reopened, and never says more than the snapshots do. The operator's `results`
command reads the current round live, as it reads its results.
"""

from __future__ import annotations

from ..bank import bank_of
from ..framework.change import Change, Round, compare, like_for_like_banks
from ..framework.model import Bank
from ..framework.snapshot import Snapshot
from ..storage import assessments, results, snapshots
from ..storage.models import Assessment
from . import rounds


def since_last_round(assessment: Assessment, bank: Bank, shown: Snapshot | None) -> Change | None:
    """This round against the one it names as previous; None when it names none.
    `shown` is the snapshot leaders see; None reads this round live (operators only).
    A previous round with no results yet (still open) gives a change with nothing shown."""
    previous = assessments.previous_round(assessment)
    if previous is None:
        return None
    previous_bank = bank_of(previous)
    now_bank, before_bank = like_for_like_banks(bank, previous_bank)
    if shown is None:
        published = snapshots.live_results(assessment, bank)
        now_cells = results.cells(assessment, now_bank)
    else:
        published = shown.results
        now_cells = results.cells_up_to(assessment, now_bank, shown.as_of)
    before = snapshots.stored(previous) if previous.status == "closed" else None
    before_cells = (
        [] if before is None else results.cells_up_to(previous, before_bank, before.as_of)
    )
    return compare(
        str(previous.id),
        Round(bank, assessment.anonymity_threshold, published, now_cells),
        Round(
            previous_bank,
            previous.anonymity_threshold,
            None if before is None else before.results,
            before_cells,
        ),
    )


def inputs(assessment: Assessment, shown: Snapshot) -> dict | None:
    """What since_last_round(assessment, bank, shown) is made from, without making it:
    which round came before, each round's snapshot and the responses read up to it.
    The report's fingerprint hashes this, so a download never waits on a comparison
    that scores every officer's answers again."""
    previous = assessments.previous_round(assessment)
    if previous is None:
        return None
    before = snapshots.stored(previous) if previous.status == "closed" else None
    before_as_of = None if before is None else before.as_of
    return {
        "previous": previous.id,
        "banks": [assessment.bank_version, previous.bank_version],
        "thresholds": [assessment.anonymity_threshold, previous.anonymity_threshold],
        "now": results.submitted_up_to(assessment, shown.as_of),
        "before": results.submitted_up_to(previous, before_as_of),
        "before_results": None if before is None else str(before.as_of),
    }


def trend(assessment: Assessment, shown: Snapshot) -> list[tuple[Assessment, Snapshot]]:
    """This round and those before it that have results, oldest first, each with the
    snapshot its leaders see: a trend across rounds when there are three or more. Each is
    scored in full with its own bank, so it is read beside its bank version."""
    found = [(assessment, shown)]
    for earlier in rounds.chain(assessment)[1:]:
        kept = snapshots.stored(earlier)
        if kept is not None:
            found.append((earlier, kept))
    return found[::-1]
