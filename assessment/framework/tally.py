"""Exact running totals of scores, from which a group's mean and spread are read.

Every float in [1, 5] is a whole multiple of 2**-52, so a score scaled by 2**52
is an exact integer. Sums of those integers and of their squares are exact and
the same in any order, so tallies can be made anywhere (one respondent at a
time here, or by PostgreSQL's exact numeric sums) and added together, and the
figures read from them are bit for bit what Fractions and statistics.stdev
would give for the same scores.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

SCALE = 2**52


@dataclass(frozen=True)
class ThemeTally:
    """A group's answers to one theme, added up."""

    scored: int = 0  # respondents with a score for the theme
    score_sum: int = 0  # sum of their scores x 2**52
    score_squares: int = 0  # sum of the squares of those
    level_answers: int = 0
    dont_knows: int = 0

    @classmethod
    def of(cls, score: float | None, level_answers: int, dont_knows: int) -> ThemeTally:
        """One respondent's tally: their score (None without one) and answer counts."""
        if score is None:
            return cls(0, 0, 0, level_answers, dont_knows)
        x = scaled(score)
        return cls(1, x, x * x, level_answers, dont_knows)

    @classmethod
    def of_sums(
        cls,
        weighted_levels: float | Fraction,
        weights: float | Fraction,
        level_answers: int,
        dont_knows: int,
    ) -> ThemeTally:
        """One respondent's tally from the sums of weight x level and of weight over the
        questions they answered with a level (floats when every weight is whole)."""
        score = weighted_mean(weighted_levels, weights) if level_answers else None
        return cls.of(score, level_answers, dont_knows)

    def __add__(self, other: ThemeTally) -> ThemeTally:
        return ThemeTally(
            self.scored + other.scored,
            self.score_sum + other.score_sum,
            self.score_squares + other.score_squares,
            self.level_answers + other.level_answers,
            self.dont_knows + other.dont_knows,
        )

    @property
    def mean(self) -> float | None:
        if not self.scored:
            return None
        return float(Fraction(self.score_sum, self.scored * SCALE))

    @property
    def spread(self) -> float | None:
        """The sample standard deviation, exactly as statistics.stdev gives it.

        With x = score * 2**52, the sum of squared deviations is
        (n*sum(x*x) - sum(x)**2) / n, so the variance is a ratio of two integers
        and its square root is rounded once, correctly."""
        n = self.scored
        if n < 2:
            return None
        return sqrt_of_ratio(
            n * self.score_squares - self.score_sum * self.score_sum, n * (n - 1) * SCALE * SCALE
        )

    @property
    def dont_know_share(self) -> float | None:
        answered = self.dont_knows + self.level_answers
        return self.dont_knows / answered if answered else None


def weighted_mean(weighted_levels: float | Fraction, weights: float | Fraction) -> float:
    """The exact quotient, rounded once: the same float however the sums were made."""
    if isinstance(weighted_levels, float) and isinstance(weights, float):
        return weighted_levels / weights  # IEEE division rounds the exact quotient once
    return float(Fraction(weighted_levels) / Fraction(weights))


def scaled(score: float) -> int:
    if not 1.0 <= score <= 5.0:
        raise ValueError(f"a score must be between 1 and 5, not {score!r}")
    return int(score * SCALE)


def mean(values: Sequence[float]) -> float | None:
    """The plain mean, summed exactly so that it is the same in any order; None for no values."""
    if not values:
        return None
    return float(Fraction(sum(scaled(v) for v in values), len(values) * SCALE))


def stdev(values: Sequence[float]) -> float:
    """statistics.stdev of two or more scores, in exact integers."""
    total = ThemeTally()
    for value in values:
        total += ThemeTally.of(value, 0, 0)
    spread = total.spread
    if spread is None:
        raise ValueError("a spread needs two or more scores")
    return spread


def sqrt_of_ratio(numerator: int, denominator: int) -> float:
    """sqrt(numerator / denominator), correctly rounded to a float.

    The method statistics.stdev uses (CPython's _float_sqrt_of_frac): an integer
    square root with enough extra bits, rounded to odd, then one float division."""
    shift = (numerator.bit_length() - denominator.bit_length() - 109) // 2
    if shift >= 0:
        return float(_isqrt_round_to_odd(numerator, denominator << 2 * shift) << shift)
    return _isqrt_round_to_odd(numerator << -2 * shift, denominator) / (1 << -shift)


def _isqrt_round_to_odd(numerator: int, denominator: int) -> int:
    root = math.isqrt(numerator // denominator)
    return root | (root * root * denominator != numerator)
