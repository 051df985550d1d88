"""The box leaders type a word into to filter a theme's comments."""

from __future__ import annotations

from flask_babel import lazy_gettext
from wtforms import StringField
from wtforms.validators import Length

from ..framework.comment_search import MAX_WORD_LENGTH
from .base import Form
from .fields import TextInput, without_control_characters


class CommentFilterForm(Form):
    """Sent by GET, so that a filtered list has an address and works without JavaScript;
    it changes nothing, so it carries no CSRF token."""

    class Meta(Form.Meta):
        csrf = False

    word = StringField(
        lazy_gettext("Filter comments by a word"),
        filters=[without_control_characters],
        validators=[
            Length(
                max=MAX_WORD_LENGTH,
                message=lazy_gettext(
                    "The word to filter by must be %(max)s characters or fewer",
                    max=MAX_WORD_LENGTH,
                ),
            )
        ],
        widget=TextInput(),
    )
