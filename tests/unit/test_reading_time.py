"""The reading time a page promises is measured from the bank: every question, its hint
and its five statements, in whitespace-separated words, at 200 words a minute."""

from pathlib import Path

from assessment.framework.model import Bank, Level, Option, Question, Theme
from assessment.framework.reading_time import (
    READING_LIMIT_MINUTES,
    WORDS_A_MINUTE,
    bank_words,
    over_the_limit,
    question_words,
    reading_minutes,
    reading_time_problem,
    shown_minutes,
    whole_minutes,
)


def question(question_id: str, text: str, hint: str | None, levels: list[str]) -> Question:
    return Question(question_id, question_id.split(".")[0], text, hint, 1.0, tuple(levels))


def bank_of(*questions: Question) -> Bank:
    themes = tuple(
        Theme(
            theme_id,
            theme_id.title(),
            "technology" if theme_id == "technology" else "people",
            "Summary.",
            tuple(q for q in questions if q.theme_id == theme_id),
            ("Do.",) * 5,
        )
        for theme_id in dict.fromkeys(q.theme_id for q in questions)
    )
    levels = tuple(Level(n, f"Level {n}", "Described.") for n in range(1, 6))
    return Bank("v.1", levels, (Option("frontline", "Frontline"),), (), themes)


SHORT = question(
    "culture.try",
    "How does your team try new ideas?",  # 7 words
    "Think about the last year.",  # 5 words
    ["Never.", "Rarely.", "Sometimes, in one team.", "Often.", "Always, as test-and-learn."],
)


def test_words_are_the_question_the_hint_and_the_five_statements_split_on_spaces():
    # "test-and-learn" is one word; punctuation does not add or remove any.
    assert question_words(SHORT) == 7 + 5 + (1 + 1 + 4 + 1 + 3)


def test_a_question_without_a_hint_counts_its_text_and_statements_only():
    no_hint = question("culture.plain", "Is it plain?", None, ["One two."] * 5)
    assert question_words(no_hint) == 3 + 10


def test_the_reading_time_is_every_word_in_the_bank_at_200_a_minute():
    other = question("technology.old", "How old?", None, ["a b c d"] * 5)  # 2 + 20 words
    bank = bank_of(SHORT, other)
    assert WORDS_A_MINUTE == 200
    assert bank_words(bank) == 22 + 22
    assert reading_minutes(bank) == 44 / 200


def test_pages_round_the_minutes_up_so_they_never_promise_less_than_measured():
    # 3,001 words: 15.005 minutes; the page says "about 16", the check shows 15.1.
    bank = bank_of(question("technology.long", "word " * 2_996, None, ["x"] * 5))
    assert bank_words(bank) == 3_001
    assert whole_minutes(bank) == 16
    assert shown_minutes(bank) == 15.1
    assert whole_minutes(bank_of(SHORT)) == 1


def test_a_bank_of_exactly_15_minutes_is_within_the_limit_and_one_word_more_is_not():
    at_the_limit = bank_of(question("technology.long", "word " * 2_995, None, ["x"] * 5))
    assert reading_minutes(at_the_limit) == READING_LIMIT_MINUTES == 15
    assert not over_the_limit(at_the_limit)
    assert reading_time_problem(at_the_limit, Path("questions/v.1")) is None
    one_more = bank_of(question("technology.long", "word " * 2_996, None, ["x"] * 5))
    assert over_the_limit(one_more)


def test_the_problem_names_the_file_and_the_longest_question_as_the_place_to_cut():
    longest = question("technology.long", "word " * 2_996, None, ["x"] * 5)
    problem = reading_time_problem(bank_of(SHORT, longest), Path("questions/v.1"))
    assert problem is not None
    assert problem.startswith("questions/v.1/themes/technology.yaml: question technology.long:")
    assert "15.2 minutes" in problem  # 3,001 + 22 words
    assert "over the limit of 15" in problem
