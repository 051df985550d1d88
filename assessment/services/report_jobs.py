"""Leaders' PDFs are prepared by a report job, never inside a web request.

One interface, two queues (config REDIS_URL chooses): RQ's queue "reports" on Redis,
served by `flask --app assessment worker` processes (report_queue_redis.py), or, with
no Redis, one thread in each web process with the jobs' state in files every process
reads (report_queue_files.py), so `make run` needs nothing else.

A job is named by the assessment, the language and the fingerprint of what the PDFs
show, so asking again while it is queued or running joins it, and its finished PDFs
are read from the ReportCache by that same fingerprint. A job unfinished past
REPORT_DEADLINE has failed (logged), and asking again starts a fresh one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from flask import current_app
from flask_babel import force_locale, lazy_gettext

from ..bank import bank_of
from ..reports import chart_export
from ..reports.pdf import render_pdf
from ..storage import assessments, database
from ..storage.models import Assessment
from . import closing
from .language import current_language
from .report import COUNCILLORS, REPORT, councillors_html, fingerprint, report_html
from .report_cache import ReportCache

log = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
CHARTS, PAGES = "charts", "pages"
# Why a job failed, for the page to say in the reader's words (web/report.py).
CRASHED, TOO_LONG, GONE = "crashed", "too-long", "gone"
# A document's cache key when some of its charts could not be drawn: served from the job
# that made it, but a new request makes it again.
PARTIAL = "-partial"


@dataclass(frozen=True)
class Document:
    # (bank, assessment, snapshot, drawing=progress) -> (print HTML, whether every chart was drawn)
    build: Callable[..., tuple[str, bool]]
    link_text: str
    file_name: str  # the word in the downloaded file's name (reports/exports.py)


def without_progress(build: Callable[..., tuple[str, bool]]) -> Callable[..., tuple[str, bool]]:
    """A document drawing no charts, made to take (and ignore) the drawing callback."""

    def built(bank, assessment, snapshot, drawing=None):
        return build(bank, assessment, snapshot)

    return built


# What a report job makes, in the order it makes them and the page lists them.
DOCUMENTS: dict[str, Document] = {
    REPORT: Document(report_html, lazy_gettext("The report for cabinet (PDF)"), "results"),
    COUNCILLORS: Document(
        without_progress(councillors_html),
        lazy_gettext("Summary for councillors (PDF)"),
        "councillors-summary",
    ),
}


class NothingToReport(LookupError):
    """The assessment was deleted or reopened after the job was asked for."""


class ReportQueueUnavailable(RuntimeError):
    """The queue (Redis) cannot be reached: the page says so and how to try again."""


@dataclass(frozen=True)
class JobState:
    job_id: str
    assessment_id: int
    language: str
    state: str = QUEUED
    step: str | None = None  # CHARTS or PAGES while running
    done: int = 0  # charts begun, or documents laid out
    of: int = 0
    keys: dict[str, str] | None = None  # document -> cache key, once done
    problem: str | None = None  # why it failed
    asked_at: float = 0.0

    @property
    def live(self) -> bool:
        return self.state in (QUEUED, RUNNING)


def job_id(assessment_id: int, language: str, key: str) -> str:
    return f"report-{assessment_id}-{language}-{key[:32]}"


def belongs_to(job: str, assessment_id: int) -> bool:
    return job.startswith(f"report-{assessment_id}-")


def cache() -> ReportCache:
    return ReportCache(current_app.config["REPORT_CACHE_DIR"])


def current_key(assessment: Assessment, snapshot) -> str:
    return fingerprint(bank_of(assessment), assessment, snapshot)


def shows_the_results_now(assessment: Assessment, snapshot, language: str, key: str) -> bool:
    """Whether a PDF cached under key, in language, shows what the results show now."""
    with force_locale(language.replace("-", "_")):
        return key.removesuffix(PARTIAL) == current_key(assessment, snapshot)


def start_or_join(assessment: Assessment, key: str) -> JobState:
    """The live job making this assessment's PDFs as they are now (their fingerprint is
    key), started if there is none."""
    language = current_language()
    wanted = JobState(job_id(assessment.id, language, key), assessment.id, language)
    return _queue().start_unless_live(replace(wanted, asked_at=time.time()), _expired)


def status(assessment: Assessment, job: str) -> JobState | None:
    """The job's state, or None when there is no such job of this assessment."""
    if not belongs_to(job, assessment.id):
        return None
    found = _queue().get(job)
    if found is None or found.assessment_id != assessment.id:
        return None
    if _expired(found):
        log.warning("Report job %s passed its deadline while %s; marked failed", job, found.state)
        found = replace(found, state=FAILED, problem=TOO_LONG)
        _queue().put(found)
    return found


def retry(assessment: Assessment, job: str) -> JobState | None:
    """A failed (or finished) job started again under its own id; a live one joined."""
    found = status(assessment, job)
    if found is None:
        return None
    fresh = JobState(found.job_id, found.assessment_id, found.language, asked_at=time.time())
    return _queue().start_unless_live(fresh, _expired)


def _expired(job: JobState) -> bool:
    return job.live and time.time() - job.asked_at > current_app.config["REPORT_DEADLINE"]


def _queue():
    url = current_app.config["REDIS_URL"]
    if url:
        from . import report_queue_redis

        config = current_app.config
        return report_queue_redis.RedisReportQueue(
            url, config["REPORT_QUEUE"], config["REPORT_DEADLINE"]
        )
    from . import report_queue_files

    return report_queue_files.queue_for(current_app._get_current_object())


def prepare(job: JobState, tell: Callable[[JobState], None]) -> JobState:
    """Make every document of the job's assessment, in its language, into the cache, telling
    tell() each step. Runs in a report worker, inside an app context."""
    assessment = assessments.assessment_by_id(job.assessment_id)
    if assessment is None:
        raise NothingToReport(f"assessment {job.assessment_id} no longer exists")
    with force_locale(job.language.replace("-", "_")), chart_export.report_worker():
        bank = bank_of(assessment)
        snapshot = closing.shown_snapshot(assessment, bank)
        if snapshot is None:
            raise NothingToReport(f"assessment {job.assessment_id} is open: no results to report")
        # A snapshot made now (for an assessment closed before they were kept) is saved at
        # once: a write left open for the whole render would hold SQLite's writers back.
        database.commit()
        key = fingerprint(bank, assessment, snapshot)
        keys = {}
        running = replace(job, state=RUNNING, step=CHARTS)
        tell(running)
        for name, document in DOCUMENTS.items():

            def drawing(begun: int, of: int) -> None:
                tell(replace(running, step=CHARTS, done=begun, of=of))

            html, complete = document.build(bank, assessment, snapshot, drawing=drawing)
            tell(replace(running, step=PAGES, done=len(keys) + 1, of=len(DOCUMENTS)))
            keys[name] = key if complete else key + PARTIAL
            cache().put(assessment.id, name, job.language, keys[name], render_pdf(html))
    finished = replace(job, state=DONE, step=None, keys=keys)
    tell(finished)
    return finished


def failed(job: JobState, error: BaseException, problem: str | None = None) -> JobState:
    log.error("Report job %s failed: %r", job.job_id, error, exc_info=error)
    if problem is None:
        problem = GONE if isinstance(error, NothingToReport) else CRASHED
    return replace(job, state=FAILED, step=None, problem=problem)
