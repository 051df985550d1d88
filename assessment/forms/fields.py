"""Fields and widgets the GOV.UK widgets don't give us out of the box."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import IntegerField, RadioField
from wtforms.validators import ValidationError

# Control characters but tab and the line breaks: invisible in a comment, not valid in
# an HTML page, and NUL is refused outright by PostgreSQL.
_CONTROL_CHARACTERS = {n: None for n in (*range(32), 127) if chr(n) not in "\t\n\r"}


def without_control_characters(text: str | None) -> str | None:
    return text.translate(_CONTROL_CHARACTERS) if text else text


def stripped(text: str | None) -> str | None:
    return text.strip() if text else text


def is_ascii_digits(text: str) -> bool:
    """0 to 9 only: str.isdigit() and int() also take "٣", "３" and "²"."""
    return text.isascii() and text.isdigit()


def ascii_int(value: object) -> int:
    """A choice's id as a SelectField coerces it, refusing digits other than 0 to 9
    (the field words its own message when this raises)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and is_ascii_digits(value):
        return int(value)
    raise ValueError(f"not a whole number in 0 to 9: {value!r}")


class _ErrorPrefixTranslated:
    """GOV.UK's error message writes a visually hidden "Error:" before the message, in
    English unless told otherwise, and govuk-frontend-wtf sets the error message after
    any params a template passes: so the widget itself says it in the reader's language."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        if params.get("errorMessage"):
            params["errorMessage"]["visuallyHiddenText"] = _("Error")
        return params


class TextInput(_ErrorPrefixTranslated, GovTextInput):
    pass


class TextArea(_ErrorPrefixTranslated, GovTextArea):
    pass


class RadioInput(_ErrorPrefixTranslated, GovRadioInput):
    pass


class Select(_ErrorPrefixTranslated, GovSelect):
    pass


class PasswordInput(_ErrorPrefixTranslated, GovPasswordInput):
    """A password box whose Show/Hide button speaks the reader's language too."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        params.update(
            showPasswordText=_("Show"),
            hidePasswordText=_("Hide"),
            showPasswordAriaLabelText=_("Show password"),
            hidePasswordAriaLabelText=_("Hide password"),
            passwordShownAnnouncementText=_("Your password is visible"),
            passwordHiddenAnnouncementText=_("Your password is hidden"),
        )
        return params


class OptionalRadioField(RadioField):
    """A radio group an officer may leave unanswered; a value that isn't one of the
    offered options (a tampered post) is still refused."""

    widget = RadioInput()

    def pre_validate(self, form) -> None:
        if self.raw_data in (None, [], [""]) or self.data is None:
            self.data = None
            return
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(_("Select one of the options"))
        if len(self.raw_data) > 1:
            raise ValidationError(_("Select only one option"))

    def process_formdata(self, valuelist) -> None:
        self.raw_data = valuelist
        self.data = valuelist[0] if valuelist and valuelist[0] != "" else None


class WholeNumberField(IntegerField):
    """An integer box whose error says what to type, in the field's own words."""

    def __init__(self, label=None, validators=None, not_a_number: str = "", **kwargs):
        super().__init__(label, validators, **kwargs)
        # Bound as each form is made, so in the language of the request that made it.
        self.not_a_number = not_a_number or _(
            "%(label)s must be a whole number", label=self.label.text
        )

    def process_formdata(self, valuelist) -> None:
        if not valuelist or valuelist[0].strip() == "":
            self.data = None
            return
        text = valuelist[0].strip().replace(",", "")
        # ASCII digits only: str.isdigit() takes "²" (int() then fails) and other scripts'
        # digits. A sign and up to 15 digits are a number, so a range check can say
        # what is allowed, rather than "not a number", of -1 or 10^12.
        if not _WHOLE_NUMBER.fullmatch(text):
            self.data = None
            raise ValueError(self.not_a_number)
        self.data = int(text)


_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,15}")
