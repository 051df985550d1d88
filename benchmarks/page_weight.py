"""What the results overview costs a browser: bytes transferred (compressed, as sent)
on a first visit, and on a repeat visit by navigation, which should send no static
file at all and not even ask whether one has changed.

Debian's Chromium (as the browser tests use it) opens the demo leader's results
overview from gunicorn; Chrome's own network events give each response's size on
the wire, and gunicorn's access log says which requests reached the server.
Prints figures; asserts nothing. Run: .venv/bin/python -m benchmarks.page_weight
"""

from __future__ import annotations

import os
import statistics
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import BrowserContext, sync_playwright

from assessment.demo import ASSESSMENT_TITLE, LEADER_EMAIL, LEADER_PASSWORD
from assessment.storage import assessments, councils

from .http_throughput import _token
from .servers import gunicorn
from .setup import demo_app, settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
STATIC = "/static/"


@dataclass
class Visit:
    """Chrome's Network events for one page load, by request id."""

    urls: dict[str, str] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)
    wire_bytes: dict[str, int] = field(default_factory=dict)

    def total(self, static: bool | None = None) -> int:
        return sum(
            size
            for request, size in self.wire_bytes.items()
            if static is None or self._is_static(request) == static
        )

    def static_encodings(self) -> Counter:
        return Counter(
            self.encodings.get(request) or "none"
            for request in self.wire_bytes
            if self._is_static(request)
        )

    def _is_static(self, request: str) -> bool:
        return STATIC in self.urls.get(request, "")


def _visit(context: BrowserContext, url: str) -> Visit:
    page = context.new_page()
    session = context.new_cdp_session(page)
    visit = Visit()

    def response(event) -> None:
        visit.urls[event["requestId"]] = event["response"]["url"]
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        visit.encodings[event["requestId"]] = headers.get("content-encoding", "")

    def finished(event) -> None:
        visit.wire_bytes[event["requestId"]] = int(event["encodedDataLength"])

    session.on("Network.responseReceived", response)
    session.on("Network.loadingFinished", finished)
    session.send("Network.enable")
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("[data-app-chart] .main-svg")  # plotly.js ran and drew
    page.close()
    return visit


def _static_requests(access_log: Path) -> int:
    return sum(f"GET {STATIC}" in line for line in access_log.read_text().splitlines())


def measure(runs: int = 3) -> list[dict[str, float]]:
    with demo_app() as app:
        with app.app_context():
            council = councils.council_by_slug("exampleshire")
            assessment = next(
                a for a in assessments.assessments_for(council) if a.title == ASSESSMENT_TITLE
            )
        cookie = _leader_cookie(app)
        with tempfile.TemporaryDirectory() as folder:
            log = Path(folder) / "access.log"
            env = settings(app.config["SQLALCHEMY_DATABASE_URI"])
            with (
                gunicorn("assessment.wsgi:app", env, "/healthz", access_log=log) as (base, _),
                sync_playwright() as playwright,
            ):
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                url = f"{base}/assessments/{assessment.id}/results"
                figures = [_run(browser, base, url, cookie, log) for _ in range(runs)]
                browser.close()
    return figures


def _run(browser, base: str, url: str, cookie: str, log: Path) -> dict[str, float]:
    # A fresh context is a browser with an empty cache.
    context = browser.new_context()
    context.add_cookies([{"name": "session", "value": cookie, "url": base}])
    before_first = _static_requests(log)
    first = _visit(context, url)
    before_repeat = _static_requests(log)
    repeat = _visit(context, url)
    first_static_requests = before_repeat - before_first
    repeat_static_requests = _static_requests(log) - before_repeat
    context.close()
    return {
        "results overview, first visit (kB)": first.total() / 1000,
        "results overview, first visit, static files (kB)": first.total(static=True) / 1000,
        "results overview, first visit, Brotli static files": first.static_encodings()["br"],
        "results overview, first visit, static files": sum(first.static_encodings().values()),
        # The log's count on the first visit shows it counts: the same files as above.
        "results overview, first visit, static requests to the server": first_static_requests,
        "results overview, repeat visit (kB)": repeat.total() / 1000,
        "results overview, repeat visit, static bytes": repeat.total(static=True),
        "results overview, repeat visit, static requests to the server": repeat_static_requests,
    }


def _leader_cookie(app) -> str:
    client = app.test_client()
    token = _token(client.get("/auth/sign-in").get_data(as_text=True))
    client.post(
        "/auth/sign-in",
        data={"csrf_token": token, "email": LEADER_EMAIL, "password": LEADER_PASSWORD},
    )
    return client.get_cookie("session").value


if __name__ == "__main__":
    measured = measure()
    for name in measured[0]:
        print(f"{name:66} {statistics.median(run[name] for run in measured):10.1f}")
