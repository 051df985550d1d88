"""The officer journey's static forms."""

from __future__ import annotations

from flask_babel import lazy_gettext
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from ..framework.model import Bank
from .base import Form
from .fields import RadioInput, TextInput


class AboutYouForm(Form):
    role_tier = RadioField(
        lazy_gettext("What is your role?"),
        validators=[
            InputRequired(message=lazy_gettext("Select your role, or select Prefer not to say"))
        ],
        widget=RadioInput(),
    )
    service_area = RadioField(
        lazy_gettext("Which service area do you mainly work in?"),
        validators=[
            InputRequired(
                message=lazy_gettext("Select your service area, or select Prefer not to say")
            )
        ],
        widget=RadioInput(),
    )
    submit = SubmitField(lazy_gettext("Save and continue"), widget=GovSubmitInput())

    @classmethod
    def for_bank(cls, bank: Bank, **kwargs) -> AboutYouForm:
        form = cls(**kwargs)
        form.role_tier.choices = [SelectChoice(o.id, o.label) for o in bank.roles]
        form.service_area.choices = [SelectChoice(o.id, o.label) for o in bank.service_areas]
        return form


class ResumeForm(Form):
    code = StringField(
        lazy_gettext("Resume code"),
        description=lazy_gettext("The 8 letters and numbers you were given, for example ABCD-2345"),
        validators=[
            InputRequired(message=lazy_gettext("Enter your resume code")),
            Length(max=20, message=lazy_gettext("Resume code must be 8 letters and numbers")),
        ],
        widget=TextInput(),
    )
    submit = SubmitField(lazy_gettext("Continue"), widget=GovSubmitInput())


class SubmitForm(Form):
    submit = SubmitField(lazy_gettext("Submit your answers"), widget=GovSubmitInput())


class ContinueForm(Form):
    submit = SubmitField(lazy_gettext("Continue"), widget=GovSubmitInput())
