"""Each question's radios, rendered once per process and reused.

The GOV.UK radios macro is most of the time a theme page takes, yet a
question's statements never change while we run. So the radios are rendered
once with nothing chosen, and each page marks the officer's answer in a copy.
A question with an error message is rendered in full, as it differs. The radios
hold words ("or", "Don't know"), so each language has its own.
"""

from __future__ import annotations

from flask import current_app
from markupsafe import Markup, escape
from wtforms import Field

from ..forms.builder import level_choices
from ..framework.model import Question
from .i18n import current_language

TEMPLATE = "components/level_question.html"


def level_question(question: Question, field: Field) -> Markup:
    """A question as its field stands: with its error, if it has one, else its answer."""
    if field.errors:
        return _macro()(question, field.choices, field.data, field.errors[0])
    return radios(question, field.data)


def radios(question: Question, chosen: str | None, language: str | None = None) -> Markup:
    """A question's radios with `chosen` ("1".."5", "dk" or None) marked. A page of many
    questions passes its `language` (i18n.current_language): Babel's lookup of it is
    a tenth of the cost of a question."""
    blank = _blank(question, language or current_language())
    if chosen is None:
        return blank
    # The macro writes `type="radio" value="3"` and, when chosen, ` checked` next.
    marker = f'type="radio" value="{escape(chosen)}"'
    return Markup(str(blank).replace(marker, f"{marker} checked", 1))


def _blank(question: Question, language: str) -> Markup:
    cache = current_app.extensions.setdefault("question_radios", {})
    # The question itself, not its id: one id may be worded differently in two banks.
    key = (language, question)
    if key not in cache:
        cache[key] = _macro()(question, level_choices(question), None, None)
    return cache[key]


def _macro():
    return current_app.jinja_env.get_template(TEMPLATE).module.level_question
