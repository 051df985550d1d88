"""The benchmark scripts keep working (small smoke runs; nothing here is timed)."""

from __future__ import annotations

import threading
import types
from http.server import BaseHTTPRequestHandler, HTTPServer

from benchmarks import import_scale, leaders_load, results_scale, run, servers
from benchmarks.http_throughput import _lua_get, _lua_save


def test_the_table_marks_each_target_met_or_not():
    figures = {row.figure: 1.0 for row in run.rows()}
    for row in run.rows():
        for key in (row.reference, row.ratio):
            if key:
                figures[key] = 1.0
    for kind in ("sqlite", "postgresql"):
        figures[f"{kind}: errors"] = 0
        figures[f"{kind}: answers stored as sent (1 = yes)"] = 1.0
        figures[f"{kind}: results, 1,000 respondents (SQL statements)"] = 1.0
        figures[f"{kind}: officer and leader errors"] = 0
        figures[f"{kind}: import 100,000 rows, all stored (1 = yes)"] = 1.0
    figures["cached download (ms)"] = 80.0
    # What the page weight's targets read beside their rows' figures.
    figures["results overview, first visit, static files"] = 5
    figures["results overview, first visit, Brotli static files"] = 5
    figures["results overview, first visit, static requests to the server"] = 5
    figures["results overview, repeat visit, static requests to the server"] = 0
    text = run.table(figures)
    assert "PDF report, cached (ms)" in text and "NOT MET" in text
    assert text.count("(met)") > 5


def test_the_wrk_scripts_send_the_officers_session():
    assert "session=abc" in _lua_get("/s/x/themes/culture", "abc")
    save = _lua_save("/s/x/themes/culture", "/s/x/themes/risk", "abc", "a=1")
    assert '"POST", "/s/x/themes/culture"' in save and '"GET", "/s/x/themes/risk"' in save


def test_results_scale_runs_on_a_small_assessment(monkeypatch):
    monkeypatch.setattr(results_scale, "SIZES", (5, 10, 20))
    [figures] = results_scale.measure("sqlite", runs=1)
    counts = {figures[f"sqlite: results, {n:,} respondents (SQL statements)"] for n in (5, 10, 20)}
    assert len(counts) == 1, "SQL statements do not grow with respondents"
    assert figures["sqlite: dashboard, again (s)"] >= 0


def test_a_leader_reads_the_results_pages_in_turn_with_their_session(monkeypatch):
    seen: list[tuple[str, str]] = []
    stop = threading.Event()

    class Results(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append((self.path, self.headers["Cookie"]))
            if len(seen) == 3:
                stop.set()
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Results)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(leaders_load, "REFRESH_SECONDS", 0)
    counts = {"pages": 0, "errors": 0}
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        leaders_load._leader(base, ["/a", "/b"], "session=s", stop, counts)
    finally:
        server.shutdown()
    assert seen == [("/a", "session=s"), ("/b", "session=s"), ("/a", "session=s")]
    assert counts == {"pages": 3, "errors": 0}


def test_wrk_reports_the_95th_percentile(monkeypatch):
    out = "Requests/sec: 12.5\np95 latency: 4321 us\n"

    def fake_run(command, **_):
        return types.SimpleNamespace(stdout=out)

    monkeypatch.setattr(servers.subprocess, "run", fake_run)
    assert servers.wrk("http://x/", 1) == {"rps": 12.5, "errors": 0, "p95_ms": 4.321}


def test_the_import_benchmark_imports_a_small_file_and_reads_its_peak_memory():
    figures = import_scale.measure("sqlite", rows=30)
    assert figures["sqlite: import 30 rows, all stored (1 = yes)"] == 1
    assert figures["sqlite: import 30 rows, peak RSS (MB)"] > 10
    assert figures["sqlite: import command at rest, peak RSS (MB)"] > 10
