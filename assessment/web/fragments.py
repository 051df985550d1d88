"""Each question's radios, rendered once per process and reused.

The GOV.UK radios macro is most of the time a theme page takes, yet a
question's statements never change while we run. So the radios are rendered
once with nothing chosen, and each page marks the officer's answer in a copy.
A question with an error message is rendered in full, as it differs. The radios
hold words ("or", "Don't know"), so each language has its own.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import get_locale
from markupsafe import Markup, escape
from wtforms import Field

from ..framework.model import Question

TEMPLATE = "components/level_question.html"


def level_question(question: Question, field: Field) -> Markup:
    render = current_app.jinja_env.get_template(TEMPLATE).module.level_question
    error = field.errors[0] if field.errors else None
    if error:
        return render(question, field.choices, field.data, error)
    blank = _rendered(question, field, render)
    if field.data is None:
        return blank
    # The macro writes `type="radio" value="3"` and, when chosen, ` checked` next.
    marker = f'type="radio" value="{escape(field.data)}"'
    return Markup(str(blank).replace(marker, f"{marker} checked", 1))


def _rendered(question: Question, field: Field, render) -> Markup:
    cache = current_app.extensions.setdefault("question_radios", {})
    key = (str(get_locale()), question.id)
    if key not in cache:
        cache[key] = render(question, field.choices, None, None)
    return cache[key]
