"""A gunicorn worker killed outright (SIGKILL) while officers are answering: every
answer the server acknowledged is in the database afterwards, and answering goes on
on the worker gunicorn starts in its place."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

from benchmarks import load_officers

from ..conftest import TWO_THEMES


def test_every_acknowledged_answer_survives_a_worker_killed_mid_run(postgresql_server):
    with load_officers.fresh_database(postgresql_server.url) as url:
        installation = load_officers.install(url, TWO_THEMES)
        with load_officers.Gunicorn(installation, workers=2, threads=1) as server:
            assert len(server.workers()) == 2
            figures = load_officers.Figures()
            killed: list[tuple[int, int]] = []  # (pid, requests answered by then)

            async def kill_workers() -> None:
                for _ in range(2):
                    await asyncio.sleep(2)
                    victim = await _busy(server.workers())
                    os.kill(victim, signal.SIGKILL)
                    killed.append((victim, len(figures.latencies)))

            load_officers.run_async(
                load_officers.drive(
                    server.url,
                    installation.invitation,
                    load_officers.bank_themes(TWO_THEMES),
                    officers=6,
                    seconds=8,
                    retries=8,  # a request cut off by the kill is sent again, as a person would
                    during=kill_workers,
                    figures=figures,
                )
            )
            deadline = time.monotonic() + 10
            while len(server.workers()) < 2 and time.monotonic() < deadline:
                time.sleep(0.2)
            after = server.workers()

        check = load_officers.check_stored(installation, figures)

    print(f"\nrequests cut off by the kills, then tried again: {len(figures.errors)}")
    assert len(killed) == 2
    assert not {pid for pid, _ in killed} & set(after), "the killed workers are gone"
    assert len(after) == 2, "gunicorn started workers in their place"
    assert len(figures.latencies) > killed[-1][1], "officers went on answering after the kill"
    assert check.submitted_sent > 0 and check.answers_sent > 0
    assert check.lost == 0, check
    assert check.unexpected == 0, check


async def _busy(workers: list[int], seconds: float = 1.0) -> int:
    """A worker caught running (most likely in the middle of a request), else the first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for pid in workers:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state == "R":
                return pid
        await asyncio.sleep(0.005)
    return workers[0]
