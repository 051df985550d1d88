"""Charts to SVG through kaleido and a real Chromium: reused, serialised, and never a hang.

Tests that need Chromium skip when it is missing, except on CI, which must
have it. One warm exporter serves most of them, because each browser start
costs seconds; tests that break it check that it comes back.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import kaleido
import plotly.graph_objects as go
import pytest

from assessment.framework.loader import load_bank
from assessment.framework.scoring import Respondent, score
from assessment.reports import chart_export, charts, heatmap
from assessment.reports.chart_export import ChartExporter, ChartExportError

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
BANK = load_bank(Path(__file__).resolve().parents[1] / "fixtures" / "questions" / "two_themes")
SVG_NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def bar(*labels: str) -> go.Figure:
    labels = labels or ("Ones",)
    return go.Figure(go.Bar(x=list(labels), y=list(range(1, len(labels) + 1)), text=labels))


def urls(svg: str) -> set[str]:
    return set(re.findall(r"""https?://[^\s"'()<>]+""", svg))


@pytest.fixture(scope="module")
def chromium():
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the chart export tests, but {reason}")
        pytest.skip(f"Chart export tests skipped: {reason}")
    return CHROMIUM


@pytest.fixture(scope="module")
def warm(chromium):
    exporter = ChartExporter(chromium)
    yield exporter
    exporter.close()


@pytest.fixture
def the_exporter(monkeypatch):
    """Make exporter() return the given exporter, leaving no process-wide one behind."""

    def install(exporter: ChartExporter | None) -> None:
        monkeypatch.setattr(chart_export, "_instance", exporter)

    install(None)
    return install


def test_a_bar_chart_exports_to_svg_with_its_label_and_no_remote_links(warm):
    svg = warm.svg(bar("Ones", "Twos"), width=640, height=360)
    assert svg.startswith("<svg")
    assert 'width="640"' in svg and 'height="360"' in svg
    assert "Ones" in svg and "Twos" in svg
    assert urls(svg) <= SVG_NAMESPACES


def test_the_dashboard_figures_export(warm):
    answers = {"culture.test_and_learn": 4, "culture.change": 3, "technology.legacy": 2}
    results = score(BANK, [Respondent("manager", "housing", answers)] * 3, 3)
    for make in (charts.pillar_chart, charts.radar_chart, charts.themes_chart):
        svg = warm.svg(make(BANK, results))
        assert svg.startswith("<svg"), make.__name__
        assert urls(svg) <= SVG_NAMESPACES, make.__name__


def test_the_heatmap_prints_its_scores_hidden_cells_key_and_whole_title(warm):
    answers = {"culture.test_and_learn": 4, "culture.change": 3, "technology.legacy": 2}
    people = [Respondent("manager", "housing", answers)] * 3
    people += [Respondent("manager", "planning", answers | {"culture.change": 1})] * 3
    fig = heatmap.heatmap_chart(BANK, score(BANK, people, 3))
    fig.layout.title.text = "A finding as long as the longest, naming " + "service areas, " * 8
    svg = warm.svg(charts.for_print(fig), width=charts.PRINT_WIDTH)
    texts = re.findall(r"<(?:text|tspan)[^>]*>([^<]+)</", svg)
    # Housing's and planning's culture (one question counts twice), each in its cell.
    assert "3.3" in texts and "2.0" in texts
    assert "Not" in texts and "shown" in texts and "1.0 below" in texts
    assert "The same" in texts and "1.0 above" in texts
    # The PDF's renderer draws no SVG gradient: the key must not need one.
    assert "linearGradient" not in svg
    # The title runs over lines, each short enough for the image's width.
    title = [text for text in texts if "service areas" in text or "A finding" in text]
    assert len(title) >= 2 and all(len(line) <= charts.PRINT_TITLE_CHARACTERS for line in title)


def test_one_browser_serves_call_after_call(warm):
    warm.svg(bar())
    starts, pid = warm.starts, warm._browser.kaleido.subprocess.pid
    warm.svg(bar("Again"))
    assert warm.starts == starts
    assert warm._browser.kaleido.subprocess.pid == pid


def test_calls_from_four_threads_all_succeed_one_at_a_time(warm, monkeypatch):
    warm.svg(bar())  # warm up, so the threads race for the lock, not the start
    starts = warm.starts
    real, running, most = kaleido.Kaleido.calc_fig, [0], [0]

    async def counted(self, *args, **kwargs):
        running[0] += 1
        most[0] = max(most[0], running[0])
        try:
            return await real(self, *args, **kwargs)
        finally:
            running[0] -= 1

    monkeypatch.setattr(kaleido.Kaleido, "calc_fig", counted)
    labels = [f"Thread{n}" for n in range(4)]
    barrier = threading.Barrier(4)

    def export(label):
        barrier.wait()
        return warm.svg(bar(label))

    with ThreadPoolExecutor(4) as pool:
        svgs = list(pool.map(export, labels))
    assert all(label in svg for label, svg in zip(labels, svgs, strict=True))
    assert most[0] == 1, "kaleido was called from two threads at once"
    assert warm.starts == starts


