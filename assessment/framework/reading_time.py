"""How long a bank takes to read, measured from its words rather than promised.

An officer reads every question, its hint and its five level statements before
choosing one; that is what is counted. A word is a whitespace-separated token,
so "test-and-learn" is one word and a lone dash is one too: simple, and the
same figure however the text is punctuated.
"""

from __future__ import annotations

import math

from .model import Bank, Question

WORDS_A_MINUTE = 200
# The longest a current bank may take to read (FRAMEWORK.md "Themes").
READING_LIMIT_MINUTES = 15


def question_words(question: Question) -> int:
    texts = [question.text, question.hint or "", *question.levels]
    return sum(len(text.split()) for text in texts)


def bank_words(bank: Bank) -> int:
    return sum(question_words(question) for question in bank.questions)


def reading_minutes(bank: Bank) -> float:
    """Minutes to read every question, hint and level statement at WORDS_A_MINUTE."""
    return bank_words(bank) / WORDS_A_MINUTE


def whole_minutes(bank: Bank) -> int:
    """The reading time rounded up, as a page states it ("about 14 minutes"): never less
    than the measured time, and at least one."""
    return max(1, math.ceil(reading_minutes(bank)))


def over_the_limit(bank: Bank) -> bool:
    return reading_minutes(bank) > READING_LIMIT_MINUTES
