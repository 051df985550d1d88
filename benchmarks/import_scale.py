"""`responses import` of a 100,000-row CSV for the real bank, as an operator runs it.

The command runs in a process of its own, so its peak memory (ru_maxrss, read
from that one child) is the import's and nothing else's. Beside it, the same
command's peak when it only prints its help: what the app costs before a row is
read. Figures: seconds, rows a second, both peaks.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade

from assessment.bank import current_bank
from assessment.framework.model import Bank
from assessment.storage import assessments, councils, results
from assessment.storage.base import db
from assessment.storage.database import commit

from .setup import ROOT, app_for, database, settings

ROWS = 100_000
FLASK = [sys.executable, "-m", "flask", "--app", "assessment"]


def write_csv(bank: Bank, path: Path, rows: int, seed: int = 11) -> None:
    """Rows as a council's spreadsheet holds them: every question, a few left empty or dk."""
    rng = random.Random(seed)
    roles = [o.id for o in bank.roles]
    areas = [o.id for o in bank.service_areas]
    questions = [q.id for q in bank.questions]
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["respondent", "role", "service_area", *questions])
        for n in range(rows):
            answers = [rng.choice(("1", "2", "3", "4", "5", "5", "dk", "")) for _ in questions]
            answers[0] = answers[0] or "3"  # never a row with no answers
            writer.writerow([f"person-{n}", rng.choice(roles), rng.choice(areas), *answers])


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, stdout) of one command in a child process of its own."""
    start = time.perf_counter()
    process = subprocess.Popen(
        FLASK + args,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    # wait4, not RUSAGE_CHILDREN: that is the largest of every child this process has had.
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    out, err = process.stdout.read().decode(), process.stderr.read().decode()
    process.stdout.close()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {err.strip()}")
    return seconds, usage.ru_maxrss / 1024, out  # Linux gives kilobytes


def measure(kind: str = "sqlite", rows: int = ROWS) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder, database(kind) as url:
        app = app_for(url)
        with app.app_context():
            upgrade()
            bank = current_bank()
            council = councils.create_council("imports", "Import Council")
            assessment_id = assessments.create_assessment(council, "Imported", 5, bank.version).id
            commit()
            path = Path(folder) / "responses.csv"
            write_csv(bank, path, rows)
        env = settings(url)
        _, at_rest, _ = _run(["responses", "import", "--help"], env)
        seconds, peak, out = _run(
            ["responses", "import", "--assessment", str(assessment_id), str(path)], env
        )
        with app.app_context():
            started, submitted = results.response_counts(
                assessments.assessment_by_id(assessment_id)
            )
            db.engine.dispose()  # before the database is dropped
        stored = out.startswith(f"Imported {rows} responses") and started == submitted == rows
        label = f"{kind}: import {rows:,} rows"
        return {
            f"{label} (s)": seconds,
            f"{label} (rows/s)": rows / seconds,
            f"{label}, peak RSS (MB)": peak,
            f"{kind}: import command at rest, peak RSS (MB)": at_rest,
            f"{label}, all stored (1 = yes)": float(stored),
        }


if __name__ == "__main__":
    for kind in sys.argv[1:] or ["sqlite"]:
        for name, value in measure(kind).items():
            print(f"{name:55} {value:10.2f}")
