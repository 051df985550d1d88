"""The dashboard's Plotly figures as SVG for the PDF report, through kaleido 1.x.

Kaleido drives a headless Chromium that takes seconds and a lot of memory to
start and is not thread-safe, so each process keeps one, on a private event
loop thread, behind a lock. Failures raise ChartExportError and every wait is
bounded by the timeout, so a broken browser costs the PDF a chart (it prints
the table and a note), never a 500 or a hang. There may be no internet, so
plotly.js is the plotly package's own and MathJax (a CDN script) is off.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import contextvars
import logging
import os
import re
import shutil
import signal
import threading
import time
from importlib import resources
from pathlib import Path

import plotly.graph_objects as go

log = logging.getLogger(__name__)

# A graceful close sends Browser.close and waits for Chromium; past this, kill it.
CLOSE_WAIT = 10.0
# An href, src or CSS url() that would make the PDF renderer reach for the network.
_REMOTE = re.compile(r"""(?:href|src)\s*=\s*["']\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""")


class ChartExportError(RuntimeError):
    """A chart could not be exported: the report shows its table and a note instead."""


# Chromium costs a process hundreds of megabytes, so where report workers exist (RQ, with
# REDIS_URL) a web process must never start one: it says so with only_in_report_workers(),
# and then only code running inside report_worker() may export a chart.
_in_report_worker = contextvars.ContextVar("in_report_worker", default=False)
_only_in_report_workers = False


def only_in_report_workers(refuse: bool = True) -> None:
    """From now on this process exports charts only inside report_worker()."""
    global _only_in_report_workers
    _only_in_report_workers = refuse


@contextlib.contextmanager
def report_worker():
    """Mark the code inside as a report worker's, which may start Chromium."""
    token = _in_report_worker.set(True)
    try:
        yield
    finally:
        _in_report_worker.reset(token)


def _check_report_worker() -> None:
    if _only_in_report_workers and not _in_report_worker.get():
        raise ChartExportError("charts are exported by report workers, never a web process")


class _Browser:
    """One kaleido Chromium and the event loop thread it lives on."""

    def __init__(self, chromium: str, timeout: float) -> None:
        import kaleido  # only processes that export charts pay for it

        # Named and checked here: kaleido's own lookup falls back to a CDN if it is missing.
        plotly_js = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
        if not plotly_js.is_file():
            raise ChartExportError(f"no plotly.js bundled with plotly at {plotly_js}")
        self.kaleido = kaleido.Kaleido(
            path=chromium, timeout=timeout, mathjax=False, plotlyjs=plotly_js.as_uri()
        )
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self._run, name="chart-export", daemon=True).start()
        # Never cancelled: a half-started Chromium would escape close(), which waits for it.
        self.opening = self.submit(self.kaleido.open())

    def _run(self) -> None:
        self.loop.run_forever()
        self.loop.close()

    def submit(self, coroutine) -> concurrent.futures.Future:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def alive(self) -> bool:
        process = getattr(self.kaleido, "subprocess", None)
        return process is not None and process.poll() is None

    def close(self) -> concurrent.futures.Future:
        return self.submit(self._shutdown())

    async def _shutdown(self) -> None:
        try:
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(asyncio.wrap_future(self.opening), CLOSE_WAIT)
            await asyncio.wait_for(self.kaleido.close(), CLOSE_WAIT)
        except BaseException as exc:
            log.warning("Chart export browser did not close cleanly (%r); killing it", exc)
            # choreographer starts Chromium in a session of its own: the group is all its processes
            if self.alive():
                with contextlib.suppress(OSError):
                    os.killpg(self.kaleido.subprocess.pid, signal.SIGKILL)
        finally:
            # Leftovers such as choreographer's watchdog must end before the loop stops.
            if rest := asyncio.all_tasks() - {asyncio.current_task()}:
                for task in rest:
                    task.cancel()
                await asyncio.wait(rest, timeout=CLOSE_WAIT)
            self.loop.call_soon(self.loop.stop)


