"""A GOV.UK date input (day, month, year) that is optional, says what is wrong in the
Design System's words, and never fails on a forged post with too few or too many boxes.

govuk-frontend-wtf's widget labels the boxes in English and unpacks exactly three
posted values, so this field pads or cuts what is posted to three before the widget
sees it, and the widget's labels are translated where the page is drawn."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import Field

from .fields import _ErrorPrefixTranslated, is_ascii_digits

PARTS = ("day", "month", "year")


class DateInput(_ErrorPrefixTranslated, GovDateInput):
    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        for item, label in zip(params["items"], (_("Day"), _("Month"), _("Year")), strict=True):
            item["label"] = label
        return params


class OptionalDateField(Field):
    """A date, or None when all three boxes are empty. `what` names the date in error
    messages ("Date results will be shared"), as the Design System words them."""

    widget = DateInput()

    def __init__(self, label=None, validators=None, *, what, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.what = what

    def process_formdata(self, valuelist):
        typed = [str(value).strip() for value in valuelist[:3]]
        self.raw_data = typed + [""] * (3 - len(typed))
        self.data = None
        if not any(self.raw_data):
            return
        missing = [
            _part_name(part) for part, value in zip(PARTS, self.raw_data, strict=True) if not value
        ]
        if missing:
            raise ValueError(
                _("%(what)s must include a %(parts)s", what=self.what, parts=_and(missing))
            )
        day, month, year = self.raw_data
        if not all(is_ascii_digits(v) for v in self.raw_data) or len(year) != 4:
            raise ValueError(_("%(what)s must be a real date", what=self.what))
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(_("%(what)s must be a real date", what=self.what)) from None

    def _value(self):
        return self.data.strftime("%d %m %Y") if self.data else ""


def _part_name(part: str) -> str:
    return {"day": _("day"), "month": _("month"), "year": _("year")}[part]


def _and(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return _("%(first)s and %(last)s", first=", ".join(words[:-1]), last=words[-1])
