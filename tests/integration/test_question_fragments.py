"""Reused question radios are exactly what the GOV.UK macro would render."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale

from assessment.bank import current_bank
from assessment.forms.builder import theme_form_class
from assessment.web import fragments

LIVE = (
    '{% from "components/level_question.html" import level_question as q %}'
    "{{ q(question, choices, value, error) }}"
)


def test_cached_radios_match_a_full_render_for_every_answer(app):
    with app.test_request_context():
        for theme in current_bank().themes:
            form = theme_form_class(theme)(formdata=None)
            for question, field in form.question_fields():
                for value in [None, *(choice.value for choice in field.choices)]:
                    field.data = value
                    live = render_template_string(
                        LIVE, question=question, choices=field.choices, value=value, error=None
                    )
                    assert str(fragments.level_question(question, field)) == live, (
                        question.id,
                        value,
                    )


def test_a_question_with_an_error_is_rendered_in_full(app):
    with app.test_request_context():
        theme = current_bank().themes[0]
        form = theme_form_class(theme)(formdata=None)
        question, field = form.question_fields()[0]
        field.errors = ["Select one of the options"]
        html = str(fragments.level_question(question, field))
        assert "govuk-radios__input" in html and "Select one of the options" in html


def test_each_language_has_its_own_radios(app):
    # The radios hold words ("or", "Don't know"): one language's are never shown in another.
    with app.test_request_context():
        theme = current_bank().themes[0]
        question, field = theme_form_class(theme)(formdata=None).question_fields()[0]
        fragments.level_question(question, field)
        with force_locale("cy"):
            fragments.level_question(question, field)
    cached = app.extensions["question_radios"]
    assert {("en", question), ("cy", question)} <= set(cached)
