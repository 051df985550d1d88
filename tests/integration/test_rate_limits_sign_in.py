"""Guessing passwords gets nowhere, and cannot be used to keep a leader out: failures
count per address (10 in 15 minutes) and, per account, only make the next try wait a
little longer, never more than five minutes."""

from __future__ import annotations

import pytest

from ..page_checks import csrf_token
from .clock import frozen_clock
from .people import PASSWORD, make_council

LEADER = "leader@northshire.example"


@pytest.fixture
def leader(app, clean_database) -> str:
    make_council(app, "northshire", LEADER)
    return LEADER


def _sign_in(client, email: str, password: str, address: str = "127.0.0.1"):
    where = {"REMOTE_ADDR": address}
    page = client.get("/auth/sign-in", environ_base=where).get_data(as_text=True)
    return client.post(
        "/auth/sign-in",
        data={"csrf_token": csrf_token(page), "email": email, "password": password},
        environ_base=where,
    )


def _guesser(n: int) -> str:
    return f"203.0.113.{n % 250}"


def test_ten_failures_from_one_address_pause_it_for_fifteen_minutes(app, client, leader):
    with frozen_clock():
        for number in range(10):
            assert _sign_in(client, f"guess{number}@northshire.example", "x").status_code == 400
        paused = _sign_in(client, leader, PASSWORD)
    assert paused.status_code == 429
    assert paused.headers["Retry-After"] == "900"
    assert "Try again in 15 minutes" in paused.get_data(as_text=True)
    fresh = app.test_client()
    assert _sign_in(fresh, leader, PASSWORD, address="192.0.2.7").status_code == 302


def test_failures_for_one_account_from_many_addresses_make_it_wait_a_little(app, client, leader):
    with frozen_clock() as clock:
        for n in range(5):
            assert _sign_in(client, leader, "wrong", _guesser(n)).status_code == 400
        assert _sign_in(client, leader, "wrong", _guesser(5)).status_code == 400
        owner = app.test_client()
        paused = _sign_in(owner, leader, PASSWORD, address="192.0.2.7")
        assert paused.status_code == 429
        assert paused.headers["Retry-After"] == "1"
        assert "Try again in 1 second." in paused.get_data(as_text=True)
        clock.tick(1)
        assert _sign_in(owner, leader, PASSWORD, address="192.0.2.7").status_code == 302


def test_an_attacker_guessing_as_fast_as_allowed_never_keeps_the_owner_out(app, client, leader):
    with frozen_clock() as clock:
        waits = []
        for n in range(40):  # each guess as soon as the last wait is over
            tried = _sign_in(client, leader, "wrong", _guesser(n))
            if tried.status_code == 429:
                waits.append(int(tried.headers["Retry-After"]))
                clock.tick(waits[-1])
        assert max(waits) == 5 * 60
        clock.tick(5 * 60)
        # The owner comes along during the longest wait, and is in once it is over.
        assert _sign_in(client, leader, "wrong", _guesser(99)).status_code == 400
        owner = app.test_client()
        assert _sign_in(owner, leader, PASSWORD, address="192.0.2.7").status_code == 429
        clock.tick(5 * 60)
        assert _sign_in(owner, leader, PASSWORD, address="192.0.2.7").status_code == 302


def test_the_owners_sign_in_forgives_the_accounts_failures(app, client, leader):
    for n in range(5):
        assert _sign_in(client, leader, "wrong", _guesser(n)).status_code == 400
    assert _sign_in(client, leader, PASSWORD).status_code == 302
    other = app.test_client()
    assert _sign_in(other, leader, "wrong", "192.0.2.8").status_code == 400
    assert _sign_in(other, leader, PASSWORD, "192.0.2.8").status_code == 302


def test_an_unknown_email_is_paused_like_a_real_one(client, leader):
    # Otherwise the pause would tell a guesser which addresses have accounts.
    for n in range(6):
        assert _sign_in(client, "nobody@northshire.example", "x", _guesser(n)).status_code == 400
    paused = _sign_in(client, "nobody@northshire.example", "x", _guesser(7))
    assert paused.status_code == 429
    assert paused.headers["Retry-After"] == "1"
