"""Builds a theme page's form from the question bank.

Each kind of answer maps to a field factory through ANSWER_TYPES, so a new kind
of question is a new entry in the table, not another branch in the view.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import Field, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from ..framework.model import Question, Theme
from ..framework.scoring import DONT_KNOW
from .fields import OptionalRadioField

MAX_COMMENT_LENGTH = 5000
DONT_KNOW_LABEL = "Don't know"


def level_field(question: Question) -> Field:
    choices = [SelectChoice(str(level), text) for level, text in enumerate(question.levels, 1)]
    choices.append(SelectChoice(DONT_KNOW, DONT_KNOW_LABEL))
    return OptionalRadioField(question.text, choices=choices, description=question.hint or "")


ANSWER_TYPES: dict[str, Callable[[Question], Field]] = {
    "level": level_field,
}


class ThemeFormBase(FlaskForm):
    comment = TextAreaField(
        "Anything else you want to tell us about this theme? (optional)",
        description="Do not include names or anything that could identify you or others.",
        validators=[
            Optional(),
            Length(
                max=MAX_COMMENT_LENGTH,
                message=f"Your comment must be {MAX_COMMENT_LENGTH:,} characters or fewer",
            ),
        ],
        widget=GovTextArea(),
    )
    # Shown only when the officer's session has ended: the code lets this very
    # post be saved against their response instead of being thrown away.
    resume_code = StringField("Your resume code", validators=[Optional()])
    save_and_continue = SubmitField("Save and continue", widget=GovSubmitInput())
    save_for_later = SubmitField("Save and come back later", widget=GovSubmitInput())

    theme: Theme

    def question_fields(self) -> list[tuple[Question, Field]]:
        return [(question, self[question.id]) for question in self.theme.questions]

    def answers(self) -> dict[str, str]:
        """The answers given on this page: question id -> "1".."5" or "dk"; unanswered left out."""
        return {q.id: field.data for q, field in self.question_fields() if field.data}


@functools.cache
def theme_form_class(theme: Theme, answer_type: str = "level") -> type[ThemeFormBase]:
    # Built once per theme: the bank does not change while we run.
    fields: dict[str, object] = {"theme": theme}
    for question in theme.questions:
        fields[question.id] = ANSWER_TYPES[answer_type](question)
    return type(f"{theme.id.title()}ThemeForm", (ThemeFormBase,), fields)


def level_statement_label(question: Question, value: str | None) -> str:
    if value is None:
        return "Not answered"
    if value == DONT_KNOW:
        return DONT_KNOW_LABEL
    return question.level_text(int(value))
