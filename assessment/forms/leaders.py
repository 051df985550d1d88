"""Forms leaders and administrators use to run assessments."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..framework.model import Bank, Option, has_headcount
from ..framework.moderation import MAX_REASON_LENGTH
from ..framework.scoring import DEFAULT_THRESHOLD as DEFAULT_ANONYMITY_THRESHOLD
from ..framework.scoring import MIN_THRESHOLD as MIN_ANONYMITY_THRESHOLD
from .base import Form
from .dates import OptionalDateField
from .fields import (
    Select,
    TextArea,
    TextInput,
    WholeNumberField,
    ascii_int,
    stripped,
    without_control_characters,
)

MAX_THRESHOLD = 50
LATEST_CLOSED = "latest"
MAX_HEADCOUNT = 1_000_000


def _not_in_the_past(form, field) -> None:
    if field.data is not None and field.data < date.today():
        raise ValidationError(_("Date results will be shared must be today or in the future"))


def _results_shared_on() -> OptionalDateField:
    """The date officers are promised the results by: optional, today or later."""
    return OptionalDateField(
        lazy_gettext("When will you share the results with staff? (optional)"),
        what=lazy_gettext("Date results will be shared"),
        description=lazy_gettext(
            "Officers see this date when they submit their answers and on their "
            "invitation link. For example, 14 3 2027"
        ),
        validators=[_not_in_the_past],
    )


class NewAssessmentForm(Form):
    council = SelectField(
        lazy_gettext("Council"), coerce=ascii_int, widget=Select(), validate_choice=True
    )
    title = StringField(
        lazy_gettext("Title"),
        # Stripped before it is checked, so a title of spaces is refused as the CLI does.
        filters=[without_control_characters, stripped],
        description=lazy_gettext(
            "Officers see this, for example Digital maturity self-assessment 2026"
        ),
        validators=[
            DataRequired(message=lazy_gettext("Enter a title")),
            Length(max=200, message=lazy_gettext("Title must be 200 characters or fewer")),
        ],
        widget=TextInput(),
    )
    anonymity_threshold = WholeNumberField(
        lazy_gettext("Anonymity threshold"),
        not_a_number=lazy_gettext("Anonymity threshold must be a whole number"),
        description=lazy_gettext(
            "A group's results are only shown once this many people in it have answered. "
            "At least %(min)s; %(usual)s is usual.",
            min=MIN_ANONYMITY_THRESHOLD,
            usual=DEFAULT_ANONYMITY_THRESHOLD,
        ),
        default=DEFAULT_ANONYMITY_THRESHOLD,
        validators=[
            InputRequired(message=lazy_gettext("Enter an anonymity threshold")),
            NumberRange(
                min=MIN_ANONYMITY_THRESHOLD,
                max=MAX_THRESHOLD,
                message=lazy_gettext(
                    "Anonymity threshold must be between %(min)s and %(max)s",
                    min=MIN_ANONYMITY_THRESHOLD,
                    max=MAX_THRESHOLD,
                ),
            ),
        ],
        widget=TextInput(),
    )
    # Choices are the councils' rounds (web/leaders.py); services/rounds.py refuses the rest.
    previous = SelectField(
        lazy_gettext("Previous round"),
        description=lazy_gettext(
            "Results show what has changed since this round, on the questions both asked."
        ),
        default=LATEST_CLOSED,
        validate_choice=False,
        widget=Select(),
    )
    results_shared_on = _results_shared_on()
    submit = SubmitField(lazy_gettext("Create assessment"), widget=GovSubmitInput())


class ConfirmForm(Form):
    """A button that changes something: only its CSRF token matters."""

    submit = SubmitField(lazy_gettext("Confirm"), widget=GovSubmitInput())


class CloseForm(ConfirmForm):
    """Closing, with the date officers are told results will be shared by."""

    results_shared_on = _results_shared_on()


class ResultsDateForm(Form):
    results_shared_on = _results_shared_on()
    submit = SubmitField(lazy_gettext("Save date"), widget=GovSubmitInput())


def headcount_groups(bank: Bank) -> list[tuple[str, list[Option]]]:
    """Each kind of group with the groups whose people a leader can count."""
    return [
        (group_type, [option for option in options if has_headcount(option.id)])
        for group_type, options in (("role", bank.roles), ("service_area", bank.service_areas))
    ]


def headcount_form(bank: Bank, formdata=None, data=None) -> Form:
    """One optional whole-number box a role tier and a service area.

    Built for each request, so its words are translated there and then."""

    class HeadcountForm(Form):
        submit = SubmitField(_("Save headcounts"), widget=GovSubmitInput())

    largest = f"{MAX_HEADCOUNT:,}"

    for group_type, options in headcount_groups(bank):
        for option in options:
            setattr(
                HeadcountForm,
                f"{group_type}__{option.id}",
                WholeNumberField(
                    option.label,
                    not_a_number=_(
                        "%(group)s: enter a whole number, or leave it empty", group=option.label
                    ),
                    validators=[
                        Optional(),
                        NumberRange(
                            min=1,
                            max=MAX_HEADCOUNT,
                            message=_(
                                "%(group)s: enter a whole number between 1 and %(max)s, "
                                "or leave it empty",
                                group=option.label,
                                max=largest,
                            ),
                        ),
                    ],
                    widget=TextInput(),
                ),
            )
    kwargs = {"data": data} if formdata is None and data is not None else {}
    return HeadcountForm(**kwargs)


class HideCommentForm(Form):
    reason = TextAreaField(
        lazy_gettext("Why are you hiding this comment?"),
        description=lazy_gettext(
            "Other leaders see this reason. The comment is kept for requests under data "
            "protection law, but no results page, download or report shows it."
        ),
        filters=[without_control_characters],
        validators=[
            DataRequired(message=lazy_gettext("Enter why you are hiding this comment")),
            Length(
                max=MAX_REASON_LENGTH,
                message=lazy_gettext(
                    "Reason must be %(max)s characters or fewer", max=MAX_REASON_LENGTH
                ),
            ),
        ],
        widget=TextArea(),
    )
    submit = SubmitField(lazy_gettext("Hide comment"), widget=GovSubmitInput())
