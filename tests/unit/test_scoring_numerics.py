"""The fast integer arithmetic gives exactly what the slow exact arithmetic gives."""

from __future__ import annotations

import statistics
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.framework.tally import ThemeTally, weighted_mean
from assessment.framework.tally import mean as _mean
from assessment.framework.tally import stdev as _stdev

scores = st.one_of(
    st.floats(min_value=1.0, max_value=5.0, allow_nan=False),
    st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, 1.5, 4.75, 2.5999999999999996]),
)


@settings(max_examples=300)
@given(st.lists(scores, min_size=1, max_size=60))
def test_the_mean_is_the_exact_mean_rounded_once(values):
    assert _mean(values) == float(sum(Fraction(v) for v in values) / len(values))


@settings(max_examples=300)
@given(st.lists(scores, min_size=2, max_size=60))
def test_the_spread_is_exactly_statistics_stdev(values):
    assert _stdev(values) == statistics.stdev(values)


def test_no_spread_when_everyone_agrees():
    assert _stdev([3.0, 3.0, 3.0]) == 0.0


def test_a_theme_score_from_sums_is_the_exact_weighted_mean():
    # 1.5 x 4 + 1 x 3 + 1 x 2 = 11 over weights 3.5
    tally = ThemeTally.of_sums(11.0, 3.5, level_answers=3, dont_knows=1)
    assert tally.mean == float(Fraction(11) / Fraction(7, 2))
    assert ThemeTally.of_sums(0.0, 0.0, 0, 2).mean is None


@given(st.integers(1, 10_000), st.integers(1, 10_000))
def test_float_sums_divide_exactly_like_fractions(weighted, weights):
    assert weighted_mean(float(weighted), float(weights)) == float(Fraction(weighted, weights))
    assert weighted_mean(Fraction(weighted), float(weights)) == float(Fraction(weighted, weights))
