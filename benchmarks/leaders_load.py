"""An officer's question page while 10 leaders keep refreshing the results pages of a
closed 20,000-response assessment (each a page a second), against the same page
with no leaders about.

Leaders read the results snapshot stored at close, so their pages cost a read of
one row and the rendering, not scoring 20,000 people: the officer's page should
hardly notice them. Figures: the officer page's 95th percentile latency alone and
under the leaders' load, their ratio, and the leaders' pages a second.
"""

from __future__ import annotations

import statistics
import threading

from werkzeug.security import generate_password_hash

from assessment.bank import current_bank
from assessment.services import closing
from assessment.storage import queries

from .dataset import big_assessment
from .http_throughput import _lua_get, _officer, _token
from .servers import gunicorn, wrk
from .setup import demo_app, settings

RESPONDENTS = 20_000
LEADERS = 10
OFFICERS = 4  # connections, as in http_throughput's question page
REFRESH_MS = 1000  # each leader asks for a results page once a second
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
            council = queries.council_by_slug("bench")
            queries.create_user(LEADER, generate_password_hash(PASSWORD), "leader", council)
            queries.commit()
            results_id = assessment.id
        leader_cookie = _leader_cookie(app)
        invitation, officer_cookie, _ = _officer(app)
        officer_page = f"/s/{invitation}/themes/culture"
        env = settings(app.config["SQLALCHEMY_DATABASE_URI"])
        with gunicorn("assessment.wsgi:app", env, ready_path="/healthz") as (base, _):
            officer_lua = _lua_get(officer_page, officer_cookie)
            leaders_lua = _lua_cycle([f"/assessments/{results_id}/{p}" for p in RESULTS_PAGES])
            leaders_lua = leaders_lua.replace("COOKIE", leader_cookie)
            # Every worker serves both kinds of page once before anything is timed.
            wrk(base + officer_page, 1, officer_lua)
            wrk(base + "/", 1, leaders_lua)
            return [
                _run(kind, base, officer_page, officer_lua, leaders_lua, seconds)
                for _ in range(runs)
            ]


def _run(kind, base, officer_page, officer_lua, leaders_lua, seconds) -> dict[str, float]:
    alone = wrk(base + officer_page, seconds, officer_lua, connections=OFFICERS)
    leaders: dict[str, float] = {}

    def leaders_refresh() -> None:
        # Longer than the officers' run, so the officers are never without the load.
        leaders.update(wrk(base + "/", seconds + 2, leaders_lua, connections=LEADERS))

    load = threading.Thread(target=leaders_refresh)
    load.start()
    try:
        threading.Event().wait(1)  # the leaders' connections are all busy first
        loaded = wrk(base + officer_page, seconds, officer_lua, connections=OFFICERS)
    finally:
        load.join()
    return {
        f"{kind}: officer page p95, alone (ms)": alone["p95_ms"],
        f"{kind}: officer page p95, {LEADERS} leaders on results (ms)": loaded["p95_ms"],
        f"{kind}: officer p95 under leaders / alone": loaded["p95_ms"] / alone["p95_ms"],
        f"{kind}: leaders' results pages, {RESPONDENTS:,} responses (req/s)": leaders["rps"],
        f"{kind}: officer and leader errors": sum(
            run["errors"] for run in (alone, loaded, leaders)
        ),
    }


def _leader_cookie(app) -> str:
    client = app.test_client()
    token = _token(client.get("/auth/sign-in").get_data(as_text=True))
    client.post("/auth/sign-in", data={"csrf_token": token, "email": LEADER, "password": PASSWORD})
    return client.get_cookie("session").value


def _lua_cycle(paths: list[str]) -> str:
    """Each connection reads the results pages in turn, as a leader clicking through,
    a page every REFRESH_MS: people refresh, they don't hammer. Without the pause ten
    connections would saturate both workers, and the officer's figure would measure
    the queue that any ten flat-out clients make, whatever the pages cost."""
    listed = ", ".join(f'"{path}"' for path in paths)
    return f"""
local paths = {{{listed}}}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {{["Cookie"] = "session=COOKIE"}})
end
delay = function()
  return {REFRESH_MS}
end
"""


if __name__ == "__main__":
    import sys

    kind = sys.argv[1] if len(sys.argv) > 1 else "sqlite"
    runs = measure(kind, runs=1, seconds=int(sys.argv[2]) if len(sys.argv) > 2 else 8)
    for name in runs[0]:
        value = statistics.median(run[name] for run in runs)
        print(f"{name:60} {value:10.2f}")
