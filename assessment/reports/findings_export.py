"""The ranked findings as a CSV download, beside the results exports.

One row a finding, biggest first. The results CSV's contract (FRAMEWORK.md) is
untouched: this is a file of its own. Sentences hold the bank's titles and
labels, which administrators can edit, so text cells are neutralised like the
results CSV's.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from ..framework.ranked_findings import RankedFinding
from .exports import neutralise

FINDINGS_COLUMNS = (
    "rank",  # 1 for the biggest
    "kind",  # ranked_findings.KINDS
    "size",  # points on the score scale, two decimals (ranked_findings' docstring)
    "theme",  # theme ids the finding names, separated by ";", or empty
    "group_type",  # council, role or service_area, or empty
    "group",  # the group's id where it names one, or empty
    "question",  # the question id of a "Don't know" finding, or empty
    "finding",  # the sentence, in the reader's language
)
_BOM = "\ufeff"


def findings_rows(findings: Sequence[RankedFinding]) -> list[dict[str, str]]:
    return [
        {
            "rank": str(rank),
            "kind": finding.kind,
            "size": f"{finding.size:.2f}",
            "theme": ";".join(finding.theme_ids),
            "group_type": finding.group_type or "",
            "group": finding.group or "",
            "question": finding.question_id or "",
            "finding": neutralise(finding.sentence),
        }
        for rank, finding in enumerate(findings, start=1)
    ]


def findings_csv(findings: Sequence[RankedFinding]) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads it as UTF-8), like the results CSV."""
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=FINDINGS_COLUMNS)
    writer.writeheader()
    writer.writerows(findings_rows(findings))
    return (_BOM + stream.getvalue()).encode("utf-8")
