"""The targets form: one optional box a theme, read by framework/targets.py, so the web
refuses exactly what the command line refuses."""

from __future__ import annotations

from flask_babel import gettext as _
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import StringField, SubmitField

from ..framework.model import Bank
from ..framework.targets import TargetError, parse_target, target_text
from .base import Form
from .fields import TextInput

FIELD_PREFIX = "theme__"


class TargetField(StringField):
    """A target in tenths, or None when the box is left empty."""

    def process_formdata(self, valuelist) -> None:
        self.data = None
        if not valuelist or valuelist[0].strip() == "":
            return
        try:
            self.data = parse_target(valuelist[0], str(self.label.text))
        except TargetError as refused:
            raise ValueError(str(refused)) from None

    def _value(self) -> str:
        # What was typed, when it was refused; otherwise the saved target as "3.5".
        if self.raw_data:
            return self.raw_data[0]
        return target_text(self.data) if isinstance(self.data, int) else ""


def targets_form(bank: Bank, data: dict[str, int] | None = None) -> Form:
    """Built for each request, so its words are in that request's language."""

    class TargetsForm(Form):
        submit = SubmitField(_("Save targets"), widget=GovSubmitInput())

    for theme in bank.themes:
        setattr(TargetsForm, FIELD_PREFIX + theme.id, TargetField(theme.title, widget=TextInput()))
    saved = {FIELD_PREFIX + theme_id: tenths for theme_id, tenths in (data or {}).items()}
    return TargetsForm(data=saved)


def wanted_targets(form: Form) -> dict[str, int | None]:
    """Theme id -> the target the form holds, None where the box was left empty."""
    return {
        field.name.removeprefix(FIELD_PREFIX): field.data
        for field in form
        if field.name.startswith(FIELD_PREFIX)
    }
