"""How long a bank takes to read, measured from its words rather than promised.

An officer reads every question, its hint and its five level statements before
choosing one; that is what is counted. A word is a whitespace-separated token,
so "test-and-learn" is one word and a lone dash is one too: simple, and the
same figure however the text is punctuated.
"""

from __future__ import annotations

import math
from pathlib import Path

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


def shown_minutes(bank: Bank) -> float:
    """The reading time to one decimal, rounded up, so a bank over the limit never
    shows as at it; worked in whole words, free of floating-point edges."""
    return -(-bank_words(bank) * 10 // WORDS_A_MINUTE) / 10


def reading_time_problem(bank: Bank, folder: Path) -> str | None:
    """Why `bank`, in `folder`, may not be the current bank, or None when it reads in time.

    Named like the loader's problems (file: question: field: what is wrong), at the
    longest question, as the first place to cut."""
    if not over_the_limit(bank):
        return None
    longest = max(bank.questions, key=question_words)
    return (
        f"{folder / 'themes' / f'{longest.theme_id}.yaml'}: question {longest.id}: "
        f"reading time: bank {bank.version} takes {shown_minutes(bank)} minutes to read "
        f"({bank_words(bank):,} words at {WORDS_A_MINUTE} a minute), over the limit of "
        f"{READING_LIMIT_MINUTES}; this is its longest question "
        f"({question_words(longest):,} words)"
    )
