"""Officers' pages under load, against a bare Flask hello world on the same gunicorn.

Scenarios: GET a real theme page of the real bank in a signed-in officer's
session; POST that page and follow its redirect. Figures are requests (or saves)
per second and their ratio to hello world measured in the same run.
"""

from __future__ import annotations

import re
import statistics
from urllib.parse import urlencode

from assessment.storage import assessments, councils, responses

from .servers import gunicorn, worker_peak_rss_mb, wrk
from .setup import KINDS, demo_app, settings

POSTED = {"culture.test_and_learn": "4", "culture.empowerment": "3", "culture.recognition": "dk"}


def _officer(app) -> tuple[str, str, str]:
    """An officer part way through the demo questionnaire: (invitation, session cookie, token)."""
    with app.app_context():
        # The demo's open round: its other round is closed, and takes no answers.
        rounds = assessments.assessments_for(councils.council_by_slug("exampleshire"))
        invitation = next(a for a in rounds if a.status == "open").invitation_token
    client = app.test_client()
    token = _token(client.get(f"/s/{invitation}/about-you").get_data(as_text=True))
    client.post(
        f"/s/{invitation}/about-you",
        data={"csrf_token": token, "role_tier": "frontline", "service_area": "housing"},
    )
    token = _token(client.get(f"/s/{invitation}/themes/culture").get_data(as_text=True))
    return invitation, client.get_cookie("session").value, token


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _stored(app, invitation: str) -> dict:
    with app.app_context():
        assessment = assessments.assessment_by_invitation(invitation)
        web = [r for r in assessment.responses if r.source == "web"]
        return responses.answers_for(web[0]) if len(web) == 1 else {}


# Each scenario runs in turns with hello world, and its ratio is the median of each
# turn's: the machine's speed drifts (other machines share it) over a run's minute,
# and a turn's two runs, seconds apart, see the same machine.
TURNS = 3


def measure(kind: str, seconds: int = 8) -> dict[str, float]:
    with demo_app(kind) as app:
        env = settings(app.config["SQLALCHEMY_DATABASE_URI"])
        invitation, cookie, token = _officer(app)
        page = f"/s/{invitation}/themes/culture"
        body = urlencode({"csrf_token": token, **POSTED, "save_and_continue": "y"})
        save_lua = _lua_save(page, f"/s/{invitation}/themes/risk", cookie, body)
        with (
            gunicorn("benchmarks.hello:app", {}) as (hello_url, _),
            gunicorn("assessment.wsgi:app", env, ready_path="/healthz") as (base, master),
        ):
            get = _in_turns(hello_url + "/", base + page, seconds, _lua_get(page, cookie))
            save = _in_turns(hello_url + "/", base + page, seconds, save_lua)
            worker_mb = worker_peak_rss_mb(master)
        stored = _stored(app, invitation)
    expected = {k: ("dk" if v == "dk" else int(v)) for k, v in POSTED.items()}
    return {
        f"{kind}: hello world (req/s)": statistics.median(get["hello"] + save["hello"]),
        f"{kind}: question page (req/s)": get["rps"],
        f"{kind}: question page / hello": get["ratio"],
        f"{kind}: save and follow (saves/s)": save["rps"] / 2,
        f"{kind}: save / hello": save["ratio"] / 2,
        f"{kind}: errors": get["errors"] + save["errors"],
        f"{kind}: answers stored as sent (1 = yes)": float(stored == expected),
        f"{kind}: web worker peak RSS (MB)": worker_mb,
    }


def _in_turns(hello_url: str, url: str, seconds: int, lua: str) -> dict:
    """The scenario's requests/s and its ratio to hello world, over TURNS turns of each.
    Every worker serves a second first, as it will all day: anything a worker makes
    once (the page shells, compiled statements) is made before the timed runs."""
    errors = wrk(hello_url, 1)["errors"] + wrk(url, 1, lua)["errors"]
    turn_seconds = max(1, round(seconds / TURNS))
    hello, scenario = [], []
    for _ in range(TURNS):
        reference, measured = wrk(hello_url, turn_seconds), wrk(url, turn_seconds, lua)
        hello.append(reference["rps"])
        scenario.append(measured["rps"])
        errors += reference["errors"] + measured["errors"]
    ratios = [s / h for s, h in zip(scenario, hello, strict=True)]
    return {
        "rps": statistics.median(scenario),
        "hello": hello,
        "ratio": statistics.median(ratios),
        "errors": errors,
    }


def _lua_get(path: str, cookie: str) -> str:
    return f"""
request = function() return wrk.format("GET", "{path}", {{["Cookie"] = "session={cookie}"}}) end
"""


def _lua_save(path: str, next_path: str, cookie: str, body: str) -> str:
    # Each save is a POST and then the GET of the page it redirects to.
    return f"""
local posting = false
request = function()
  posting = not posting
  if posting then
    return wrk.format("POST", "{path}",
      {{["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "session={cookie}"}},
      "{body}")
  end
  return wrk.format("GET", "{next_path}", {{["Cookie"] = "session={cookie}"}})
end
"""


if __name__ == "__main__":
    for kind in KINDS:
        for name, value in measure(kind).items():
            print(f"{name:45} {value:10.2f}")
