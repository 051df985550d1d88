"""Respondents' tallies of each theme, made once when their responses are stored.

The same tallies as scoring.respondent_cell, bit for bit (a property test holds
them together), without building Fractions for every answer: where every weight
in a theme is a multiple of 2**-10 below 2**20 (1, 1.5, 0.25...), the sums of
weight x level and of weights are multiples of 2**-10 below 2**40, which a float
holds exactly, and one IEEE division rounds their exact quotient just as
float(Fraction) does. An import tallies every row, so this is much of its work.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from .model import LEVELS, Bank, Theme
from .scoring import DONT_KNOW, Answer
from .tally import ThemeTally

_GRAIN = 2**10
_LARGEST = 2**20


class Tallier:
    """Tallies for one bank: what depends only on the bank is worked out once."""

    def __init__(self, bank: Bank) -> None:
        self._themes = [(theme.id, _weights(theme)) for theme in bank.themes]

    def __call__(self, answers: Mapping[str, Answer]) -> dict[str, ThemeTally]:
        """Theme id -> this respondent's tally; answers to questions not in the bank are ignored."""
        return {theme_id: _tally(weights, answers) for theme_id, weights in self._themes}


def theme_tallies(bank: Bank, answers: Mapping[str, Answer]) -> dict[str, ThemeTally]:
    return Tallier(bank)(answers)


def _weights(theme: Theme) -> tuple[tuple[str, float | Fraction], ...]:
    """(question id, weight) in the theme, as floats where floats add them up exactly."""
    if all(_exact_in_floats(question.weight) for question in theme.questions):
        return tuple((question.id, float(question.weight)) for question in theme.questions)
    return tuple((question.id, Fraction(question.weight)) for question in theme.questions)


def _exact_in_floats(weight: float) -> bool:
    scaled = float(weight) * _GRAIN  # exact: a power of two only moves the exponent
    return scaled.is_integer() and 0 <= scaled < _GRAIN * _LARGEST


def _tally(
    weights: tuple[tuple[str, float | Fraction], ...], answers: Mapping[str, Answer]
) -> ThemeTally:
    weighted = total = 0  # the int 0 adds to a float or a Fraction exactly
    level_answers = dont_knows = 0
    for question_id, weight in weights:
        answer = answers.get(question_id)
        if answer is None:
            continue
        if answer == DONT_KNOW:
            dont_knows += 1
            continue
        # bool is an int in Python; True must not pass for level 1.
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in LEVELS:
            raise ValueError(
                f"answer to {question_id}: must be a level 1 to 5 or 'dk', not {answer!r}"
            )
        weighted += weight * answer
        total += weight
        level_answers += 1
    return ThemeTally.of_sums(weighted, total, level_answers, dont_knows)
