"""N officers answer whole questionnaires at once, against gunicorn and a real database.

Each simulated officer, with its own cookies, starts a response, saves every theme
page of the question bank with random answers and a comment that names the officer
and the run, submits, and starts again, until the time is up (a questionnaire under
way is finished). Afterwards the database is read back: every answer and comment
acknowledged by a redirect must be stored exactly as sent, and every response
acknowledged as submitted must be submitted.

Run by hand (PostgreSQL, the real bank):

    .venv/bin/python -m benchmarks.load_officers --officers 100 --seconds 60 \\
        --database-url postgresql://postgres@127.0.0.1:5432/test

It makes a schema of its own in that database and drops it afterwards (SQLite: a
temporary file). Gunicorn runs gthread workers, by default one process a CPU (a
page is CPU-bound Python: more processes than CPUs only take turns) of 8 threads
each (so a thread waiting on the database never holds up the others); 100 officers
then queue in the listen backlog, never long enough for the client's 60 s timeout.
First, one questionnaire a server thread is answered untimed, to warm every worker up.
Prints figures; asserts nothing, but exits 1 when a request failed or an answer
was lost.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import html
import itertools
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import sqlalchemy as sa

from assessment.storage.database import engine_url

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REAL_BANK = ROOT / "questions"
LEVELS = ["1", "2", "3", "4", "5", "dk"]
HIDDEN_INPUT = re.compile(r"<input[^>]*type=\"hidden\"[^>]*>")


# The database and the server


def run_async(coroutine):
    """asyncio.run, in a thread of its own when this thread already runs a loop
    (the browser tests' Playwright leaves one running in pytest's main thread)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@contextmanager
def fresh_database(database_url: str | None) -> Iterator[str]:
    """A SQLAlchemy URL for an empty database: a new schema of a PostgreSQL database,
    dropped afterwards, or a temporary SQLite file when no URL is given."""
    if not database_url or database_url.startswith("sqlite"):
        with tempfile.TemporaryDirectory() as folder:
            yield database_url or f"sqlite:///{folder}/load.db"
        return
    base = engine_url(database_url)
    schema = f"load_{os.getpid()}_{secrets.token_hex(3)}"
    engine = sa.create_engine(base)
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()


@dataclass(frozen=True)
class Installation:
    database_url: str
    bank_path: Path
    secret_key: str
    invitation: str

    def app(self):
        from assessment import create_app

        return create_app(
            {
                "APP_ENV": "testing",
                "SECRET_KEY": self.secret_key,
                "SQLALCHEMY_DATABASE_URI": self.database_url,
                "QUESTION_BANK_PATH": str(self.bank_path),
            }
        )

    def server_environment(self) -> dict[str, str]:
        environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
        return {
            **environment,
            # Development: the only setting served over plain HTTP, as here on loopback.
            "APP_ENV": "development",
            "SECRET_KEY": self.secret_key,
            "DATABASE_URL": self.database_url,
            "QUESTION_BANK_PATH": str(self.bank_path),
        }


