"""Report jobs without Redis: one worker thread in each web process, the jobs' state in
files under REPORT_CACHE_DIR/jobs, so every process (gunicorn runs several) sees every
job, and the process that started a job runs it. Written whole and renamed, so a reader
never sees half a state; a lock file makes "is one running? if not, start one" a
single step across processes."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import logging
import os
import queue
import tempfile
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from flask import Flask

from . import report_jobs
from .report_jobs import JobState

log = logging.getLogger(__name__)


class FileReportQueue:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self.waiting: queue.SimpleQueue[JobState] = queue.SimpleQueue()
        self.pid = os.getpid()
        self.thread: threading.Thread | None = None

    @property
    def folder(self) -> Path:
        return Path(self.app.config["REPORT_CACHE_DIR"]) / "jobs"

    def _path(self, job: str) -> Path:
        return self.folder / f"{job}.json"

    def get(self, job: str) -> JobState | None:
        try:
            fields = json.loads(self._path(job).read_text("utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        return JobState(**fields)

    def put(self, job: JobState) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(dataclasses.asdict(job), file)
        os.replace(temporary, self._path(job.job_id))

    def start_unless_live(self, wanted: JobState, expired: Callable[[JobState], bool]) -> JobState:
        with self._locked():
            found = self.get(wanted.job_id)
            if found is not None and found.live and not expired(found):
                return found
            self.put(wanted)
        self.waiting.put(wanted)
        self._ensure_worker()
        return wanted

    @contextmanager
    def _locked(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _ensure_worker(self) -> None:
        if self.thread is None or not self.thread.is_alive():
            self.thread = threading.Thread(target=self._work, name="report-jobs", daemon=True)
            self.thread.start()

    def _work(self) -> None:
        # This thread is the process's report worker: it alone may start Chromium here.
        while True:
            job = self.waiting.get()
            with self.app.app_context():
                try:
                    report_jobs.prepare(job, self.put)
                except Exception as error:  # anything: the page must say it failed
                    self.put(report_jobs.failed(job, error))


_queues: dict[int, FileReportQueue] = {}
_queues_lock = threading.Lock()


def queue_for(app: Flask) -> FileReportQueue:
    """This process's queue for the app; a forked child starts its own (no parent's thread)."""
    with _queues_lock:
        found = _queues.get(id(app))
        if found is None or found.pid != os.getpid():
            found = _queues[id(app)] = FileReportQueue(app)
        return found
