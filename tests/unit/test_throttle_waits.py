"""How long a paused person is told to wait: whole seconds, never more than the limit."""

import time

from assessment.web.throttle import ACCOUNT_SIGN_INS, RESUME_CODES, Paused, seconds_until

FIFTEEN_MINUTES = 15 * 60


def test_a_window_just_started_is_its_own_length_not_a_second_more():
    # limits reports the reset a second late: 901 s of a 900 s window is still 900.
    assert seconds_until(time.time() + FIFTEEN_MINUTES + 1, FIFTEEN_MINUTES) == FIFTEEN_MINUTES


def test_part_of_a_second_counts_as_a_second():
    assert seconds_until(time.time() + 60.2, FIFTEEN_MINUTES) == 61


def test_a_reset_already_passed_still_says_one_second():
    assert seconds_until(time.time() - 10, FIFTEEN_MINUTES) == 1


def test_a_pause_is_whole_seconds_and_at_least_one():
    assert (Paused(0.2).seconds, Paused(0).seconds, Paused(60.5).seconds) == (1, 1, 61)


def test_a_few_wrong_codes_cost_nothing_then_each_wait_doubles_up_to_fifteen_minutes():
    waits = [RESUME_CODES.seconds_after(failures) for failures in range(1, 22)]
    assert waits[:5] == [0] * 5
    assert waits[5:11] == [1, 2, 4, 8, 16, 32]
    assert max(waits) == waits[-1] == FIFTEEN_MINUTES


def test_an_account_never_waits_more_than_five_minutes():
    assert ACCOUNT_SIGN_INS.seconds_after(10_000) == 5 * 60


def test_what_a_paused_person_is_told(app):
    from assessment.web.errors import try_again_in

    with app.test_request_context():
        assert try_again_in(1) == "Try again in 1 second."
        assert try_again_in(59) == "Try again in 59 seconds."
        assert try_again_in(60) == "Try again in 1 minute."
        assert try_again_in(61) == "Try again in 2 minutes."
