"""Leaders' PDF reports: the download link, the "Preparing your report" page that follows
a report job (services/report_jobs.py makes the PDFs) and the finished files.

The link sends the PDF straight away when the one for what the results show now is
already made; otherwise it starts (or joins) the job and shows its page. Job ids and
file links belong to one assessment and one fingerprint: anyone else's, a made-up one or
one of results since changed is a 404.
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _

from ..framework.snapshot import Snapshot
from ..services import report_jobs
from ..services.language import current_language, languages
from ..services.report import REPORT
from ..services.report_jobs import JobState, ReportQueueUnavailable
from ..storage.models import Assessment
from . import downloads
from .access import assessment_view
from .not_yet import with_snapshot

blueprint = Blueprint("report", __name__)

_KEY = re.compile(rf"[0-9a-f]{{64}}(?:{report_jobs.PARTIAL})?")


@blueprint.get("/assessments/<int:assessment_id>/report.pdf")
@assessment_view
@with_snapshot
def download(assessment: Assessment, snapshot: Snapshot):
    key = report_jobs.current_key(assessment, snapshot)
    pdf = report_jobs.cache().get(assessment.id, REPORT, current_language(), key)
    if pdf is not None:
        return _attachment(assessment, snapshot, REPORT, pdf)
    try:
        job = report_jobs.start_or_join(assessment, key)
    except ReportQueueUnavailable:
        return _unavailable(assessment)
    return redirect(url_for(".job", assessment_id=assessment.id, job_id=job.job_id), 303)


@blueprint.get("/assessments/<int:assessment_id>/report/<job_id>")
@assessment_view
def job(assessment: Assessment, job_id: str):
    try:
        state = report_jobs.status(assessment, job_id)
    except ReportQueueUnavailable:
        return _unavailable(assessment)
    if state is None:
        abort(404)
    return render_template(
        "results/report_job.html", assessment=assessment, job=state, **_shown(assessment, state)
    )


@blueprint.get("/assessments/<int:assessment_id>/report/<job_id>/status")
@assessment_view
def job_status(assessment: Assessment, job_id: str):
    try:
        state = report_jobs.status(assessment, job_id)
    except ReportQueueUnavailable:
        return jsonify(state=report_jobs.FAILED, status=_("Your report could not be prepared"))
    if state is None:
        abort(404)
    shown = _shown(assessment, state)
    response = jsonify(state=state.state, **shown)
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.post("/assessments/<int:assessment_id>/report/<job_id>/retry")
@assessment_view
def retry(assessment: Assessment, job_id: str):
    try:
        state = report_jobs.retry(assessment, job_id)
    except ReportQueueUnavailable:
        return _unavailable(assessment)
    if state is None:
        abort(404)
    return redirect(url_for(".job", assessment_id=assessment.id, job_id=state.job_id), 303)


@blueprint.get("/assessments/<int:assessment_id>/report/<language>/<key>/<document>.pdf")
@assessment_view
@with_snapshot
def document_file(
    assessment: Assessment, snapshot: Snapshot, language: str, key: str, document: str
):
    if (
        document not in report_jobs.DOCUMENTS
        or language.replace("-", "_") not in languages()
        or not _KEY.fullmatch(key)
        or not report_jobs.shows_the_results_now(assessment, snapshot, language, key)
    ):
        abort(404)
    pdf = report_jobs.cache().get(assessment.id, document, language, key)
    if pdf is None:
        abort(404)
    return _attachment(assessment, snapshot, document, pdf)


def _attachment(assessment: Assessment, snapshot: Snapshot, document: str, pdf: bytes):
    about = downloads.export_about(assessment, snapshot)
    what = report_jobs.DOCUMENTS[document].file_name
    return downloads.attachment(pdf, "application/pdf", about, "pdf", what)


def _unavailable(assessment: Assessment):
    page = render_template("results/report_unavailable.html", assessment=assessment)
    return page, 503


def _shown(assessment: Assessment, job: JobState) -> dict:
    """The words and links the page shows for the job, and its status JSON sends."""
    documents = []
    if job.state == report_jobs.DONE:
        documents = [
            {
                "text": str(report_jobs.DOCUMENTS[name].link_text),
                "url": url_for(
                    ".document_file",
                    assessment_id=assessment.id,
                    language=job.language,
                    key=key,
                    document=name,
                ),
                "partial": key.endswith(report_jobs.PARTIAL),
            }
            for name, key in (job.keys or {}).items()
            if name in report_jobs.DOCUMENTS
        ]
    return {"status": _doing(job), "problem": _problem(job), "documents": documents}


def _doing(job: JobState) -> str:
    if job.state == report_jobs.QUEUED:
        return _("Waiting for its turn")
    if job.state == report_jobs.RUNNING and job.step == report_jobs.CHARTS and job.of:
        return _("Drawing charts (%(done)s of %(of)s)", done=job.done, of=job.of)
    if job.state == report_jobs.RUNNING and job.step == report_jobs.PAGES:
        return _("Laying out pages")
    if job.state == report_jobs.RUNNING:
        return _("Starting")
    if job.state == report_jobs.DONE:
        return _("Your report is ready")
    return _("Your report could not be prepared")


def _problem(job: JobState) -> str | None:
    if job.state != report_jobs.FAILED:
        return None
    if job.problem == report_jobs.TOO_LONG:
        return _("Preparing it took too long, so it was stopped.")
    if job.problem == report_jobs.GONE:
        return _("The results it was for are no longer available.")
    return _("Something went wrong while it was being prepared.")
