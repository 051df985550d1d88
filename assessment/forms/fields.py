"""Fields the GOV.UK widgets don't give us out of the box."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput
from wtforms import IntegerField, RadioField
from wtforms.validators import ValidationError

# Control characters but tab and the line breaks: invisible in a comment, not valid in
# an HTML page, and NUL is refused outright by PostgreSQL.
_CONTROL_CHARACTERS = {n: None for n in (*range(32), 127) if chr(n) not in "\t\n\r"}


def without_control_characters(text: str | None) -> str | None:
    return text.translate(_CONTROL_CHARACTERS) if text else text


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


class WholeNumberField(IntegerField):
    """An integer box whose error says what to type, in the field's own words."""

    def __init__(self, label=None, validators=None, not_a_number: str = "", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.not_a_number = not_a_number or f"{self.label.text} must be a whole number"

    def process_formdata(self, valuelist) -> None:
        if not valuelist or valuelist[0].strip() == "":
            self.data = None
            return
        text = valuelist[0].strip().replace(",", "")
        if not text.isdigit() or len(text) > 9:
            self.data = None
            raise ValueError(self.not_a_number)
        self.data = int(text)
