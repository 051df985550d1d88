"""Builds a theme page's form from the question bank.

Each kind of answer maps to a field factory through ANSWER_TYPES, so a new kind
of question is a new entry in the table, not another branch in the view.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable, Mapping

from flask import current_app
from flask_babel import get_locale, lazy_gettext
from flask_babel import gettext as _
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import Field, HiddenField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from ..framework.model import Question, Theme
from ..framework.scoring import DONT_KNOW
from ..framework.two_tabs import shown_value
from .base import Form
from .fields import OptionalRadioField, TextArea, without_control_characters

MAX_COMMENT_LENGTH = 5000
MAX_SHOWN_LENGTH = 10_000


def level_field(question: Question) -> Field:
    # The choices are given as each form is made (ThemeFormBase), so "Don't know" is in
    # the reader's language although the form class is built once for everyone.
    return OptionalRadioField(question.text, choices=(), description=question.hint or "")


def level_choices(question: Question) -> tuple[SelectChoice, ...]:
    """A question's five level statements, then Don't know, in the reader's language.
    Made once a language for each app (each app has its own catalogues)."""
    cache = current_app.extensions.setdefault("level_choices", {})
    # The question itself, not its id: one id may be worded differently in two banks.
    key = (str(get_locale()), question)
    if key not in cache:
        levels = [SelectChoice(str(level), text) for level, text in enumerate(question.levels, 1)]
        cache[key] = (*levels, SelectChoice(DONT_KNOW, dont_know_label()))
    return cache[key]


@functools.cache
def level_values(question: Question) -> frozenset[str]:
    """The values a question's radios offer ("1".."5", "dk"): the same in every language."""
    return frozenset((*(str(level) for level in range(1, len(question.levels) + 1)), DONT_KNOW))


def dont_know_label() -> str:
    return _("Don't know")


ANSWER_TYPES: dict[str, Callable[[Question], Field]] = {
    "level": level_field,
}


class ThemeFormBase(Form):
    comment = TextAreaField(
        lazy_gettext("Anything else you want to tell us about this theme? (optional)"),
        description=lazy_gettext(
            "Do not include names or anything that could identify you or others."
        ),
        filters=[without_control_characters],
        validators=[
            Optional(),
            Length(
                max=MAX_COMMENT_LENGTH,
                message=lazy_gettext(
                    "Your comment must be %(max)s characters or fewer",
                    max=f"{MAX_COMMENT_LENGTH:,}",
                ),
            ),
        ],
        widget=TextArea(),
    )
    # Shown only when the officer's session has ended: the code lets this very
    # post be saved against their response instead of being thrown away.
    resume_code = StringField(lazy_gettext("Your resume code"), validators=[Optional()])
    save_and_continue = SubmitField(lazy_gettext("Save and continue"), widget=GovSubmitInput())
    save_for_later = SubmitField(lazy_gettext("Save and come back later"), widget=GovSubmitInput())
    # What the page showed, and which showing of the page this is, so a save can tell
    # whether another tab or device saved this theme in between (docs/adr/0004).
    shown = HiddenField()
    page = HiddenField()

    theme: Theme

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question, field in self.question_fields():
            field.choices = level_choices(question)

    def question_fields(self) -> list[tuple[Question, Field]]:
        return [(question, self[question.id]) for question in self.theme.questions]

    def answers(self) -> dict[str, str]:
        """The answers given on this page: question id -> "1".."5" or "dk"; unanswered left out."""
        return {q.id: field.data for q, field in self.question_fields() if field.data}

    def show(self, answers: Mapping[str, str], comment: str | None) -> None:
        """Mark a freshly shown page with what it shows."""
        self.shown.data = shown_value(answers, comment)
        self.page.data = new_page_id()


def new_page_id() -> str:
    """The `page` field: which showing of a page this is."""
    return secrets.token_urlsafe(12)


@functools.cache
def theme_form_class(theme: Theme, answer_type: str = "level") -> type[ThemeFormBase]:
    # Built once per theme: the bank does not change while we run.
    fields: dict[str, object] = {"theme": theme}
    for question in theme.questions:
        fields[question.id] = ANSWER_TYPES[answer_type](question)
    return type(f"{theme.id.title()}ThemeForm", (ThemeFormBase,), fields)


def level_statement_label(question: Question, value: str | None) -> str:
    if value is None:
        return _("Not answered")
    if value == DONT_KNOW:
        return dont_know_label()
    return question.level_text(int(value))