class ChartExporter:
    """Exports Plotly figures to SVG through one persistent browser, one call at a time."""

    def __init__(self, chromium: str | None = None, timeout: float = 20.0) -> None:
        self.chromium = (
            chromium
            or os.environ.get("CHROMIUM_PATH")
            or shutil.which("chromium")
            or "/usr/bin/chromium"
        )
        self.timeout = timeout
        self.starts = 0  # browsers started, so reuse is visible
        self._lock = threading.Lock()
        self._browser: _Browser | None = None
        self._pid = os.getpid()

    def svg(self, figure: go.Figure, width: int = 800, height: int | None = None) -> str:
        """The figure as SVG text; height None keeps the figure's own height."""
        _check_report_worker()
        deadline = time.monotonic() + self.timeout
        busy = ChartExportError(f"chart export busy for over {self.timeout:g}s")
        if not self._lock.acquire(timeout=self.timeout):
            raise busy
        try:
            if time.monotonic() >= deadline:  # not the browser's fault: keep it
                raise busy
            browser = self._ready(deadline)
            opts = {"format": "svg", "width": width} | ({"height": height} if height else {})
            data = self._wait(browser.submit(browser.kaleido.calc_fig(figure, opts)), deadline)
        finally:
            self._lock.release()
        text = data.decode("utf-8")
        if not text.lstrip().startswith("<svg"):
            raise ChartExportError(f"chart export returned no SVG: {text[:80]!r}")
        if _REMOTE.search(text):
            raise ChartExportError("chart SVG references a remote URL")
        return text

    def close(self) -> None:
        """Stop the browser, waiting a bounded time for it to go."""
        self._forget_if_forked()
        if not self._lock.acquire(timeout=self.timeout):
            log.warning("Chart exporter still busy at close; leaving its browser")
            return
        try:
            closing = self._discard()
        finally:
            self._lock.release()
        if closing is not None:
            with contextlib.suppress(Exception):
                closing.result(2 * CLOSE_WAIT + 1)

    def _forget_if_forked(self) -> None:
        if self._pid != os.getpid():  # the browser and its loop thread are the parent's
            self._browser, self._pid = None, os.getpid()

    def _ready(self, deadline: float) -> _Browser:
        self._forget_if_forked()
        if self._browser is not None and not self._browser.alive():
            log.warning("Chart export browser died; starting another")
            self._discard()
        if self._browser is None:
            if not os.access(self.chromium, os.X_OK):
                raise ChartExportError(f"no Chromium at {self.chromium}")
            started = time.monotonic()
            try:
                self._browser = _Browser(self.chromium, self.timeout)
            except Exception as exc:  # kaleido not installed, no pipes left
                raise ChartExportError(f"cannot start Chromium at {self.chromium}: {exc}") from exc
            self.starts += 1
            self._wait(self._browser.opening, deadline, cancel=False)
            log.info("Chart export browser started in %.1fs", time.monotonic() - started)
        return self._browser

    def _wait(self, future: concurrent.futures.Future, deadline: float, *, cancel: bool = True):
        """The future's result by the deadline; a timeout or dead browser discards it."""
        try:
            return future.result(max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            if cancel:
                future.cancel()
            self._discard()
            raise ChartExportError(f"chart export timed out after {self.timeout:g}s") from None
        except Exception as exc:
            if self._browser is not None and not self._browser.alive():
                self._discard()
            raise ChartExportError(f"chart export failed: {exc}") from exc

    def _discard(self) -> concurrent.futures.Future | None:
        """Forget the browser now and let it close in the background: nobody waits on it."""
        browser, self._browser = self._browser, None
        return browser.close() if browser is not None else None


_instance: ChartExporter | None = None
_instance_lock = threading.Lock()


def exporter() -> ChartExporter:
    """This process's exporter, created on first use and again in a forked child."""
    global _instance
    with _instance_lock:
        if _instance is None or _instance._pid != os.getpid():
            _instance = ChartExporter()
        return _instance


def svg_or_none(figure: go.Figure, **kwargs) -> str | None:
    """The figure as SVG, or None (logged) for the PDF to show its table and a note."""
    try:
        return exporter().svg(figure, **kwargs)
    except ChartExportError as exc:
        log.warning("Chart left out of the PDF: %s", exc)
        return None


def _after_fork_in_child() -> None:
    # The parent's lock may have been held by another thread at the fork.
    global _instance, _instance_lock
    _instance, _instance_lock = None, threading.Lock()


def _close_at_exit() -> None:
    if _instance is not None and _instance._pid == os.getpid():
        _instance.close()


os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_close_at_exit)
