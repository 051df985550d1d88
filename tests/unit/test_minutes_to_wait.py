"""What a paused person is told: whole minutes, never more than the limit's window."""

import time

from assessment.extensions import minutes_to_wait

FIFTEEN_MINUTES = 15 * 60


def test_a_window_just_started_is_its_own_length_not_a_minute_more():
    # limits reports the reset a second late: 901 s of a 900 s window is still 15 minutes.
    assert minutes_to_wait(time.time() + FIFTEEN_MINUTES + 1, FIFTEEN_MINUTES) == 15


def test_part_of_a_minute_counts_as_a_minute():
    assert minutes_to_wait(time.time() + 61, FIFTEEN_MINUTES) == 2
    assert minutes_to_wait(time.time() + 5, FIFTEEN_MINUTES) == 1


def test_a_reset_already_passed_still_says_one_minute():
    assert minutes_to_wait(time.time() - 10, FIFTEEN_MINUTES) == 1
