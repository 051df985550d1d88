"""Sign-in and account forms."""

from __future__ import annotations

from flask_babel import lazy_gettext
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import Email, EqualTo, InputRequired, Length, ValidationError

from ..framework import passwords
from .base import Form
from .fields import PasswordInput, TextInput, without_control_characters

MIN_PASSWORD_LENGTH = passwords.MIN_LENGTH
PASSWORD_PROBLEMS = {
    passwords.TOO_SHORT: lazy_gettext(
        "Password must be at least %(min)s characters", min=passwords.MIN_LENGTH
    ),
    passwords.TOO_LONG: lazy_gettext(
        "Password must be %(max)s characters or fewer", max=passwords.MAX_LENGTH
    ),
    passwords.HAS_EMAIL: lazy_gettext("Password must not contain the email address"),
    passwords.GUESSABLE: lazy_gettext(
        "Password is too common or easy to guess. Try three or four unrelated words"
    ),
}
PASSWORD_HINT = lazy_gettext(
    "At least %(min)s characters, not a common password and not containing the email "
    "address. Three or four unrelated words are easy to remember and hard to guess.",
    min=MIN_PASSWORD_LENGTH,
)


class StrongPassword:
    """The password policy (framework/passwords.py), for the account the form is
    about: its email is the form's email field, or the form's account_email."""

    def __call__(self, form, field) -> None:
        email = getattr(form, "account_email", None)
        if email is None and "email" in form:
            email = form.email.data or ""
        problem = passwords.password_problem(field.data or "", email or "")
        if problem is not None:
            raise ValidationError(PASSWORD_PROBLEMS[problem])


def _new_password(label, missing) -> PasswordField:
    return PasswordField(
        label,
        description=PASSWORD_HINT,
        validators=[InputRequired(message=missing), StrongPassword()],
        widget=PasswordInput(),
    )


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
            "At least %(min)s characters, not a common password and not containing the "
            "email address. Give it to the leader securely, or leave the account and give "
            "them a reset link instead.",
            min=MIN_PASSWORD_LENGTH,
        ),
        validators=[
            InputRequired(message=lazy_gettext("Enter a temporary password")),
            StrongPassword(),
        ],
        widget=PasswordInput(),
    )
    submit = SubmitField(lazy_gettext("Create leader account"), widget=GovSubmitInput())


# Made before _NewPasswordForm's fields, so it comes first in ChangePasswordForm (WTForms
# orders fields as they were made) and the error summary lists errors in page order.
_CURRENT_PASSWORD = PasswordField(
    lazy_gettext("Current password"),
    validators=[
        InputRequired(message=lazy_gettext("Enter your current password")),
        Length(max=200, message=lazy_gettext("Password must be 200 characters or fewer")),
    ],
    widget=PasswordInput(),
)


class _NewPasswordForm(Form):
    """A new password, typed twice, checked against the policy for this account."""

    new_password = _new_password(lazy_gettext("New password"), lazy_gettext("Enter a new password"))
    confirm_password = PasswordField(
        lazy_gettext("Confirm new password"),
        validators=[
            InputRequired(message=lazy_gettext("Enter the new password again")),
            EqualTo("new_password", message=lazy_gettext("The new passwords do not match")),
        ],
        widget=PasswordInput(),
    )

    def __init__(self, account_email: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.account_email = account_email


class ChangePasswordForm(_NewPasswordForm):
    current_password = _CURRENT_PASSWORD
    submit = SubmitField(lazy_gettext("Change password"), widget=GovSubmitInput())


class ResetPasswordForm(_NewPasswordForm):
    submit = SubmitField(lazy_gettext("Set password"), widget=GovSubmitInput())


class SecurityCodeForm(Form):
    code = StringField(
        lazy_gettext("Security code"),
        description=lazy_gettext(
            "The 6-digit code from your authenticator app, or one of your recovery codes"
        ),
        filters=[without_control_characters],
        validators=[
            InputRequired(message=lazy_gettext("Enter the security code")),
            Length(max=40, message=lazy_gettext("Enter a correct security code")),
        ],
        widget=TextInput(),
    )
    submit = SubmitField(lazy_gettext("Continue"), widget=GovSubmitInput())


class SetUpMfaForm(Form):
    code = StringField(
        lazy_gettext("Code from your authenticator app"),
        description=lazy_gettext("The 6-digit code the app shows now"),
        filters=[without_control_characters],
        validators=[
            InputRequired(message=lazy_gettext("Enter the code from your authenticator app")),
            Length(max=40, message=lazy_gettext("Enter the 6-digit code the app shows now")),
        ],
        widget=TextInput(),
    )
    submit = SubmitField(lazy_gettext("Turn on two-step sign-in"), widget=GovSubmitInput())
