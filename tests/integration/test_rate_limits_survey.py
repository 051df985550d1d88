"""Invitation links, resume links and resume codes can't be guessed by trying many:
a malformed one never reaches the database, and wrong ones are counted and limited.
Officers who use the right ones are never slowed down."""

from __future__ import annotations

import re

import pytest

from ..page_checks import csrf_token
from .clock import frozen_clock
from .officer import Officer, checked, stored_answers
from .statements import counting_queries

UNKNOWN = "A" * 32  # well formed, but no assessment or response has it
ELSEWHERE = {"REMOTE_ADDR": "192.0.2.99"}


@pytest.mark.parametrize(
    "path",
    [
        "/s/short",
        "/s/" + "A" * 33,
        "/s/" + "A" * 31 + ".",
        "/s/" + "A" * 31 + "%00",
        "/s/" + "A" * 31 + "%27",
        "/s/{invitation}/themes/Culture",
        "/s/{invitation}/themes/culture.change",
        "/s/{invitation}/themes/" + "a" * 61,
        "/resume/not-a-real-token",
        "/resume/" + "A" * 31 + "+",
    ],
)
def test_a_malformed_link_is_page_not_found_without_asking_the_database(
    app, client, open_assessment, path
):
    with counting_queries(app) as statements:
        page = client.get(path.format(invitation=open_assessment))
    assert page.status_code == 404
    assert "Page not found" in page.get_data(as_text=True)
    assert statements == []


def test_a_well_formed_unknown_link_is_page_not_found(client):
    assert client.get(f"/s/{UNKNOWN}").status_code == 404
    assert client.get(f"/resume/{UNKNOWN}").status_code == 404


def test_many_unknown_links_pause_unknown_links_only_never_a_right_one(client, open_assessment):
    officer = Officer(client.application.test_client(), open_assessment)
    officer.say_about_me()
    link, _ = officer.resume_secrets()
    for attempt in range(20):
        path = f"/s/{UNKNOWN}" if attempt % 2 else f"/resume/{UNKNOWN}"
        assert client.get(path).status_code == 404

    paused = client.get(f"/s/{UNKNOWN}")
    assert paused.status_code == 429
    assert "Too many attempts" in paused.get_data(as_text=True)
    assert "Try again in 1 minute." in paused.get_data(as_text=True)  # the limit's window
    assert paused.headers["Retry-After"] == "60"
    assert client.get(f"/resume/{UNKNOWN}").status_code == 429
    # Officers sharing the scanner's address (one council office) are never kept out.
    assert client.get(f"/s/{open_assessment}").status_code == 200
    assert client.get(link).status_code == 200
    assert client.get(f"/s/{UNKNOWN}", environ_base=ELSEWHERE).status_code == 404


def test_officers_using_their_links_are_never_limited(client, open_assessment):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    link, _ = officer.resume_secrets()
    for _ in range(60):
        assert officer.get(f"{officer.base}/tasks").status_code == 200
        assert officer.get(link).status_code == 200
        assert officer.post(link, {}).status_code == 302
    assert officer.answer("culture", {"culture.change": "2"}).status_code == 302


@pytest.fixture
def code(app, open_assessment) -> str:
    officer = Officer(app.test_client(), open_assessment)
    officer.say_about_me()
    officer.answer("culture", {"culture.change": "3"}, later=True)
    return officer.resume_secrets()[1]


def _wrong(code: str) -> str:
    return ("ABCD2345" if code.replace("-", "") != "ABCD2345" else "WXYZ6789")[:8]


def _try_code(client, invitation: str, typed: str, **kwargs):
    page = client.get(f"/s/{invitation}/resume", **kwargs).get_data(as_text=True)
    return client.post(
        f"/s/{invitation}/resume", data={"csrf_token": csrf_token(page), "code": typed}, **kwargs
    )


def test_wrong_codes_from_one_address_make_it_wait_longer_each_time(client, open_assessment, code):
    with frozen_clock() as clock:
        for _ in range(5):  # a person's mistakes cost nothing
            assert _try_code(client, open_assessment, _wrong(code)).status_code == 400
        waits = []
        for _ in range(6):
            assert _try_code(client, open_assessment, _wrong(code)).status_code == 400
            paused = _try_code(client, open_assessment, code)  # even the right one, now
            assert paused.status_code == 429
            waits.append(int(paused.headers["Retry-After"]))
            clock.tick(waits[-1])
        assert waits == [1, 2, 4, 8, 16, 32]
        text = paused.get_data(as_text=True)
        assert "Too many codes have been tried. Try again in 32 seconds." in text
        assert "<title>Error:" in text

        assert _try_code(client, open_assessment, code).status_code == 302  # waited


def test_the_longest_wait_for_codes_is_fifteen_minutes(client, open_assessment, code):
    with frozen_clock() as clock:
        waits = []
        for _ in range(60):  # each code as soon as the last wait is over
            tried = _try_code(client, open_assessment, _wrong(code))
            if tried.status_code == 429:
                paused = tried
                waits.append(int(paused.headers["Retry-After"]))
                clock.tick(waits[-1])
        assert max(waits) == 15 * 60
        assert "Try again in 15 minutes." in paused.get_data(as_text=True)


def test_wrong_codes_from_everywhere_never_refuse_a_right_code_from_a_fresh_address(
    client, open_assessment, code
):
    # The old lock-out: 50 wrong codes for one assessment kept everyone out for 15 minutes.
    for n in range(60):
        address = {"REMOTE_ADDR": f"198.51.100.{n}"}
        assert (
            _try_code(client, open_assessment, _wrong(code), environ_base=address).status_code
            == 400
        )
    for _ in range(50):
        assert _try_code(client, open_assessment, _wrong(code)).status_code in (400, 429)

    fresh = client.application.test_client()
    assert _try_code(fresh, open_assessment, code, environ_base=ELSEWHERE).status_code == 302


def test_right_codes_are_never_counted(client, open_assessment, code):
    for _ in range(15):
        assert _try_code(client, open_assessment, code).status_code == 302


def test_a_wrong_code_on_a_theme_page_is_counted_and_the_page_kept_as_typed(
    app, client, open_assessment, code
):
    later = Officer(client, open_assessment)  # a browser whose session has ended
    typed = {"culture.test_and_learn": "4"}
    later.answer("culture", typed, "Kept", token="stale")
    for _ in range(6):
        refused = later.answer(
            "culture",
            {**typed, "resume_code": _wrong(code)},
            "Kept",
            token=csrf_token(later.last_page),
        )
        assert refused.status_code == 400
        assert "We could not find any answers with that code" in later.last_page

    paused = later.answer(
        "culture", {**typed, "resume_code": code}, "Kept", token=csrf_token(later.last_page)
    )
    assert paused.status_code == 429
    assert paused.headers["Retry-After"] == "1"
    assert "Too many codes have been tried" in later.last_page
    assert checked(later.last_page, "culture.test_and_learn") == "4"
    assert ">Kept</textarea>" in later.last_page
    assert stored_answers(app, open_assessment)[0]["answers"] == {"culture.change": 3}


def test_the_resumed_code_is_shown_again_as_it_was_given(client, open_assessment, code):
    officer = Officer(client, open_assessment)
    _try_code(client, open_assessment, f" {code.lower()} ")
    saved = officer.get(f"{officer.base}/saved").get_data(as_text=True)
    assert re.search(rf'id="resume-code">{re.escape(code)}<', saved)
