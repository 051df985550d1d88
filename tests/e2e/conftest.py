"""Browser tests: the real app on a live server, driven in Debian's Chromium.

One server and one browser for the whole session; each test gets fresh browser
contexts (so fresh cookies), and every page a test opens is watched for console
errors, uncaught exceptions, Content Security Policy violations and files that
fail to load. Chromium missing skips these tests, except in CI, where it fails.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from flask import Flask, got_request_exception
from flask_migrate import upgrade
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from werkzeug.security import generate_password_hash
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from assessment import create_app, demo
from assessment.bank import current_bank, shelf
from assessment.storage import accounts, assessments, councils, database
from assessment.storage.base import db

from .axe import LEDGER, AxeAudit, AxeLedger, axe_source
from .pages import AUTHENTICATOR_SECRET

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BUILT_ASSETS = ROOT / "static" / "assets" / "manifest.json"
SECRET_KEY = "e2e-secret-key-0123456789abcdef-0123456789"
PASSWORD = "correct horse battery staple"
ADMIN_EMAIL = "admin@example.org"
OTHER_LEADER_EMAIL = "leader@otherton.example"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often give /dev/shm only 64 MB
]
# Runs before any of the page's own scripts, whatever the page's CSP says.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline code"}` +
    ` (${event.sourceFile || document.location.href}:${event.lineNumber})`
  );
});
"""


# The live server


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass  # one line a request would bury any real problem in the output


@dataclass
class LiveServer:
    url: str
    app: Flask
    errors: list[str] = field(default_factory=list)
    _server: BaseWSGIServer | None = None
    _thread: threading.Thread | None = None

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        with self.app.app_context():
            db.engine.dispose()


def start_server(database: Path, **overrides) -> LiveServer:
    app = create_app(
        {
            "APP_ENV": "testing",
            "SECRET_KEY": SECRET_KEY,
            "SESSION_COOKIE_SECURE": False,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "QUESTION_BANK_PATH": str(ROOT / "questions"),  # the real bank: the real pages
            "SIGN_IN_ATTEMPTS": "1000 per minute",
            "REPORT_CACHE_DIR": str(database.parent / "report-cache"),
            **overrides,
        }
    )
    with app.app_context():
        upgrade()
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    live = LiveServer(f"http://127.0.0.1:{server.server_port}", app, _server=server)
    app.config["BASE_URL"] = live.url

    def record(sender, exception, **extra) -> None:
        live.errors.append(f"{type(exception).__name__}: {exception}")

    got_request_exception.connect(record, app, weak=False)
    live._thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    live._thread.start()
    return live


@dataclass(frozen=True)
class Site:
    """The live server and what it was seeded with."""

    server: LiveServer
    assessment_id: int  # the demo council's assessment: 200 responses, every chart drawn
    invitation: str  # an open assessment of the demo council, for officers to answer
    open_assessment_id: int  # that assessment: its results pages say when results appear
    closed_invitation: str
    results_invitation: str  # the demo assessment's link: its staff page once published
    other_council_id: int
    other_assessment_id: int  # another council's, which the demo leader must not see
    council_id: int
    theme_ids: tuple[str, ...]
    theme_titles: tuple[str, ...]
    leader_email: str = demo.LEADER_EMAIL
    leader_password: str = demo.LEADER_PASSWORD
    admin_email: str = ADMIN_EMAIL
    admin_password: str = PASSWORD

    @property
    def url(self) -> str:
        return self.server.url


def _seed(app: Flask) -> dict:
    """The demo council and its results, an officers' assessment, a closed one,
    an administrator, and a second council the demo leader must never see."""
    with app.app_context():
        bank = current_bank()
        demo.load_demo(shelf())
        council = councils.council_by_slug(demo.COUNCIL_SLUG)
        results = next(a for a in assessments.assessments_for(council) if a.responses)
        officers = assessments.create_assessment(council, "Officers' assessment", 5, bank.version)
        closed = assessments.create_assessment(council, "Spring 2025", 5, bank.version)
        assessments.set_status(closed, "closed")
        admin = accounts.create_user(ADMIN_EMAIL, generate_password_hash(PASSWORD), "admin", None)
        admin.mfa_secret = AUTHENTICATOR_SECRET  # administrators must have one
        other = councils.create_council("otherton", "Otherton Council")
        accounts.create_user(OTHER_LEADER_EMAIL, generate_password_hash(PASSWORD), "leader", other)
        other_assessment = assessments.create_assessment(other, "Otherton 2026", 5, bank.version)
        database.commit()
        return {
            "assessment_id": results.id,
            "invitation": officers.invitation_token,
            "open_assessment_id": officers.id,
            "closed_invitation": closed.invitation_token,
            "results_invitation": results.invitation_token,
            "other_council_id": other.id,
            "other_assessment_id": other_assessment.id,
            "council_id": council.id,
            "theme_ids": tuple(theme.id for theme in bank.themes),
            "theme_titles": tuple(theme.title for theme in bank.themes),
        }


