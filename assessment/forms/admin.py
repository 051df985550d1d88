"""Forms for the installation's administrators."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length, Regexp

from .fields import without_control_characters


class NewCouncilForm(FlaskForm):
    name = StringField(
        "Council name",
        filters=[without_control_characters],
        validators=[
            InputRequired(message="Enter the council's name"),
            Length(max=200, message="Council name must be 200 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    slug = StringField(
        "Short name",
        filters=[without_control_characters],
        description="Used in file names and exports: lower-case letters, numbers and hyphens, "
        "for example exampleshire",
        validators=[
            InputRequired(message="Enter a short name"),
            Regexp(
                r"^[a-z0-9][a-z0-9-]{0,59}$",
                message="Short name must be lower-case letters, numbers and hyphens, "
                "60 characters or fewer",
            ),
        ],
        widget=GovTextInput(),
    )
    submit = SubmitField("Create council", widget=GovSubmitInput())
