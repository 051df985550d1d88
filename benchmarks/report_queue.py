"""Twenty leaders' PDF reports asked for at once, on Redis, with one RQ report worker.

With REDIS_URL set, web workers only queue report jobs and read their state, and one
`flask --app assessment worker` (one headless Chromium, job after job) makes them. What
leaders see: the first response to each of twenty report links asked for together (a 303
to "Preparing your report"); while jobs render, the link of a job still being made (it
joins the job) and that job's page (target under 100 ms each); the time until all twenty
are made, and how many failed (target 0). What it costs: the worker's peak RSS with its
descendants (Chromium), its RSS after the first job and at the end (growth should stay
bounded), the web side's peak RSS (gunicorn and descendants), and the Chromium processes
ever seen under the web side (must be 0: web processes never start one).

Each run is fresh (SQLite with the demo and twenty closed rounds, queue, report cache,
gunicorn, worker). RSS is read from /proc and summed over a process tree, so pages
shared between processes (Chromium's especially) count once each: an upper bound.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import redis
from flask_migrate import upgrade
from rq import Queue, Worker

from assessment.bank import current_bank, shelf
from assessment.demo import COUNCIL_SLUG, LEADER_EMAIL, LEADER_PASSWORD, load_demo
from assessment.framework.responses_csv import ImportedResponse
from assessment.services import bank_versions, closing
from assessment.storage import councils, database, imports

from .http_throughput import _token
from .servers import BIN, ROOT, gunicorn
from .setup import app_for, settings
from .setup import database as empty_database

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
ROUNDS = 20  # closed rounds, one report each, all asked for at once
SAMPLE_EVERY = 0.2  # seconds between memory samples, and between status polls
LIVE = ("queued", "running")


def measure(runs: int = 3) -> list[dict[str, float]]:
    return [_one_run() for _ in range(runs)]


def _one_run() -> dict[str, float]:
    with empty_database("sqlite") as url, tempfile.TemporaryDirectory() as reports:
        ids = _closed_rounds(app_for(url, reports))
        # A queue of its own, so jobs left by an earlier run (or anyone else) are not ours.
        queue = f"bench-reports-{uuid.uuid4().hex[:8]}"
        env = {**settings(url), "REDIS_URL": REDIS_URL, "REPORT_QUEUE": queue}
        env |= {"REPORT_CACHE_DIR": reports}
        try:
            with (
                gunicorn("assessment.wsgi:app", env, "/healthz") as (base, master),
                _report_worker(env, queue) as worker,
            ):
                return _twenty_at_once(base, master.pid, worker.pid, ids)
        finally:
            # Finished jobs and their results would stay for REPORT_DEADLINE: ours go now.
            connection = redis.Redis.from_url(REDIS_URL)
            Queue(queue, connection=connection).delete(delete_jobs=True)
            for key in connection.scan_iter(f"rq:*{queue}*"):
                connection.delete(key)


def _closed_rounds(app) -> list[int]:
    """The demo, then ROUNDS closed rounds of its council, each answered differently (so
    each report is its own job: jobs are named by what the report shows)."""
    with app.app_context():
        upgrade()
        load_demo(shelf())
        bank = current_bank()
        council = councils.council_by_slug(COUNCIL_SLUG)
        roles = [role.id for role in bank.roles]
        areas = [area.id for area in bank.service_areas]
        questions = [question.id for question in bank.questions]
        made = []
        for n in range(ROUNDS):
            rng = random.Random(n)
            lines = range(2, 2 + rng.randint(30, 60))  # 30 to 60 people; 1 is a CSV header
            people = [_person(rng, line, roles, areas, questions) for line in lines]
            round_ = bank_versions.new_assessment(council, f"Benchmark round {n + 1}", 5, bank)
            imports.import_responses(round_, people, bank)
            closing.close(round_, bank)
            database.commit()
            made.append(round_.id)
        return made


def _person(rng: random.Random, line: int, roles, areas, questions) -> ImportedResponse:
    # About one question in ten unanswered, one answer in twenty "don't know".
    answers = {
        q: "dk" if rng.random() < 0.05 else rng.randint(1, 5)
        for q in questions
        if rng.random() < 0.9
    }
    return ImportedResponse(line, f"r{line}", rng.choice(roles), rng.choice(areas), answers)


@contextmanager
def _report_worker(env: dict[str, str], queue: str):
    """One report worker on the queue, once it has told Redis it is listening."""
    command = [str(BIN / "flask"), "--app", "assessment", "worker"]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    try:
        # Measured from a worker already waiting, as in production, not from its start-up.
        connection = redis.Redis.from_url(REDIS_URL)
        deadline = time.monotonic() + 60
        while not Worker.count(queue=Queue(queue, connection=connection)):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the report worker did not start")
            time.sleep(0.1)
        yield process
    finally:
        # Its Chromium noted first, to end it too should the worker be killed.
        chromium = [p for p in _tree(process.pid, _children())[1:] if _is_chromium(p)]
        process.terminate()  # RQ's warm shutdown: the job in hand is finished first
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)
        process.kill()  # nothing, once it has stopped
        process.wait()
        for pid in filter(_is_chromium, chromium):  # still there, and still a Chromium
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _twenty_at_once(base: str, web: int, worker: int, ids: list[int]) -> dict[str, float]:
    leader = Leader(base)
    leader.sign_in()
    memory = Memory(worker, web)
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(len(ids)) as pool:
            first = list(pool.map(lambda i: leader.get(f"/assessments/{i}/report.pdf"), ids))
        made = zip(ids, first, strict=True)
        pages = {i: urlsplit(r[1]["Location"]).path for i, r in made if r[0] == 303}
        states: dict[int, str] = {}
        link_ms, page_ms, after_first = [], [], None
        while True:  # ends: a job unfinished past REPORT_DEADLINE is reported failed
            for i in pages:
                if states.get(i, "queued") in LIVE:
                    states[i] = json.loads(leader.get(f"{pages[i]}/status")[2])["state"]
            live = [i for i in pages if states[i] in LIVE]
            if after_first is None and len(live) < len(pages):
                after_first = memory.worker_now
            if not live:
                break
            # A job being made rather than one waiting, when there is one: its link joins
            # it and its page reads its progress, both while the worker is busiest.
            joined = next((i for i in live if states[i] == "running"), live[0])
            status, _, _, ms = leader.get(f"/assessments/{joined}/report.pdf")
            if status == 303:  # not the PDF itself, should the job just have finished
                link_ms.append(ms)
            page_ms.append(leader.get(pages[joined])[3])
            time.sleep(SAMPLE_EVERY)
        all_made = time.perf_counter() - started
    finally:
        memory.stop()
    first_ms = [r[3] for r in first]
    return {
        "first response to the report link, median (ms)": statistics.median(first_ms),
        "first response to the report link, worst (ms)": max(first_ms),
        "first responses not a 303 to the job page": len(ids) - len(pages),
        "report link joining a live job, median (ms)": statistics.median(link_ms or [0]),
        "report link joining a live job, worst (ms)": max(link_ms, default=0),
        "preparing page while jobs render, median (ms)": statistics.median(page_ms or [0]),
        "preparing page while jobs render, worst (ms)": max(page_ms, default=0),
        "link and page requests timed while rendering": len(link_ms) + len(page_ms),
        f"all {len(ids)} reports made (s)": all_made,
        "reports failed": sum(states[i] == "failed" for i in pages),
        "report worker peak RSS with Chromium (MB)": memory.worker_peak,
        "report worker RSS after the first job (MB)": after_first or 0.0,
        "report worker RSS at the end (MB)": memory.worker_now,
        "web peak RSS, gunicorn and descendants (MB)": memory.web_peak,
        "Chromium processes seen under the web side": len(memory.chromium_in_web),
    }


class Leader:
    """The demo leader's session over plain HTTP (no redirects followed), from any thread."""

    def __init__(self, base: str) -> None:
        self.address = urlsplit(base).netloc
        self.cookies: dict[str, str] = {}

    def sign_in(self) -> None:
        page = self.get("/auth/sign-in")[2]
        form = {"csrf_token": _token(page), "email": LEADER_EMAIL, "password": LEADER_PASSWORD}
        if self.get("/auth/sign-in", form)[0] != 302:
            raise RuntimeError("the demo leader could not sign in")

    def get(self, path: str, form: dict | None = None) -> tuple[int, dict, str, float]:
        """(status, headers, body, ms from connecting to the last byte); POSTs a `form`."""
        cookies = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {"Cookie": cookies, "Content-Type": "application/x-www-form-urlencoded"}
        connection = http.client.HTTPConnection(self.address, timeout=60)
        started = time.perf_counter()
        try:
            body = urlencode(form) if form else None
            connection.request("POST" if form else "GET", path, body, headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            ms = (time.perf_counter() - started) * 1000
        finally:
            connection.close()
        # The session is re-signed as it is used: keep the newest, as a browser would.
        for cookie in response.headers.get_all("Set-Cookie") or ():
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        return response.status, response.headers, text, ms


class Memory(threading.Thread):
    """The worker's and the web side's process trees, sampled every SAMPLE_EVERY seconds."""

    def __init__(self, worker: int, web: int) -> None:
        super().__init__(daemon=True)
        self.worker, self.web = worker, web
        self.worker_now = self.worker_peak = self.web_peak = 0.0
        self.chromium_in_web: set[int] = set()
        self._stopping = threading.Event()
        self.start()

    def run(self) -> None:
        while not self._stopping.wait(SAMPLE_EVERY):
            self.sample()

    def stop(self) -> None:
        self._stopping.set()
        self.join()
        self.sample()  # the worker as the run leaves it

    def sample(self) -> None:
        children = _children()
        worker, web = _tree(self.worker, children), _tree(self.web, children)
        self.worker_now = _rss_mb(worker)
        self.worker_peak = max(self.worker_peak, self.worker_now)
        self.web_peak = max(self.web_peak, _rss_mb(web))
        self.chromium_in_web.update(pid for pid in web if _is_chromium(pid))


def _children() -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with suppress(OSError):
                stat = Path(entry.path, "stat").read_text()
                # Each /proc/<pid>/stat names its parent after the command's name, in
                # brackets, which may hold spaces: read after its last ")".
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                found.setdefault(parent, []).append(int(entry.name))
    return found


def _tree(pid: int, children: dict[int, list[int]]) -> list[int]:
    tree, todo = [], [pid]
    while todo:
        tree.append(todo.pop())
        todo.extend(children.get(tree[-1], ()))
    return tree


def _rss_mb(pids: list[int]) -> float:
    kb = 0
    for pid in pids:
        with suppress(OSError, TypeError):  # gone, or a zombie (no VmRSS)
            kb += int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())[1])
    return kb / 1024


def _is_chromium(pid: int) -> bool:
    with suppress(OSError):
        program = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].lower()
        return b"chrom" in program or b"headless_shell" in program
    return False


if __name__ == "__main__":
    samples = measure(int(os.environ.get("RUNS", "3")))
    for name in samples[0]:
        print(f"{name:50} {statistics.median(s[name] for s in samples):10.2f}")