def _require_built_assets() -> None:
    if not BUILT_ASSETS.exists():
        pytest.fail(
            f"{BUILT_ASSETS.relative_to(ROOT)} is missing: the browser tests need the built "
            "styles and scripts. Run `make test`, or `npm ci && npm run build`."
        )


@pytest.fixture(scope="session")
def e2e_database(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("e2e") / "e2e.db"


@pytest.fixture(scope="session")
def site(e2e_database) -> Iterator[Site]:
    _require_built_assets()
    server = start_server(e2e_database)
    try:
        yield Site(server=server, **_seed(server.app))
    finally:
        server.stop()


# Leaders signed out after 6 idle seconds, warned 4 seconds before: the timeout
# warning is tested in seconds, not the half hour it is in production.
SHORT_IDLE_MINUTES = 0.1
SHORT_WARNING_SECONDS = 4


@pytest.fixture(scope="session")
def short_timeout_site(site, e2e_database) -> Iterator[Site]:
    server = start_server(
        e2e_database,
        LEADER_IDLE_MINUTES=SHORT_IDLE_MINUTES,
        TIMEOUT_WARNING_SECONDS=SHORT_WARNING_SECONDS,
    )
    try:
        yield replace(site, server=server)
    finally:
        server.stop()


# The browser


def _cannot_run(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests, but {reason}")
    pytest.skip(f"Browser tests skipped: {reason} (scripts/install-system-packages.sh installs it)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        _cannot_run(f"Chromium is not at {CHROMIUM} (set CHROMIUM_PATH to use another)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class BrowserProblems:
    """Everything a page did wrong that a person would not see but a developer should."""

    found: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.found.append(f"{page.url}: uncaught {error}"))
        page.on("response", lambda response: self._response(page, response))

    def allow(self, expected: str) -> None:
        """Forgets problems a test caused on purpose, named by part of their text."""
        self.found[:] = [problem for problem in self.found if expected not in problem]

    def csp_violation(self, source, description: str) -> None:
        self.found.append(f"{source['page'].url}: Content Security Policy: {description}")

    def _console(self, page: Page, message) -> None:
        # Chromium also logs a page deliberately answered with 400 (a form's error
        # state); files that fail to load are caught below, by their responses.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.found.append(f"{page.url}: console error: {message.text}")

    def _response(self, page: Page, response) -> None:
        # A keep-alive after the session has ended is refused with 401 on purpose:
        # the warning then sends the leader to sign in.
        expected = response.status == 401 and response.url.endswith("/auth/keep-alive")
        if response.status >= 400 and response.request.resource_type != "document" and not expected:
            self.found.append(f"{page.url}: {response.url} answered {response.status}")


@dataclass
class Browsing:
    """Opens pages in fresh browser contexts and checks, at the end, that none misbehaved."""

    browser: Browser
    site: Site
    problems: BrowserProblems = field(default_factory=BrowserProblems)
    contexts: list[BrowserContext] = field(default_factory=list)
    servers: list[LiveServer] = field(default_factory=list)

    def new_page(self, javascript: bool = True, server: LiveServer | None = None) -> Page:
        server = server or self.site.server
        if server not in self.servers:
            self.servers.append(server)
        context = self.browser.new_context(base_url=server.url, java_script_enabled=javascript)
        context.set_default_timeout(10_000)
        if javascript:
            context.expose_binding("__reportCspViolation", self.problems.csp_violation)
            context.add_init_script(CSP_LISTENER)
        context.on("page", self.problems.watch)
        self.contexts.append(context)
        return context.new_page()

    def close(self) -> list[str]:
        """Closes every context, and says what went wrong in the browser or on the server."""
        for context in self.contexts:
            context.close()
        found = list(self.problems.found)
        for server in self.servers:
            found.extend(f"server error: {error}" for error in server.errors)
            server.errors.clear()
        return found


@pytest.fixture
def browsing(browser, site) -> Iterator[Browsing]:
    browsing = Browsing(browser, site)
    yield browsing
    problems = browsing.close()
    assert not problems, "The browser or server reported problems:\n" + "\n".join(problems)


@pytest.fixture
def page(browsing) -> Page:
    """A page with JavaScript on, as most people see the service."""
    return browsing.new_page()


@pytest.fixture
def no_js_page(browsing) -> Page:
    """A page with JavaScript off, as in a locked-down browser."""
    return browsing.new_page(javascript=False)


@pytest.fixture
def new_page(browsing) -> Callable[..., Page]:
    """Another device: a fresh context with its own cookies."""
    return browsing.new_page


# axe-core


@pytest.fixture(scope="session")
def axe_ledger(request) -> AxeLedger:
    ledger = request.config.stash.setdefault(LEDGER, AxeLedger())
    return ledger


@pytest.fixture
def axe(axe_ledger) -> AxeAudit:
    return AxeAudit(axe_source(), axe_ledger)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    ledger = config.stash.get(LEDGER, None)
    if ledger is not None and ledger.pages:
        for line in ledger.summary():
            terminalreporter.write_line(line)
