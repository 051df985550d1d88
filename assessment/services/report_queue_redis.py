"""Report jobs on Redis: RQ's queue (REPORT_QUEUE, "reports"), served by
`flask --app assessment worker`.

The job's state is RQ's own (queued, started, finished, failed); what it is doing and
its documents' cache keys are in the job's meta. The web side talks to Redis with short
socket timeouts, so Redis gone makes a clear page, never a hung web worker.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import redis
from rq import Queue, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.timeouts import JobTimeoutException

from . import report_jobs
from .report_jobs import DONE, FAILED, QUEUED, RUNNING, JobState, ReportQueueUnavailable

# Seconds a web worker waits on Redis before saying the queue is unavailable.
WEB_TIMEOUT = 3
_STATES = {
    JobStatus.QUEUED: QUEUED,
    JobStatus.DEFERRED: QUEUED,
    JobStatus.SCHEDULED: QUEUED,
    JobStatus.STARTED: RUNNING,
    JobStatus.FINISHED: DONE,
}


def web_connection(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_connect_timeout=WEB_TIMEOUT, socket_timeout=WEB_TIMEOUT)


class RedisReportQueue:
    def __init__(self, url: str, name: str, deadline: int) -> None:
        self.connection = web_connection(url)
        self.deadline = deadline
        self.queue = Queue(name, connection=self.connection)

    def _rq_id(self, job: str) -> str:
        # RQ's job ids are global to the Redis: the queue's name keeps deployments apart.
        return f"{self.queue.name}-{job}"

    def get(self, job: str) -> JobState | None:
        with _unavailable_as_error():
            try:
                found = Job.fetch(self._rq_id(job), connection=self.connection)
            except NoSuchJobError:
                return None
            return _state(found)

    def put(self, job: JobState) -> None:
        """Record a state the web decided (a job past its deadline has failed)."""
        with _unavailable_as_error():
            try:
                found = Job.fetch(self._rq_id(job.job_id), connection=self.connection)
            except NoSuchJobError:
                return
            found.meta["state"] = dataclasses.asdict(job)
            found.save_meta()

    def start_unless_live(self, wanted: JobState, expired: Callable[[JobState], bool]) -> JobState:
        with _unavailable_as_error():
            found = self.get(wanted.job_id)
            if found is not None and found.live and not expired(found):
                return found
            if found is not None:
                old = Job.fetch(self._rq_id(wanted.job_id), connection=self.connection)
                old.delete()  # failed, finished, or past its deadline: make way for the new
            self.queue.enqueue_call(
                run,
                args=(dataclasses.asdict(wanted),),
                job_id=self._rq_id(wanted.job_id),
                timeout=self.deadline,
                result_ttl=self.deadline,
                failure_ttl=self.deadline,
                meta={"state": dataclasses.asdict(wanted)},
            )
            return wanted


def run(fields: dict) -> dict:
    """The job as the worker runs it (inside the worker command's app context)."""
    rq_job = get_current_job()
    job = JobState(**fields)

    def tell(state: JobState) -> None:
        rq_job.meta["state"] = dataclasses.asdict(state)
        rq_job.save_meta()

    try:
        return dataclasses.asdict(report_jobs.prepare(job, tell))
    except BaseException as error:  # the deadline (RQ's job timeout) arrives as one too
        too_long = report_jobs.TOO_LONG if isinstance(error, JobTimeoutException) else None
        tell(report_jobs.failed(job, error, too_long))
        raise


def _state(job: Job) -> JobState:
    recorded = JobState(**job.meta["state"])
    status = job.get_status()
    if recorded.state in (DONE, FAILED):  # what the job itself (or the web) last said
        return recorded
    if status in _STATES:
        state = _STATES[status]
        return dataclasses.replace(recorded, state=state) if state != DONE else recorded
    # Failed, stopped or cancelled by RQ (the deadline, a killed worker) before saying why.
    return dataclasses.replace(recorded, state=FAILED, problem=report_jobs.CRASHED)


@contextmanager
def _unavailable_as_error() -> Iterator[None]:
    try:
        yield
    except redis.RedisError as error:
        raise ReportQueueUnavailable(f"Redis: {error}") from error
