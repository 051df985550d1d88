"""An officer's question page while 10 leaders keep refreshing the results pages of a
closed 20,000-response assessment (each a page a second), against the same page
with no leaders about.

Leaders read the results snapshot stored at close, so their pages cost a read of
one row and the rendering, not scoring 20,000 people: the officer's page should
hardly notice them. Figures: the officer page's 95th percentile latency alone and
under the leaders' load, their ratio, and the leaders' pages a second.
"""

from __future__ import annotations

import http.client
import statistics
import threading
from urllib.parse import urlsplit

from werkzeug.security import generate_password_hash

from assessment.bank import current_bank
from assessment.services import closing
from assessment.storage import accounts, councils, database

from .dataset import big_assessment
from .http_throughput import _lua_get, _officer, _token
from .servers import gunicorn, wrk
from .setup import demo_app, settings

RESPONDENTS = 20_000
LEADERS = 10
OFFICERS = 4  # connections, as in http_throughput's question page
REFRESH_SECONDS = 1  # each leader asks for a results page once a second
LEADER, PASSWORD = "bench-leader@example.org", "benchmark-password"
RESULTS_PAGES = ("results", "results/radar", "results/themes", "results/perception")
RESULTS_PAGES += ("results/silos", "results/themes/culture", "results/themes/technology")


def measure(kind: str = "sqlite", runs: int = 1, seconds: int = 8) -> list[dict[str, float]]:
    """Figures for each of `runs` runs over the same data (it takes a while to make)."""
    with demo_app(kind) as app:
        with app.app_context():
            bank = current_bank()
            assessment = big_assessment(bank, RESPONDENTS, seed=20)
            closing.close(assessment, bank)
            council = councils.council_by_slug("bench")
            accounts.create_user(LEADER, generate_password_hash(PASSWORD), "leader", council)
            database.commit()
            results_id = assessment.id
        leader_cookie = _leader_cookie(app)
        invitation, officer_cookie, _ = _officer(app)
        officer_page = f"/s/{invitation}/themes/culture"
        env = settings(app.config["SQLALCHEMY_DATABASE_URI"])
        with gunicorn("assessment.wsgi:app", env, ready_path="/healthz") as (base, _):
            officer_lua = _lua_get(officer_page, officer_cookie)
            leader_paths = [f"/assessments/{results_id}/{p}" for p in RESULTS_PAGES]
            cookie = f"session={leader_cookie}"
            # Every worker serves both kinds of page once before anything is timed.
            wrk(base + officer_page, 1, officer_lua)
            wrk(base + leader_paths[0], 1, _lua_get(leader_paths[0], leader_cookie))
            return [
                _run(kind, base, officer_page, officer_lua, leader_paths, cookie, seconds)
                for _ in range(runs)
            ]


def _run(kind, base, officer_page, officer_lua, leader_paths, leader_cookie, seconds):
    alone = wrk(base + officer_page, seconds, officer_lua, connections=OFFICERS)
    stop = threading.Event()
    counts = {"pages": 0, "errors": 0}
    leaders = [
        threading.Thread(target=_leader, args=(base, leader_paths, leader_cookie, stop, counts))
        for _ in range(LEADERS)
    ]
    for leader in leaders:
        leader.start()
    try:
        stop.wait(1)  # every leader has asked for a page first
        loaded = wrk(base + officer_page, seconds, officer_lua, connections=OFFICERS)
    finally:
        stop.set()
        for leader in leaders:
            leader.join()
    return {
        f"{kind}: officer page p95, alone (ms)": alone["p95_ms"],
        f"{kind}: officer page p95, {LEADERS} leaders on results (ms)": loaded["p95_ms"],
        f"{kind}: officer p95 under leaders / alone": loaded["p95_ms"] / alone["p95_ms"],
        f"{kind}: leaders' results pages served, {RESPONDENTS:,} responses": counts["pages"],
        f"{kind}: officer and leader errors": alone["errors"] + loaded["errors"] + counts["errors"],
    }


def _leader(base: str, paths: list[str], cookie: str, stop: threading.Event, counts) -> None:
    """A leader reading the results pages in turn, a page every REFRESH_SECONDS.

    Not wrk: its delay() opens the next connection at once and waits before sending on
    it, and a sync gunicorn worker that has taken such a connection waits with it, so
    ten leaders would hold the workers idle. A browser behind the reverse proxy that a
    production server has (README) sends its request as it connects."""
    address = urlsplit(base)
    turn = 0
    while not stop.is_set():
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        try:
            connection.request("GET", paths[turn % len(paths)], headers={"Cookie": cookie})
            ok = connection.getresponse().status == 200
        except OSError:
            ok = False
        finally:
            connection.close()
        counts["pages" if ok else "errors"] += 1
        turn += 1
        stop.wait(REFRESH_SECONDS)


def _leader_cookie(app) -> str:
    client = app.test_client()
    token = _token(client.get("/auth/sign-in").get_data(as_text=True))
    client.post("/auth/sign-in", data={"csrf_token": token, "email": LEADER, "password": PASSWORD})
    return client.get_cookie("session").value


if __name__ == "__main__":
    import sys

    kind = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
    runs = measure(kind, runs=1, seconds=int(sys.argv[2]) if len(sys.argv) > 2 else 8)
    for name in runs[0]:
        value = statistics.median(run[name] for run in runs)
        print(f"{name:60} {value:10.2f}")