def install(database_url: str, bank_path: Path) -> Installation:
    """Migrate the database and open an assessment for the officers to answer."""
    from flask_migrate import upgrade

    from assessment.bank import current_bank
    from assessment.storage import assessments, councils, database
    from assessment.storage.base import db

    installation = Installation(database_url, bank_path, secrets.token_hex(32), "")
    app = installation.app()
    with app.app_context():
        upgrade()
        council = councils.create_council("loadshire", "Loadshire Council")
        assessment = assessments.create_assessment(council, "Load test", 3, current_bank().version)
        database.commit()
        invitation = assessment.invitation_token
        db.engine.dispose()
    return Installation(database_url, bank_path, installation.secret_key, invitation)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn master serving the app; stopped when the `with` block ends."""

    def __init__(self, installation: Installation, workers: int, threads: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            str(BIN / "gunicorn"),
            *("--workers", str(workers), "--threads", str(threads)),
            *("--worker-class", "gthread" if threads > 1 else "sync"),
            *("--bind", f"127.0.0.1:{self.port}", "--backlog", "2048"),
            *("--timeout", "60", "--graceful-timeout", "5", "--keep-alive", "5"),
            *("--log-level", "warning"),
            "assessment.wsgi:app",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=installation.server_environment())

    def __enter__(self) -> Gunicorn:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped while starting ({self.process.returncode})")
            try:
                if httpx.get(f"{self.url}/", timeout=2).status_code < 500:
                    return self
            except httpx.TransportError:
                time.sleep(0.2)
        self.process.kill()
        raise RuntimeError("gunicorn did not start within 60 seconds")

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def workers(self) -> list[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]


# The officers


@dataclass
class Figures:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # (officer, run) -> what the server acknowledged saving
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    comments: dict[str, dict[str, str]] = field(default_factory=dict)
    submitted: set[str] = field(default_factory=set)
    started: int = 0


class PageError(Exception):
    pass


@dataclass
class Officer:
    number: int
    client: httpx.AsyncClient
    invitation: str
    themes: list[tuple[str, list[str]]]  # theme id, question ids
    figures: Figures
    retries: int  # how often a failed request is tried again (a browser's refresh)
    think: float = 0.0
    label: str = "officer"
    rng: random.Random = field(default_factory=random.Random)

    async def request(self, method: str, path: str, expect: tuple[int, ...], **kwargs):
        for attempt in range(self.retries + 1):
            start = time.perf_counter()
            try:
                response = await self.client.request(method, path, **kwargs)
            except httpx.HTTPError as error:
                problem = f"{method} {path}: {type(error).__name__}"
            else:
                self.figures.latencies.append(time.perf_counter() - start)
                if response.status_code in expect:
                    return response
                problem = f"{method} {path}: {response.status_code}"
            self.figures.errors.append(problem)
            if attempt == self.retries:
                raise PageError(problem)
            await asyncio.sleep(0.2)
        raise AssertionError("unreachable")

    async def page(self, path: str) -> dict[str, str]:
        """GET a form page; its hidden fields, as a browser would post them back."""
        response = await self.request("GET", path, (200,))
        fields = {}
        for tag in HIDDEN_INPUT.findall(response.text):
            name = re.search(r'name="([^"]*)"', tag)
            value = re.search(r'value="([^"]*)"', tag)
            if name:
                fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
        return fields

    async def post(self, path: str, data: dict[str, str]) -> httpx.Response:
        # A post that failed may have been saved or not: like an officer, fetch the
        # page again and send the same answers.
        for attempt in range(self.retries + 1):
            form = await self.page(path)
            try:
                return await self.request("POST", path, (302,), data={**form, **data})
            except PageError:
                if attempt == self.retries:
                    raise
        raise AssertionError("unreachable")

    async def questionnaire(self, run: int) -> None:
        base = f"/s/{self.invitation}"
        tag = f"{self.label} {self.number} run {run}"
        self.client.cookies.clear()
        role, area = self.rng.choice(["frontline", "manager", "leadership"]), "housing"
        await self.post(f"{base}/about-you", {"role_tier": role, "service_area": area})
        for theme_id, question_ids in self.themes:
            await asyncio.sleep(self.think)
            # Every question: only a complete response can be submitted.
            answers = {q: self.rng.choice(LEVELS) for q in question_ids}
            comment = f"{tag} on {theme_id} <script>alert({self.number})</script>"
            data = {**answers, "comment": comment, "save_and_continue": "y"}
            await self.post(f"{base}/themes/{theme_id}", data)
            self.figures.answers.setdefault(tag, {}).update(answers)
            self.figures.comments.setdefault(tag, {})[theme_id] = comment
        await self.submit(base)
        self.figures.submitted.add(tag)

    async def submit(self, base: str) -> None:
        for attempt in range(self.retries + 1):
            check = await self.request("GET", f"{base}/check", (200, 302))
            if check.status_code == 302 and check.headers["location"].endswith("/done"):
                return  # a submit whose answer was lost on the way did happen
            try:
                await self.request("POST", f"{base}/check", (302,), data=_hidden(check.text))
                return
            except PageError:
                if attempt == self.retries:
                    raise

    async def work(self, deadline: float) -> None:
        """Questionnaires one after another, at least one, until the deadline."""
        for run in itertools.count():
            self.figures.started += 1
            # A page that kept failing is counted in errors; the officer starts again.
            with contextlib.suppress(PageError):
                await self.questionnaire(run)
            if time.monotonic() >= deadline:
                return


def _hidden(page: str) -> dict[str, str]:
    found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    return {"csrf_token": found.group(1)} if found else {}


def bank_themes(bank_path: Path) -> list[tuple[str, list[str]]]:
    from assessment.framework.loader import load_shelf

    bank = load_shelf(bank_path).current  # what a new assessment is made with
    return [(theme.id, list(theme.question_ids)) for theme in bank.themes]


async def drive(
    url: str,
    invitation: str,
    themes: list[tuple[str, list[str]]],
    officers: int,
    seconds: float,
    retries: int = 0,
    think: float = 0.0,
    during=None,
    figures: Figures | None = None,
    label: str = "officer",
) -> Figures:
    """Run the officers until `seconds` have passed; `during()` is awaited alongside."""
    figures = figures if figures is not None else Figures()
    # Idle connections are dropped by the client before the server (keep-alive 5 s) would,
    # so a request never goes out on a connection the server is closing.
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=2, keepalive_expiry=2)
    deadline = time.monotonic() + seconds
    clients = [httpx.AsyncClient(base_url=url, timeout=60, limits=limits) for _ in range(officers)]
    try:
        team = [
            Officer(n, client, invitation, themes, figures, retries, think, label, random.Random(n))
            for n, client in enumerate(clients)
        ]
        tasks = [officer.work(deadline) for officer in team]
        if during is not None:
            tasks.append(during())
        await asyncio.gather(*tasks)
    finally:
        for client in clients:
            await client.aclose()
    return figures


# Checking what was stored


@dataclass(frozen=True)
class Check:
    answers_sent: int
    answers_stored: int
    lost: int
    submitted_sent: int
    submitted_stored: int
    unexpected: int  # answers stored that no acknowledged save sent


def check_stored(installation: Installation, figures: Figures) -> Check:
    from assessment.storage import assessments, responses
    from assessment.storage.base import db

    app = installation.app()
    stored: dict[str, tuple[dict[str, str], dict[str, str], bool]] = {}
    with app.app_context():
        assessment = assessments.assessment_by_invitation(installation.invitation)
        for response in assessment.responses:
            comments = {
                theme: entry.comment
                for theme, entry in responses.theme_entries_for(response).items()
                if entry.comment
            }
            tags = {comment.split(" on ")[0] for comment in comments.values()}
            answers = {q: str(v) for q, v in responses.answers_for(response).items()}
            for tag in tags:
                stored[tag] = (answers, comments, response.submitted)
        db.engine.dispose()

    sent = stored_count = unexpected = 0
    for tag, answers in figures.answers.items():
        kept, comments, _ = stored.get(tag, ({}, {}, False))
        sent += len(answers) + len(figures.comments[tag])
        stored_count += sum(kept.get(q) == v for q, v in answers.items())
        stored_count += sum(comments.get(t) == c for t, c in figures.comments[tag].items())
        unexpected += len(set(kept) - set(answers))
    submitted_stored = sum(stored.get(tag, ({}, {}, False))[2] for tag in figures.submitted)
    lost = sent - stored_count + len(figures.submitted) - submitted_stored
    return Check(sent, stored_count, lost, len(figures.submitted), submitted_stored, unexpected)


# Running it


@dataclass(frozen=True)
class Report:
    officers: int
    seconds: float
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    questionnaires_started: int
    check: Check

    def lines(self) -> list[str]:
        c = self.check
        return [
            f"officers                     {self.officers}",
            f"seconds                      {self.seconds:.0f}",
            f"requests                     {self.requests}",
            f"errors                       {self.errors}",
            f"latency p50 (ms)             {self.p50_ms:.0f}",
            f"latency p95 (ms)             {self.p95_ms:.0f}",
            f"requests per second          {self.requests / self.seconds:.0f}",
            f"questionnaires started       {self.questionnaires_started}",
            f"responses submitted          {c.submitted_sent} sent, {c.submitted_stored} stored",
            f"answers and comments         {c.answers_sent} sent, {c.answers_stored} stored",
            f"lost                         {c.lost}",
            f"stored but never sent        {c.unexpected}",
        ]


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] * 1000 if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1] * 1000


def run(
    officers: int,
    seconds: float,
    database_url: str | None = None,
    bank_path: Path = REAL_BANK,
    workers: int = 2,
    threads: int = 8,
    think: float = 0.0,
) -> Report:
    with fresh_database(database_url) as url:
        installation = install(url, bank_path)
        themes = bank_themes(bank_path)
        with Gunicorn(installation, workers, threads) as server:
            # One questionnaire an officer-thread first, not timed: every worker has then
            # compiled its templates and opened its database connections.
            team = workers * threads
            warm = run_async(
                drive(server.url, installation.invitation, themes, team, 0, label="warm")
            )
            started = time.monotonic()
            figures = run_async(
                drive(server.url, installation.invitation, themes, officers, seconds, think=think)
            )
            elapsed = time.monotonic() - started
        if warm.errors:
            print("warming up failed:", *warm.errors[:10], sep="\n  ", file=sys.stderr)
        checked = check_stored(installation, figures)
    if figures.errors:
        print("first errors:", *figures.errors[:10], sep="\n  ", file=sys.stderr)
    return Report(
        officers=officers,
        seconds=elapsed,
        requests=len(figures.latencies) + len(figures.errors),
        errors=len(figures.errors),
        p50_ms=percentile(figures.latencies, 0.50),
        p95_ms=percentile(figures.latencies, 0.95),
        questionnaires_started=figures.started,
        check=checked,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officers", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("TEST_DATABASE_URL"),
        help="PostgreSQL to make a schema in (default TEST_DATABASE_URL; none: SQLite)",
    )
    parser.add_argument("--bank", type=Path, default=REAL_BANK, help="question bank folder")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--think", type=float, default=0.0, help="seconds between pages")
    args = parser.parse_args(argv)
    report = run(
        args.officers,
        args.seconds,
        args.database_url,
        args.bank,
        args.workers,
        args.threads,
        args.think,
    )
    print("\n".join(report.lines()))
    return 1 if report.errors or report.check.lost or report.check.unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
