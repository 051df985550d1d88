"""Leaders download the PDF report of a closed assessment (services/report.py makes it)."""

from __future__ import annotations

from flask import Blueprint

from ..framework.snapshot import Snapshot
from ..services.report import report_pdf
from ..storage.models import Assessment
from . import downloads
from .access import assessment_view
from .not_yet import with_snapshot

blueprint = Blueprint("report", __name__)


@blueprint.get("/assessments/<int:assessment_id>/report.pdf")
@assessment_view
@with_snapshot
def download(assessment: Assessment, snapshot: Snapshot):
    pdf = report_pdf(assessment, snapshot)
    about = downloads.export_about(assessment, snapshot)
    return downloads.attachment(pdf, "application/pdf", about, "pdf")
