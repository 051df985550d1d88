"""Bank 2027.1 is a questionnaire any officer can answer from their own work in 15 minutes.

FRAMEWORK.md "Themes" and issue 23: 28 to 35 questions, asked about "your service" or
"your team", never about what other councils think; the four added topics; every
recommendation a first step within 90 days; and the questions kept from 2026.1 still ask
the same thing, so that two rounds compare like for like.
"""

import re
from pathlib import Path

import pytest

from assessment.framework.loader import load_bank
from assessment.framework.reading_time import READING_LIMIT_MINUTES, reading_minutes

SHELF = Path(__file__).resolve().parents[2] / "questions"
FOLDER = SHELF / "2027.1"

# A kept id must still ask about the same thing: the words that carry its topic are in
# the question text of both versions.
KEPT_FROM_2026 = {
    "leadership.shared_ambition": "digital change",
    "leadership.people_before_technology": "where do people",
    "leadership.practise_innovation": "new ideas",
    "culture.test_and_learn": "try out new ideas",
    "culture.empowerment": "trusted to change the way",
    "culture.recognition": "the way things are done",
    "culture.continuous_improvement": "improve the way it works over time",
    "risk.safe_to_fail": "might not work",
    "risk.learning_from_failure": "does not go to plan",
    "risk.fear_of_getting_it_wrong": "worried about getting them wrong",
    "risk.proportionate_approvals": "small experiment",
    "skills.everyday_digital": "digital tools",
    "skills.leadership_digital": "understand digital ways of working",
    "skills.learning_and_development": "digital and data skills",
    "data_users.decisions_with_data": "use data when it makes decisions",
    "data_users.data_sharing": "get the information it needs from other services",
    "data_users.user_research": "find out what residents need",
    "data_users.designed_around_needs": "organised from a resident's point of view",
    "data_users.feedback_and_complaints": "feedback and complaints from residents",
    "collaboration.shared_goals": "goals",
    "collaboration.cross_service_teams": "on a shared problem",
    "collaboration.knowledge_sharing": "knowledge and good practice",
    "collaboration.one_off_fixes": "a problem affects",
    "technology.legacy_drag": "old or outdated systems slow down your work",
    "technology.systems_talk": "type the same information into more than one system",
    "technology.joined_up_data": "resident, property or case",
    "technology.shared_platforms": "common tasks",
}

# The topics FRAMEWORK.md added for 2027.1, each asked by a question of its own.
ADDED_TOPICS = {
    "capacity and time for change": ["risk.capacity_for_change"],
    "being told why things change and trusting what leaders say": [
        "leadership.told_why",
        "leadership.words_and_actions",
    ],
    "a say in the tools staff use": ["technology.say_in_tools"],
    "readiness for AI and automation": ["skills.ai_and_automation"],
}

FIRST_STEP_IN_90_DAYS = re.compile(r"\b(in|within) the next 90 days\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def bank():
    return load_bank(FOLDER)


@pytest.fixture(scope="module")
def first_bank():
    return load_bank(SHELF / "2026.1")


def test_the_bank_is_version_2027_1(bank):
    assert bank.version == "2027.1"


def test_it_has_28_to_35_questions_with_4_or_5_in_each_of_the_seven_themes(bank):
    assert 28 <= len(bank.questions) <= 35
    assert len(bank.themes) == 7
    wrong_size = {t.id: len(t.questions) for t in bank.themes if not 4 <= len(t.questions) <= 5}
    assert wrong_size == {}


def test_it_reads_in_at_most_15_minutes(bank):
    assert READING_LIMIT_MINUTES == 15
    assert reading_minutes(bank) <= READING_LIMIT_MINUTES


def test_no_question_or_hint_asks_about_your_council(bank):
    # An officer answers from their own work: their service, their team, their experience.
    about_the_whole_council = [
        f"{question.id}: {text}"
        for question in bank.questions
        for text in (question.text, question.hint or "")
        if "your council" in text.lower()
    ]
    assert about_the_whole_council == []


def test_nothing_in_the_bank_rests_on_what_other_councils_think():
    # Read the files themselves, so that titles, summaries, level descriptions,
    # recommendations and even comments are covered.
    mentions = [
        f"{path.relative_to(FOLDER)} line {number}"
        for path in sorted(FOLDER.rglob("*.yaml"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "other council" in line.lower()
    ]
    assert mentions == []


@pytest.mark.parametrize("topic", sorted(ADDED_TOPICS))
def test_each_added_topic_has_its_questions(bank, first_bank, topic):
    for question_id in ADDED_TOPICS[topic]:
        assert bank.has_question(question_id), f"{topic}: {question_id} is missing"
        assert not first_bank.has_question(question_id), f"{question_id} is not new"


def test_every_recommendation_names_a_first_step_within_90_days(bank):
    without_a_first_step = [
        f"{theme.id} level {number}"
        for theme in bank.themes
        for number, text in enumerate(theme.recommendations, start=1)
        if not FIRST_STEP_IN_90_DAYS.search(text)
    ]
    assert without_a_first_step == []


def test_the_ids_shared_with_2026_1_are_exactly_the_kept_list(bank, first_bank):
    # An id the two banks share is compared round on round, so sharing one must be a
    # decision written down here, never an accident of copying.
    shared = {q.id for q in bank.questions if first_bank.has_question(q.id)}
    assert shared == set(KEPT_FROM_2026)


@pytest.mark.parametrize("question_id", sorted(KEPT_FROM_2026))
def test_a_kept_question_still_asks_about_the_same_thing(bank, first_bank, question_id):
    topic = KEPT_FROM_2026[question_id]
    assert topic in first_bank.question(question_id).text
    assert topic in bank.question(question_id).text


def test_every_theme_keeps_at_least_two_questions_to_compare_like_for_like(bank):
    kept_a_theme = {theme.id: 0 for theme in bank.themes}
    for question_id in KEPT_FROM_2026:
        kept_a_theme[question_id.split(".")[0]] += 1
    assert min(kept_a_theme.values()) >= 2, kept_a_theme
