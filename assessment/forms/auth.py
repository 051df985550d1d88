"""Sign-in and account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import Email, InputRequired, Length

from .base import Form
from .fields import PasswordInput, TextInput, without_control_characters

MIN_PASSWORD_LENGTH = 12


class SignInForm(Form):
    email = StringField(
        lazy_gettext("Email address"),
        filters=[without_control_characters],
        validators=[
            InputRequired(message=lazy_gettext("Enter your email address")),
            Length(max=254, message=lazy_gettext("Email address must be 254 characters or fewer")),
        ],
        widget=TextInput(),
    )
    password = PasswordField(
        lazy_gettext("Password"),
        validators=[
            InputRequired(message=lazy_gettext("Enter your password")),
            Length(max=200, message=lazy_gettext("Password must be 200 characters or fewer")),
        ],
        widget=PasswordInput(),
    )
    submit = SubmitField(lazy_gettext("Sign in"), widget=GovSubmitInput())


class NewLeaderForm(Form):
    email = StringField(
        lazy_gettext("Email address"),
        filters=[without_control_characters],
        validators=[
            InputRequired(message=lazy_gettext("Enter the leader's email address")),
            Email(
                message=lazy_gettext(
                    "Enter an email address in the correct format, like name@example.gov.uk"
                )
            ),
            Length(max=254, message=lazy_gettext("Email address must be 254 characters or fewer")),
        ],
        widget=TextInput(),
    )
    password = PasswordField(
        lazy_gettext("Temporary password"),
        description=lazy_gettext(
            "At least %(min)s characters. Give it to the leader securely.",
            min=MIN_PASSWORD_LENGTH,
        ),
        validators=[
            InputRequired(message=lazy_gettext("Enter a temporary password")),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=lazy_gettext(
                    "Password must be between %(min)s and %(max)s characters",
                    min=MIN_PASSWORD_LENGTH,
                    max=200,
                ),
            ),
        ],
        widget=PasswordInput(),
    )
    submit = SubmitField(lazy_gettext("Create leader account"), widget=GovSubmitInput())
