"""Deleting a council's or an assessment's data for good (UK GDPR erasure), from the
administrators' pages and from the command line alike."""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app

from ..storage import retention
from ..storage.models import Assessment, Council
from .report_cache import ReportCache


def erase_assessment(assessment: Assessment) -> None:
    """Delete the assessment, everything in it, and its PDF reports kept on disk."""
    assessment_id = assessment.id
    retention.delete_assessment(assessment)
    _forget_reports([assessment_id])


def erase_council(council: Council) -> None:
    """Delete the council, its leaders and assessments, and their PDF reports on disk."""
    _forget_reports(retention.delete_council(council))


def _forget_reports(assessment_ids: Iterable[int]) -> None:
    # A deleted assessment's results must not outlive it on disk.
    cache = ReportCache(current_app.config["REPORT_CACHE_DIR"])
    for assessment_id in assessment_ids:
        cache.forget(assessment_id)
