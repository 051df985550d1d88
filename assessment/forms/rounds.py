"""The form a leader chooses an assessment's previous round with."""

from __future__ import annotations

from flask_babel import lazy_gettext
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import SelectField, SubmitField

from .base import Form
from .fields import Select

NO_PREVIOUS = "none"


class PreviousRoundForm(Form):
    # Any id is let through here: services/rounds.py refuses what cannot be the previous
    # round (another council's, itself, a loop) with a message saying why.
    previous = SelectField(
        lazy_gettext("Previous round"),
        description=lazy_gettext(
            "Results show what has changed since this round, on the questions both asked."
        ),
        validate_choice=False,
        widget=Select(),
    )
    submit = SubmitField(lazy_gettext("Save previous round"), widget=GovSubmitInput())
