"""The form for an action of the plan: what, who, by when, how we'll know, and where
it has got to. Lengths and statuses are framework/actions.py's, so the command line
and the database keep the same rules."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from ..framework import actions
from ..framework.model import Bank
from .base import Form
from .dates import OptionalDateField
from .fields import (
    Select,
    TextArea,
    TextInput,
    stripped,
    without_control_characters,
)

_TEXT = [without_control_characters, stripped]


def _length(limit: int, message: str) -> Length:
    return Length(max=limit, message=message)


def action_form(bank: Bank, data: dict | None = None) -> Form:
    """The form, its theme choices from the assessment's bank; built for each request,
    so its words are in the reader's language."""

    class ActionForm(Form):
        title = StringField(
            _("Action"),
            filters=_TEXT,
            validators=[
                DataRequired(message=_("Enter the action")),
                _length(
                    actions.MAX_TITLE,
                    _("Action must be %(max)s characters or fewer", max=actions.MAX_TITLE),
                ),
            ],
            widget=TextInput(),
        )
        detail = TextAreaField(
            _("What will be done"),
            filters=_TEXT,
            validators=[
                _length(
                    actions.MAX_DETAIL,
                    _(
                        "What will be done must be %(max)s characters or fewer",
                        max=actions.MAX_DETAIL,
                    ),
                )
            ],
            widget=TextArea(),
        )
        theme_id = SelectField(
            _("Theme"),
            choices=[SelectChoice("", _("No theme"))]
            + [SelectChoice(theme.id, theme.title) for theme in bank.themes],
            validate_choice=False,  # checked below, with a message of our own
            widget=Select(),
        )
        owner = StringField(
            _("Owner"),
            description=_("A role or a name, for example Head of Digital"),
            filters=_TEXT,
            validators=[
                _length(
                    actions.MAX_OWNER,
                    _("Owner must be %(max)s characters or fewer", max=actions.MAX_OWNER),
                )
            ],
            widget=TextInput(),
        )
        due = OptionalDateField(
            _("Due date"),
            what=_("Due date"),
            description=_("For example, 27 3 2027. Leave it empty if there is no date yet."),
        )
        measure = TextAreaField(
            _("How you will know it has worked"),
            filters=_TEXT,
            validators=[
                _length(
                    actions.MAX_MEASURE,
                    _(
                        "How you will know must be %(max)s characters or fewer",
                        max=actions.MAX_MEASURE,
                    ),
                )
            ],
            widget=TextArea(),
        )
        status = SelectField(
            _("Status"),
            choices=[
                SelectChoice(status, _(name)) for status, name in actions.STATUS_NAMES.items()
            ],
            default=actions.PLANNED,
            validate_choice=False,
            widget=Select(),
        )
        submit = SubmitField(_("Save action"), widget=GovSubmitInput())

        def validate_theme_id(self, field):
            if field.data and field.data not in {theme.id for theme in bank.themes}:
                raise ValidationError(_("Choose a theme from the list, or no theme"))

        def validate_status(self, field):
            if field.data not in actions.STATUSES:
                raise ValidationError(_("Choose a status from the list"))

        def values(self) -> dict[str, str | date | None]:
            return {
                "title": self.title.data,
                "detail": self.detail.data or "",
                "theme_id": self.theme_id.data or None,
                "owner": self.owner.data or "",
                "due": self.due.data,
                "measure": self.measure.data or "",
                "status": self.status.data,
            }

    return ActionForm(data=data)
