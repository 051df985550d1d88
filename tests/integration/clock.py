"""A frozen clock for tests of waits, moved on by hand instead of sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from freezegun import freeze_time
from freezegun.api import _freeze_time


def frozen_clock() -> _freeze_time:
    # A year ahead of the real one: limits' memory storage also drops expired counts
    # from a timer thread, which freezegun leaves on the real clock. Behind it, that
    # thread would end a frozen wait as soon as real time passed its end.
    return freeze_time(datetime.now(UTC) + timedelta(days=365))
