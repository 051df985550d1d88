"""The officer journey's static forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from ..framework.model import Bank


class AboutYouForm(FlaskForm):
    role_tier = RadioField(
        "What is your role?",
        validators=[InputRequired(message="Select your role, or select Prefer not to say")],
        widget=GovRadioInput(),
    )
    service_area = RadioField(
        "Which service area do you mainly work in?",
        validators=[InputRequired(message="Select your service area, or select Prefer not to say")],
        widget=GovRadioInput(),
    )
    submit = SubmitField("Save and continue", widget=GovSubmitInput())

    @classmethod
    def for_bank(cls, bank: Bank, **kwargs) -> AboutYouForm:
        form = cls(**kwargs)
        form.role_tier.choices = [SelectChoice(o.id, o.label) for o in bank.roles]
        form.service_area.choices = [SelectChoice(o.id, o.label) for o in bank.service_areas]
        return form


class ResumeForm(FlaskForm):
    code = StringField(
        "Resume code",
        description="The 8 letters and numbers you were given, for example ABCD-2345",
        validators=[
            InputRequired(message="Enter your resume code"),
            Length(max=20, message="Resume code must be 8 letters and numbers"),
        ],
        widget=GovTextInput(),
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class SubmitForm(FlaskForm):
    submit = SubmitField("Submit your answers", widget=GovSubmitInput())
