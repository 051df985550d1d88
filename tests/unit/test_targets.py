"""A leader's target for a theme: read from what they typed, and judged met or not met
on the score as the page prints it."""

import pytest

from assessment.framework.targets import TargetError, met, met_text, parse_target, target_text


@pytest.mark.parametrize(
    ("typed", "tenths"),
    [("3.5", 35), ("1.0", 10), ("5.0", 50), ("4", 40), (" 2.7 ", 27), ("1", 10), ("5", 50)],
)
def test_a_target_from_one_to_five_with_one_decimal_is_read_in_tenths(typed, tenths):
    assert parse_target(typed, "Culture") == tenths
    assert parse_target(target_text(tenths), "Culture") == tenths


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("0.9", "between 1.0 and 5.0"),
        ("5.1", "between 1.0 and 5.0"),
        ("-3", "between 1.0 and 5.0"),
        ("999999999999999", "between 1.0 and 5.0"),
        ("3.25", "one decimal place"),
        ("3.10", "one decimal place"),
        ("three", "as a number"),
        ("3,5", "as a number"),
        ("1" * 40, "as a number"),
        ("٣.٥", "as a number"),
        ("3.", "as a number"),
    ],
)
def test_anything_else_is_refused_saying_what_to_type(typed, says):
    with pytest.raises(TargetError) as refused:
        parse_target(typed, "Culture")
    assert str(refused.value).startswith("Culture: ")
    assert says in str(refused.value)


def test_a_target_is_met_at_the_boundary_and_not_below_it():
    assert met(3.0, 30)
    assert met(3.04, 30)
    assert not met(2.94, 30)
    assert met(4.2, 41)


def test_a_score_printed_as_the_target_meets_it():
    # 2.95 is printed 3.0: the page must not say "not met" beside 3.0 and 3.0.
    assert met(2.95, 30)
    assert met(2.3, 23)  # 2.3 * 10 is 22.999999999999996 as a float


def test_the_next_round_says_met_or_not_met_in_words():
    assert met_text(3.0, 30) == "Met"
    assert met_text(2.9, 30) == "Not met"
    assert "not shown" in met_text(None, 30)
