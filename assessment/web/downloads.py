"""What every results download shares: its name and the headers that send it.

The CSV, the workbook, the JSON and the PDF are named by one function
(reports.exports.export_filename) from the same facts about the assessment, so
the files of one set of results never follow different patterns.
"""

from __future__ import annotations

from datetime import date

from flask import Response

from ..framework.snapshot import Snapshot
from ..reports.exports import ExportAbout, export_filename
from ..storage.models import Assessment


def export_about(assessment: Assessment, snapshot: Snapshot) -> ExportAbout:
    """Whose results these are and as of when: the last submitted answer the results
    were made from, as the PDF says."""
    as_of = snapshot.as_of
    return ExportAbout(
        council=assessment.council.name,
        council_slug=assessment.council.slug,
        assessment=assessment.title,
        as_of=None if as_of is None else as_of.date(),
        on=date.today(),
    )


def attachment(
    body: bytes | str, content_type: str, about: ExportAbout, extension: str, what: str = "results"
) -> Response:
    """The file as a download, under the shared name, never kept by a shared cache."""
    name = export_filename(about, extension, what)
    # content_type, not mimetype: Flask adds "; charset=utf-8" to a text mimetype, which a
    # CSV's own charset would then repeat.
    return Response(
        body,
        content_type=content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
