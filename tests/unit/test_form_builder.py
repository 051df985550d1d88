"""A theme page's form is built from the bank: one radio group a question."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import Babel
from werkzeug.datastructures import MultiDict

from assessment.forms.builder import (
    ANSWER_TYPES,
    level_statement_label,
    theme_form_class,
)
from assessment.framework.loader import load_bank

from ..conftest import TWO_THEMES

BANK = load_bank(TWO_THEMES)
CULTURE = BANK.theme("culture")


@pytest.fixture
def request_context():
    app = Flask(__name__)
    app.config.update(SECRET_KEY="unit", WTF_CSRF_ENABLED=False)
    Babel(app)  # the forms' words are translated, in English here
    with app.test_request_context(method="POST"):
        yield


def _form(data: dict[str, str]):
    return theme_form_class(CULTURE)(formdata=MultiDict(data))


def test_every_question_becomes_a_radio_group_of_its_five_statements_and_dont_know(
    request_context,
):
    form = _form({})
    fields = form.question_fields()
    assert [q.id for q, _ in fields] == ["culture.test_and_learn", "culture.change"]
    _, change = fields[1]
    assert change.label.text == "How do teams respond to change?"
    assert [(c.value, c.label) for c in change.choices] == [
        ("1", "They resist it."),
        ("2", "They tolerate it."),
        ("3", "They accept it."),
        ("4", "They welcome it."),
        ("5", "They lead it."),
        ("dk", "Don't know"),
    ]


def test_the_hint_comes_from_the_bank(request_context):
    _, test_and_learn = _form({}).question_fields()[0]
    assert test_and_learn.description == "Think about the last year."


def test_unanswered_questions_are_allowed_and_left_out_of_the_answers(request_context):
    form = _form({"culture.change": "dk"})
    assert form.validate()
    assert form.answers() == {"culture.change": "dk"}


def test_a_value_that_was_not_offered_is_an_error(request_context):
    form = _form({"culture.change": "7"})
    assert not form.validate()
    assert form.errors == {"culture.change": ["Select one of the options"]}


def test_a_comment_over_the_limit_is_an_error(request_context):
    form = _form({"comment": "x" * 5001})
    assert not form.validate()
    assert "5,000 characters or fewer" in form.errors["comment"][0]


def test_forms_are_built_once_per_theme():
    assert theme_form_class(CULTURE) is theme_form_class(CULTURE)
    assert theme_form_class(CULTURE) is not theme_form_class(BANK.theme("technology"))


def test_answer_types_are_a_lookup_table_not_a_branch():
    assert set(ANSWER_TYPES) == {"level"}
    with pytest.raises(KeyError):
        theme_form_class(CULTURE, answer_type="free_text")


def test_check_answers_labels():
    question = CULTURE.questions[1]
    assert level_statement_label(question, None) == "Not answered"
    assert level_statement_label(question, "dk") == "Don't know"
    assert level_statement_label(question, "4") == "They welcome it."
