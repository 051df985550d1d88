"""Performance budget: checking that a pooled connection still works costs a round
trip, so a connection used a moment ago is not checked again (the check of one left
idle, and its replacement, is tests/integration/test_health.py's)."""

from __future__ import annotations

from assessment.storage import database


def test_a_connection_used_a_moment_ago_is_not_checked_again(app, client, monkeypatch):
    assert client.get("/healthz").status_code == 200
    checked: list[bool] = []
    real = database._still_works
    monkeypatch.setattr(database, "_still_works", lambda c: checked.append(real(c)) or checked[-1])
    for _ in range(5):
        assert client.get("/healthz").status_code == 200
    assert checked == []
