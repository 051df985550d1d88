"""What a theme page's post says, read straight from the form data when it needs
no error message, and from the WTForms form otherwise.

Nearly every post of a theme page is a plain save: a valid token, offered
options, a comment within its length. Building the page's WTForms form to read
one took a quarter of a save's time (fifteen fields bound and validated), so
`read_plainly` reads such a post directly, and gives up (None) on anything the
form would say something about, or anything it does not itself understand: the
form then reads the post as before and gives the page back with its errors.
Accepting is the only decision made here, and a property test checks it against
the form: whatever this accepts, the form accepts, read the same way
(tests/unit/test_posted_theme.py; docs/adr/0006-fast-officer-pages.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from flask import current_app
from flask_wtf.csrf import validate_csrf
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField
from wtforms.validators import ValidationError

from ..framework.model import Theme
from ..framework.two_tabs import page_state
from .builder import MAX_COMMENT_LENGTH, MAX_SHOWN_LENGTH, ThemeFormBase, level_values
from .fields import without_control_characters


@dataclass(frozen=True)
class PostedTheme:
    """A theme page's post, valid: what to store and how the page was shown."""

    answers: dict[str, str]  # question id -> "1".."5" or "dk"; unanswered left out
    comment: str | None
    completed: bool  # "Save and continue" (or Enter), not "Save and come back later"
    page: str = ""  # which showing of the page made the post ("" when it doesn't say)
    shown: str = field(default="", repr=False)  # what that showing held

    def posted_state(self) -> dict[str, str]:
        return page_state(self.answers, self.comment)

    def shown_state(self) -> dict[str, str] | None:
        """The state the page showed when it was served; None when the post doesn't say."""
        if not self.shown or len(self.shown) > MAX_SHOWN_LENGTH:
            return None
        try:
            pairs = parse_qsl(self.shown, keep_blank_values=True, strict_parsing=True)
        except ValueError:
            return None
        return dict(pairs)


def from_form(form: ThemeFormBase) -> PostedTheme:
    """The post, as a validated WTForms theme form read it."""
    return PostedTheme(
        answers=form.answers(),
        comment=form.comment.data,
        completed=bool(form.save_and_continue.data) or not form.save_for_later.data,
        page=form.page.data or "",
        shown=form.shown.data or "",
    )


# Read as BooleanField reads a submit button: absent, "" or "false" is not pressed.
_NOT_PRESSED = BooleanField.false_values
# The form's fields of one value each, besides the token and the questions.
_SINGLE_VALUED = ("comment", "resume_code", "save_and_continue", "save_for_later", "shown", "page")


def read_plainly(theme: Theme, data: MultiDict, files: Mapping) -> PostedTheme | None:
    """The post as the theme's form would read it, if it is plainly valid; None when
    the form must read it (a refused token, an option never offered, a question
    answered twice, a comment too long, an uploaded file, or a field repeated)."""
    if files:
        return None
    csrf_field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    if not _token_accepted(data, csrf_field):
        return None
    answers: dict[str, str] = {}
    for question in theme.questions:
        values = data.getlist(question.id)
        if len(values) > 1:
            return None
        if values and values[0] != "":
            if values[0] not in level_values(question):
                return None
            answers[question.id] = values[0]
    single: dict[str, str | None] = {}
    for name in (*_SINGLE_VALUED, csrf_field):
        values = data.getlist(name)
        if len(values) > 1:
            return None
        single[name] = values[0] if values else None
    comment = without_control_characters(single["comment"])
    if _too_long(single["comment"], comment):
        return None
    return PostedTheme(
        answers=answers,
        comment=comment,
        completed=_pressed(single["save_and_continue"]) or not _pressed(single["save_for_later"]),
        page=single["page"] or "",
        shown=single["shown"] or "",
    )


def _token_accepted(data: MultiDict, csrf_field: str) -> bool:
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return True
    try:
        validate_csrf(data.get(csrf_field))
    except ValidationError:
        return False
    return True


def _too_long(raw: str | None, comment: str | None) -> bool:
    # As the form's field: blank (or only spaces) is never measured (its Optional()),
    # and what is measured is the comment without its control characters.
    return bool(raw and raw.strip()) and len(comment or "") > MAX_COMMENT_LENGTH


def _pressed(value: str | None) -> bool:
    return value is not None and value not in _NOT_PRESSED
