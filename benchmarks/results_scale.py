"""Scoring 100, 1,000 and 10,000 respondents live (as closing does to make the results
snapshot, and the operator's `results` command), against one raw GROUP BY of the same answers.

Also counts the SQL statements each takes (they must not grow with respondents)
and times the results dashboard page for the largest assessment.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from sqlalchemy import event, text
from werkzeug.security import generate_password_hash

from assessment.bank import current_bank
from assessment.services import closing
from assessment.storage import accounts, database, snapshots
from assessment.storage.base import db

from .dataset import big_assessment
from .setup import demo_app

SIZES = (100, 1_000, 10_000)
ADMIN, PASSWORD = "bench-admin@example.org", "benchmark-password"
RAW_GROUP_BY = "SELECT question_id, level, count(*) FROM answer GROUP BY question_id, level"


@contextmanager
def counting_statements():
    counted = []

    def count(*_args) -> None:
        counted.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _timed(work) -> tuple[float, int]:
    with counting_statements() as statements:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start, len(statements)


def measure(kind: str = "sqlite", runs: int = 1) -> list[dict[str, float]]:
    """Figures for each of `runs` runs over the same data (it takes a while to make)."""
    with demo_app(kind) as app, app.app_context():
        bank = current_bank()
        assessments = {size: big_assessment(bank, size, seed=size) for size in SIZES}
        closing.close(assessments[SIZES[-1]], bank)  # leaders' pages read its snapshot
        accounts.create_user(ADMIN, generate_password_hash(PASSWORD), "admin", None)
        database.commit()
        return [_run(app, bank, assessments, kind) for _ in range(runs)]


def _run(app, bank, assessments, label: str) -> dict[str, float]:
    figures: dict[str, float] = {}
    for size, assessment in assessments.items():
        seconds, statements = _timed(lambda a=assessment: snapshots.live_results(a, bank))
        figures[f"{label}: results, {size:,} respondents (s)"] = seconds
        figures[f"{label}: results, {size:,} respondents (SQL statements)"] = statements
    raw, _ = _timed(lambda: db.session.execute(text(RAW_GROUP_BY)).all())
    figures[f"{label}: raw GROUP BY of all answers (s)"] = raw
    largest = figures[f"{label}: results, {SIZES[-1]:,} respondents (s)"]
    figures[f"{label}: results {SIZES[-1]:,} / raw GROUP BY"] = largest / raw
    figures.update(_dashboard(app, assessments[SIZES[-1]], label))
    return figures


def _dashboard(app, assessment, label: str) -> dict[str, float]:
    client = app.test_client()
    page = client.get("/auth/sign-in").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post(
        "/auth/sign-in",
        data={"csrf_token": token, "email": ADMIN, "password": PASSWORD},
    )
    # Leaders read the snapshot made at close: the first read of the page is "cold".
    cold, cold_statements = _timed(lambda: client.get(f"/assessments/{assessment.id}/results"))
    again, again_statements = _timed(lambda: client.get(f"/assessments/{assessment.id}/results"))
    return {
        f"{label}: dashboard, {SIZES[-1]:,} respondents, cold (s)": cold,
        f"{label}: dashboard, cold (SQL statements)": cold_statements,
        f"{label}: dashboard, again (s)": again,
        f"{label}: dashboard, again (SQL statements)": again_statements,
    }


if __name__ == "__main__":
    for name, value in measure()[0].items():
        print(f"{name:55} {value:10.3f}")
