"""Sign-in and account forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import Email, InputRequired, Length

from .fields import without_control_characters

MIN_PASSWORD_LENGTH = 12


class SignInForm(FlaskForm):
    email = StringField(
        "Email address",
        filters=[without_control_characters],
        validators=[
            InputRequired(message="Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    password = PasswordField(
        "Password",
        validators=[
            InputRequired(message="Enter your password"),
            Length(max=200, message="Password must be 200 characters or fewer"),
        ],
        widget=GovPasswordInput(),
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class NewLeaderForm(FlaskForm):
    email = StringField(
        "Email address",
        filters=[without_control_characters],
        validators=[
            InputRequired(message="Enter the leader's email address"),
            Email(message="Enter an email address in the correct format, like name@example.gov.uk"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    password = PasswordField(
        "Temporary password",
        description=f"At least {MIN_PASSWORD_LENGTH} characters. Give it to the leader securely.",
        validators=[
            InputRequired(message="Enter a temporary password"),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=f"Password must be between {MIN_PASSWORD_LENGTH} and 200 characters",
            ),
        ],
        widget=GovPasswordInput(),
    )
    submit = SubmitField("Create leader account", widget=GovSubmitInput())
