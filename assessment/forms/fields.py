"""Fields the GOV.UK widgets don't give us out of the box."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput
from wtforms import RadioField
from wtforms.validators import ValidationError


class OptionalRadioField(RadioField):
    """A radio group an officer may leave unanswered; a value that isn't one of the
    offered options (a tampered post) is still refused."""

    widget = GovRadioInput()

    def pre_validate(self, form) -> None:
        if self.raw_data in (None, [], [""]) or self.data is None:
            self.data = None
            return
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(self.gettext("Select one of the options"))
        if len(self.raw_data) > 1:
            raise ValidationError(self.gettext("Select only one option"))

    def process_formdata(self, valuelist) -> None:
        self.raw_data = valuelist
        self.data = valuelist[0] if valuelist and valuelist[0] != "" else None
