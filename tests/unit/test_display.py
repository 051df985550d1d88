"""Figures as people read them: one decimal half up, whole percents, level names."""

from pathlib import Path

import pytest

from assessment.framework.display import level_name, one_decimal, rounded, whole_percent
from assessment.framework.loader import load_bank

BANK = load_bank(Path(__file__).resolve().parents[1] / "fixtures" / "questions" / "two_themes")


def test_rounded_takes_a_score_to_six_places():
    assert rounded(2.5999999999999996) == 2.6
    assert rounded(1.23456789) == 1.234568


@pytest.mark.parametrize(
    ("score", "shown"),
    [
        (2.25, "2.3"),  # half up, where Python's round() would give 2.2
        (2.35, "2.4"),
        (0.15, "0.2"),  # the float is 0.1499999..., but people wrote 0.15
        (2.5999999999999996, "2.6"),
        (2.6499999999, "2.7"),  # 2.65 at six places, then half up
        (2.649999, "2.6"),
        (3.0, "3.0"),
        (5.0, "5.0"),
        (79 / 24, "3.3"),
        (-0.25, "-0.3"),  # a negative gap rounds away from zero, like a positive one
        (-0.04, "0.0"),  # not "-0.0"
    ],
)
def test_one_decimal_rounds_half_up_from_six_places(score, shown):
    assert one_decimal(score) == shown


def test_one_decimal_of_a_missing_figure_is_empty():
    assert one_decimal(None) == ""


@pytest.mark.parametrize(
    ("share", "shown"),
    [
        (0.06, "6"),
        (0.125, "13"),  # 12.5 half up
        (0.145, "15"),  # 0.145 * 100 is 14.499999999999998 in floats
        (1 / 3, "33"),
        (0.0, "0"),
        (1.0, "100"),
    ],
)
def test_whole_percent_rounds_half_up(share, shown):
    assert whole_percent(share) == shown


def test_whole_percent_of_a_missing_share_is_empty():
    assert whole_percent(None) == ""


@pytest.mark.parametrize(
    ("level", "name"),
    [(1, "Starting"), (2, "Developing"), (3, "Established"), (4, "Advanced"), (5, "Leading")],
)
def test_level_names_come_from_the_bank(level, name):
    assert level_name(BANK, level) == name


def test_no_level_has_no_name():
    assert level_name(BANK, None) is None
