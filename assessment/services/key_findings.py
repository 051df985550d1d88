"""The ranked findings of a results snapshot, the one way every page, the PDF and the
findings CSV get them, so they always lead with the same findings in the same order."""

from __future__ import annotations

from ..framework.model import Bank
from ..framework.ranked_findings import RankedFinding, ranked_findings
from ..framework.snapshot import Snapshot

# The overview leads with this many; the PDF's summary takes a few more.
LEAD = 3
SUMMARY = 5


def snapshot_findings(bank: Bank, snapshot: Snapshot) -> list[RankedFinding]:
    """Every finding of the snapshot, biggest first. A snapshot made before answer counts
    by question were kept (format 2) has no "Don't know" findings by question."""
    return ranked_findings(bank, snapshot.results, question_counts=snapshot.questions)


def of_kind(findings: list[RankedFinding], kind: str) -> list[str]:
    """The sentences of one kind of finding, biggest first, for a page about that kind."""
    return [finding.sentence for finding in findings if finding.kind == kind]
