"""Gunicorn and wrk, as the benchmarks use them: 2 sync workers on loopback."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKERS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(
    app_spec: str, env: dict[str, str], ready_path: str = "/", access_log: Path | None = None
):
    """A gunicorn master with WORKERS sync workers, once a worker answers `ready_path`;
    yields (base URL, master process). `access_log` gets a line a request."""
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            *(["--access-logfile", str(access_log)] if access_log else []),
            app_spec,
        ],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    try:
        _wait_for(port, process)
        base = f"http://127.0.0.1:{port}"
        # The port is open as soon as the master binds it, while the workers are still
        # importing the app (1.7 s of an 8 s run for ours, next to nothing for hello
        # world): a run started then would time the start-up, not the serving.
        _wait_for_an_answer(base + ready_path, process)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not start in time")


def _wait_for_an_answer(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting")
        try:
            with urllib.request.urlopen(url, timeout=seconds) as answer:
                answer.read()
            return
        except OSError:  # refused, reset or an error status while starting
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in time")


def worker_peak_rss_mb(master: subprocess.Popen) -> float:
    """The largest peak resident memory (VmHWM) among the master's workers."""
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master.pid)], capture_output=True, text=True
    ).stdout
    peaks = []
    for pid in out.split():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        if found:
            peaks.append(int(found.group(1)) / 1024)
    return max(peaks, default=0.0)


# wrk's --latency table stops at 90% and 99%: the 95th percentile comes from its done().
_P95 = """
done = function(summary, latency, requests)
  io.write(string.format("p95 latency: %d us\\n", latency:percentile(95)))
end
"""


def wrk(url: str, seconds: int, lua: str | None = None, connections: int = 4) -> dict[str, float]:
    """Requests per second, errors (non-2xx/3xx and socket errors) and the 95th
    percentile latency in milliseconds, from wrk."""
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write((lua or "") + _P95)
        script.flush()
        command += ["-s", script.name]
        out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p95_ms = int(re.search(r"p95 latency: (\d+) us", out).group(1)) / 1000
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(n) for n in sockets.groups()) if sockets else 0
    return {"rps": rps, "errors": errors, "p95_ms": p95_ms}
