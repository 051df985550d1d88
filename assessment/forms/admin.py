"""Forms for the installation's administrators."""

from __future__ import annotations

from flask_babel import lazy_gettext
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Regexp

from .base import Form
from .fields import TextArea, TextInput, without_control_characters


class NewCouncilForm(Form):
    name = StringField(
        lazy_gettext("Council name"),
        filters=[without_control_characters],
        validators=[
            InputRequired(message=lazy_gettext("Enter the council's name")),
            Length(max=200, message=lazy_gettext("Council name must be 200 characters or fewer")),
        ],
        widget=TextInput(),
    )
    slug = StringField(
        lazy_gettext("Short name"),
        filters=[without_control_characters],
        description=lazy_gettext(
            "Used in file names and exports: lower-case letters, numbers and hyphens, "
            "for example exampleshire"
        ),
        validators=[
            InputRequired(message=lazy_gettext("Enter a short name")),
            Regexp(
                r"^[a-z0-9][a-z0-9-]{0,59}$",
                message=lazy_gettext(
                    "Short name must be lower-case letters, numbers and hyphens, "
                    "60 characters or fewer"
                ),
            ),
        ],
        widget=TextInput(),
    )
    submit = SubmitField(lazy_gettext("Create council"), widget=GovSubmitInput())


MAX_PRIVACY_TEXT = 1000


class PrivacyDetailsForm(Form):
    """What the council's privacy notice says about who holds officers' answers."""

    controller = TextAreaField(
        lazy_gettext("Data controller"),
        filters=[without_control_characters],
        description=lazy_gettext(
            "The organisation responsible for the answers, with its address, for example "
            "Exampleshire County Council, County Hall, Exampletown EX1 1AA. "
            "Leave empty to name the council."
        ),
        validators=[
            Length(
                max=MAX_PRIVACY_TEXT,
                message=lazy_gettext(
                    "Data controller must be %(max)s characters or fewer", max=MAX_PRIVACY_TEXT
                ),
            )
        ],
        widget=TextArea(),
    )
    contact = TextAreaField(
        lazy_gettext("Data protection contact"),
        filters=[without_control_characters],
        description=lazy_gettext(
            "How officers reach the council's data protection officer, for example "
            "dpo@exampleshire.gov.uk or a postal address. Leave empty if you do not know yet."
        ),
        validators=[
            Length(
                max=MAX_PRIVACY_TEXT,
                message=lazy_gettext(
                    "Data protection contact must be %(max)s characters or fewer",
                    max=MAX_PRIVACY_TEXT,
                ),
            )
        ],
        widget=TextArea(),
    )
    submit = SubmitField(lazy_gettext("Save privacy details"), widget=GovSubmitInput())
