"""Forms leaders and administrators use to run assessments."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..framework.model import Bank
from ..framework.scoring import DEFAULT_THRESHOLD as DEFAULT_ANONYMITY_THRESHOLD
from ..framework.scoring import MIN_THRESHOLD as MIN_ANONYMITY_THRESHOLD
from .fields import WholeNumberField, without_control_characters

MAX_THRESHOLD = 50
MAX_HEADCOUNT = 1_000_000


class NewAssessmentForm(FlaskForm):
    council = SelectField("Council", coerce=int, widget=GovSelect(), validate_choice=True)
    title = StringField(
        "Title",
        filters=[without_control_characters],
        description="Officers see this, for example Digital maturity self-assessment 2026",
        validators=[
            InputRequired(message="Enter a title"),
            Length(max=200, message="Title must be 200 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    anonymity_threshold = WholeNumberField(
        "Anonymity threshold",
        description=(
            "A group's results are only shown once this many people in it have answered. "
            f"At least {MIN_ANONYMITY_THRESHOLD}; {DEFAULT_ANONYMITY_THRESHOLD} is usual."
        ),
        default=DEFAULT_ANONYMITY_THRESHOLD,
        validators=[
            InputRequired(message="Enter an anonymity threshold"),
            NumberRange(
                min=MIN_ANONYMITY_THRESHOLD,
                max=MAX_THRESHOLD,
                message=f"Anonymity threshold must be between {MIN_ANONYMITY_THRESHOLD} "
                f"and {MAX_THRESHOLD}",
            ),
        ],
        widget=GovTextInput(),
    )
    submit = SubmitField("Create assessment", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A button that changes something: only its CSRF token matters."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())


def headcount_form(bank: Bank, formdata=None, data=None) -> FlaskForm:
    """One optional whole-number box a role tier and a service area."""

    class HeadcountForm(FlaskForm):
        submit = SubmitField("Save headcounts", widget=GovSubmitInput())

    for group_type, options in (("role", bank.roles), ("service_area", bank.service_areas)):
        for option in options:
            setattr(
                HeadcountForm,
                f"{group_type}__{option.id}",
                WholeNumberField(
                    option.label,
                    not_a_number=f"{option.label}: enter a whole number, or leave it empty",
                    validators=[
                        Optional(),
                        NumberRange(
                            min=1,
                            max=MAX_HEADCOUNT,
                            message=f"{option.label}: enter a whole number between 1 and "
                            f"{MAX_HEADCOUNT:,}, or leave it empty",
                        ),
                    ],
                    widget=GovTextInput(),
                ),
            )
    kwargs = {"data": data} if formdata is None and data is not None else {}
    return HeadcountForm(**kwargs)