class HeldLock:
    """A lock another export holds for ever; notes how long each caller offers to wait."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        self.waits.append(timeout if blocking else 0)
        return False

    def release(self) -> None:
        raise AssertionError("released a lock it never held")


def test_a_caller_waits_for_the_lock_no_longer_than_the_timeout(warm, monkeypatch):
    warm.svg(bar())
    browser = warm._browser
    monkeypatch.setattr(warm, "timeout", 0.5)
    monkeypatch.setattr(warm, "_lock", HeldLock())  # another export, stuck
    with pytest.raises(ChartExportError, match="busy"):
        warm.svg(bar())
    assert warm._lock.waits == [0.5], "waited once, for the timeout, never without a bound"
    assert warm._browser is browser, "a busy exporter is not a broken one"


def test_exporter_is_one_per_process(the_exporter):
    first = chart_export.exporter()
    assert chart_export.exporter() is first
    assert first._browser is None, "created lazily: no browser until a chart is exported"


def test_a_forked_child_gets_its_own_exporter(the_exporter):
    parent = chart_export.exporter()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, then leave without running pytest's teardown
        child = chart_export.exporter()
        ok = child is not parent and child is chart_export.exporter()
        os.write(write, b"ok" if ok and child._pid == os.getpid() else b"no")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 2)
    os.waitpid(pid, 0)
    os.close(read)
    assert answer == b"ok"
    assert chart_export.exporter() is parent


def test_a_missing_browser_fails_fast_and_the_pdf_gets_none_and_a_warning(
    the_exporter, caplog, monkeypatch
):
    def no_start(*args):
        raise AssertionError("tried to start a browser that is not there")

    monkeypatch.setattr(chart_export, "_Browser", no_start)
    missing = ChartExporter(chromium="/nonexistent/chromium")
    with pytest.raises(ChartExportError, match="no Chromium at /nonexistent/chromium"):
        missing.svg(bar())
    assert missing.starts == 0, "refused before starting anything, so nothing to wait for"

    the_exporter(missing)
    with caplog.at_level(logging.WARNING, logger=chart_export.__name__):
        assert chart_export.svg_or_none(bar()) is None
    warnings = [r for r in caplog.records if r.name == chart_export.__name__]
    assert warnings and warnings[0].levelno == logging.WARNING
    assert "/nonexistent/chromium" in warnings[0].getMessage()


def test_a_browser_that_will_not_start_fails_fast():
    broken = ChartExporter(chromium=shutil.which("false") or "/bin/false")
    with pytest.raises(ChartExportError) as refused:
        broken.svg(bar())
    # Failed on the browser's exit, not by waiting out the timeout for it.
    assert "timed out" not in str(refused.value)
    assert broken.starts == 1
    assert broken._browser is None


def test_svg_or_none_returns_the_svg_when_the_export_works(warm, the_exporter):
    the_exporter(warm)
    svg = chart_export.svg_or_none(bar("Fine"), width=500)
    assert svg is not None and "Fine" in svg


def test_a_start_that_times_out_fails_and_the_next_call_starts_afresh(chromium, monkeypatch):
    browsers = []

    def noted(*args):
        browsers.append(real(*args))
        return browsers[-1]

    real = chart_export._Browser
    monkeypatch.setattr(chart_export, "_Browser", noted)
    exporter = ChartExporter(chromium, timeout=0.001)
    try:
        with pytest.raises(ChartExportError, match="timed out"):
            exporter.svg(bar())
        # The caller was let go while Chromium was still starting, not once it had.
        assert not browsers[0].opening.done()
        exporter.timeout = 20.0
        assert "Recovered" in exporter.svg(bar("Recovered"))
        assert exporter.starts == 2
    finally:
        exporter.close()


def test_an_export_that_times_out_fails_and_the_browser_is_restarted(warm, monkeypatch):
    warm.svg(bar())
    starts = warm.starts

    abandoned = threading.Event()

    async def stuck(self, *args, **kwargs):
        try:
            await asyncio.sleep(30)  # were it awaited, svg would fail, not hang
        except asyncio.CancelledError:
            abandoned.set()
            raise

    with monkeypatch.context() as patch:
        patch.setattr(kaleido.Kaleido, "calc_fig", stuck)
        patch.setattr(warm, "timeout", 1.0)
        with pytest.raises(ChartExportError, match="timed out"):
            warm.svg(bar())
    # Given up at the timeout: the stuck export was cancelled, not waited for.
    assert abandoned.wait(chart_export.CLOSE_WAIT)
    assert "Later" in warm.svg(bar("Later"))
    assert warm.starts == starts + 1


def test_a_dead_browser_is_restarted_on_the_next_call(warm):
    warm.svg(bar())
    starts, process = warm.starts, warm._browser.kaleido.subprocess
    os.killpg(process.pid, signal.SIGKILL)  # as the OOM killer would
    process.wait(10)
    assert "Revived" in warm.svg(bar("Revived"))
    assert warm.starts == starts + 1


def test_an_svg_with_a_remote_link_is_refused(warm, monkeypatch):
    async def remote(self, *args, **kwargs):
        return b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://x.test/a.png"/></svg>'

    warm.svg(bar())
    monkeypatch.setattr(kaleido.Kaleido, "calc_fig", remote)
    with pytest.raises(ChartExportError, match="remote"):
        warm.svg(bar())
