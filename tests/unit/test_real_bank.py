"""Checks on every real question bank in questions/ (a folder a version), against FRAMEWORK.md
and the writing rules that hold for all versions; test_bank_2027.py adds the rules of 2027.1 on.

Other tests use the small fixture bank so that rewording a question never breaks them;
these tests are the ones that hold the real banks to the framework's shape and style.
"""

import re
from pathlib import Path

import pytest

from assessment.framework.loader import load_bank

SHELF = Path(__file__).resolve().parents[2] / "questions"
# Questions a theme, by version: the first bank was long; 2027.1 on must read in 15 minutes.
QUESTIONS_A_THEME = {"2026.1": (6, 8), "2027.1": (4, 5)}

THEME_PILLARS = [
    ("leadership", "people"),
    ("culture", "people"),
    ("risk", "people"),
    ("skills", "people"),
    ("data_users", "people"),
    ("collaboration", "people"),
    ("technology", "technology"),
]
THEME_IDS = [theme_id for theme_id, _ in THEME_PILLARS]
LEVEL_NAMES = ["Starting", "Developing", "Established", "Advanced", "Leading"]
ROLE_IDS = ["elected_member", "leadership", "manager", "frontline", "prefer_not_to_say"]
SERVICE_AREA_IDS = [
    "adult_social_care",
    "childrens_services",
    "housing",
    "planning",
    "environment_waste_highways",
    "revenues_benefits_finance",
    "customer_services",
    "it_digital",
    "hr_od",
    "public_health",
    "culture_leisure_libraries",
    "legal_democratic",
    "regeneration_economy",
    "other",
    "prefer_not_to_say",
]

# A question that does not end in "?" must read as an instruction to the respondent.
INSTRUCTION_OPENINGS = ("Choose", "Describe", "Pick", "Select", "Tell us", "Think")
# Full stops inside these do not end a sentence.
ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "cf.")
BARE_YES_NO = re.compile(r"^\s*(yes|no)\b", re.IGNORECASE)


def sentence_count(text: str) -> int:
    """Roughly how many sentences `text` has: ., ! or ? followed by a space or the end."""
    for abbreviation in ABBREVIATIONS:
        text = re.sub(re.escape(abbreviation), "abbreviation", text, flags=re.IGNORECASE)
    return len(re.findall(r"[.!?](?=\s|$)", text.strip()))


@pytest.fixture(scope="module", params=sorted(QUESTIONS_A_THEME))
def bank(request):
    return load_bank(SHELF / request.param)


def test_every_installed_bank_is_held_to_these_rules():
    assert sorted(QUESTIONS_A_THEME) == sorted(p.name for p in SHELF.iterdir() if p.is_dir())


def all_questions(bank):
    return [question for theme in bank.themes for question in theme.questions]


def test_sentence_count_ignores_abbreviations_and_dotted_names():
    assert sentence_count("Run a show-and-tell, e.g. monthly. Follow GOV.UK patterns.") == 2
    assert sentence_count("One sentence only.") == 1
    assert sentence_count("First. Second? Third! Fourth.") == 4


def test_the_real_bank_loads_and_has_a_version(bank):
    assert bank.version
    assert re.fullmatch(r"\d{4}\.\d+", bank.version), f"unexpected version {bank.version!r}"


def test_the_five_levels_have_their_framework_names_and_one_sentence_descriptions(bank):
    assert [level.level for level in bank.levels] == [1, 2, 3, 4, 5]
    assert [level.name for level in bank.levels] == LEVEL_NAMES
    for level in bank.levels:
        assert sentence_count(level.description) == 1, f"level {level.level}: {level.description}"


def test_the_themes_are_the_seven_framework_themes_in_order_with_their_pillars(bank):
    assert [(theme.id, theme.pillar) for theme in bank.themes] == THEME_PILLARS


@pytest.mark.parametrize("theme_id", THEME_IDS)
def test_each_theme_has_its_versions_number_of_questions_and_a_summary(bank, theme_id):
    theme = bank.theme(theme_id)
    fewest, most = QUESTIONS_A_THEME[bank.version]
    assert fewest <= len(theme.questions) <= most, f"{theme_id} has {len(theme.questions)}"
    assert theme.title and theme.summary
    assert 1 <= sentence_count(theme.summary) <= 2, theme.summary


def test_roles_are_the_framework_tiers_in_order_with_labels(bank):
    assert [role.id for role in bank.roles] == ROLE_IDS
    assert all(role.label.strip() for role in bank.roles)


def test_service_areas_are_the_framework_areas_in_order_with_labels(bank):
    assert [area.id for area in bank.service_areas] == SERVICE_AREA_IDS
    assert all(area.label.strip() for area in bank.service_areas)


def test_every_question_id_is_its_theme_id_and_a_short_slug(bank):
    too_long = [
        question.id
        for theme in bank.themes
        for question in theme.questions
        if not question.id.startswith(f"{theme.id}.") or len(question.id.split(".")[1]) > 30
    ]
    assert too_long == []


def test_every_question_has_five_distinct_non_empty_level_texts(bank):
    problems = [
        question.id
        for question in all_questions(bank)
        if len(question.levels) != 5
        or not all(text.strip() for text in question.levels)
        or len({text.strip().lower() for text in question.levels}) != 5
    ]
    assert problems == []


def test_no_level_text_is_a_bare_yes_or_no(bank):
    yes_no = [
        f"{question.id} level {number}: {text}"
        for question in all_questions(bank)
        for number, text in enumerate(question.levels, start=1)
        if BARE_YES_NO.match(text)
    ]
    assert yes_no == []


def test_every_question_is_asked_as_a_question_or_an_instruction(bank):
    neither = [
        f"{question.id}: {question.text}"
        for question in all_questions(bank)
        if not question.text.rstrip().endswith("?")
        and not question.text.startswith(INSTRUCTION_OPENINGS)
    ]
    assert neither == []


def test_hints_are_one_short_sentence_and_weights_stay_modest(bank):
    for question in all_questions(bank):
        if question.hint is not None:
            assert sentence_count(question.hint) == 1, f"{question.id}: {question.hint}"
        assert 0 < question.weight <= 1.5, f"{question.id} has weight {question.weight}"


def test_every_recommendation_is_two_to_four_sentences(bank):
    wrong_length = [
        f"{theme.id} level {number}: {sentence_count(text)} sentences"
        for theme in bank.themes
        for number, text in enumerate(theme.recommendations, start=1)
        if not 2 <= sentence_count(text) <= 4
    ]
    assert [len(theme.recommendations) for theme in bank.themes] == [5] * len(THEME_IDS)
    assert wrong_length == []
