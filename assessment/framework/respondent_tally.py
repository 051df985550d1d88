"""One respondent's tally of each theme, made once when their response is stored.

The same tallies as scoring.respondent_cell, bit for bit (a property test holds
them together), without building Fractions for every answer: where every weight
in a theme is a multiple of 2**-10 below 2**20 (1, 1.5, 0.25...), the sums of
weight x level and of weights are multiples of 2**-10 below 2**40, which a float
holds exactly, and one IEEE division rounds their exact quotient just as
float(Fraction) does. An import scores every row, so this is much of its work.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from .model import LEVELS, Bank, Theme
from .scoring import DONT_KNOW, Answer
from .tally import ThemeTally

_GRAIN = 2**10
_LARGEST = 2**20


def theme_tallies(bank: Bank, answers: Mapping[str, Answer]) -> dict[str, ThemeTally]:
    """Theme id -> this respondent's tally; answers to questions not in the bank are ignored."""
    return {theme.id: _tally(theme, answers) for theme in bank.themes}


def _tally(theme: Theme, answers: Mapping[str, Answer]) -> ThemeTally:
    exact = all(_exact_in_floats(question.weight) for question in theme.questions)
    weighted: float | Fraction = 0.0 if exact else Fraction(0)
    weights: float | Fraction = 0.0 if exact else Fraction(0)
    level_answers = dont_knows = 0
    for question in theme.questions:
        answer = answers.get(question.id)
        if answer is None:
            continue
        if answer == DONT_KNOW:
            dont_knows += 1
            continue
        # bool is an int in Python; True must not pass for level 1.
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in LEVELS:
            raise ValueError(
                f"answer to {question.id}: must be a level 1 to 5 or 'dk', not {answer!r}"
            )
        weight = float(question.weight) if exact else Fraction(question.weight)
        weighted += weight * answer
        weights += weight
        level_answers += 1
    return ThemeTally.of_sums(weighted, weights, level_answers, dont_knows)


def _exact_in_floats(weight: float) -> bool:
    scaled = float(weight) * _GRAIN  # exact: a power of two only moves the exponent
    return scaled.is_integer() and 0 <= scaled < _GRAIN * _LARGEST
