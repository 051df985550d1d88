"""How long the PDF report takes, against WeasyPrint's own time for the same HTML.

Prints figures; asserts nothing. Run: .venv/bin/python -m benchmarks.report_render
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time

from assessment.bank import current_bank
from assessment.demo import ASSESSMENT_TITLE
from assessment.reports import chart_export
from assessment.reports.pdf import render_pdf
from assessment.services import report
from assessment.storage import assessments, councils, snapshots

from .setup import demo_app


def _seconds(work, repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _browser_pss_mb() -> float:
    """Proportional memory (PSS: shared pages split fairly) of the chart export browser, in MB."""
    total = 0
    for pid in _descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _descendants(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-eo", "pid=,ppid="], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        child, parent = map(int, line.split())
        children.setdefault(parent, []).append(child)
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def measure(repeat: int = 3) -> dict[str, float]:
    # This process is the report worker here, as the `report` command is (even with REDIS_URL).
    with demo_app() as app, app.test_request_context(), chart_export.report_worker():
        council = councils.council_by_slug("exampleshire")
        assessment = next(
            a for a in assessments.assessments_for(council) if a.title == ASSESSMENT_TITLE
        )
        bank = current_bank()
        snapshot = snapshots.stored(assessment)  # the demo's results round is closed
        cache = report.ReportCache(app.config["REPORT_CACHE_DIR"])

        first = _seconds(lambda: report.report_pdf(assessment, snapshot))  # starts the browser

        def cold():
            for old in cache.folder.glob("*.pdf"):
                old.unlink()
            report.report_pdf(assessment, snapshot)

        cold_seconds = _seconds(cold, repeat)
        cached_seconds = _seconds(lambda: report.report_pdf(assessment, snapshot), repeat)
        html, _ = report.report_html(bank, assessment, snapshot)
        weasyprint_seconds = _seconds(lambda: render_pdf(html), repeat)
        figures = {
            "first render, browser starting (s)": first,
            "cold render, empty cache (s)": cold_seconds,
            "cached download (ms)": cached_seconds * 1000,
            "WeasyPrint alone, same HTML (s)": weasyprint_seconds,
            "cold / WeasyPrint (ratio, target <= 2)": cold_seconds / weasyprint_seconds,
            "peak RSS of this process (MB)": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            / 1024,
            "chart export browser PSS (MB)": _browser_pss_mb(),
        }
        chart_export.exporter().close()
    return figures


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name:45} {value:10.2f}")
