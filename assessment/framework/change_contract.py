"""Change since the last round as the results JSON and CSV publish it (FRAMEWORK.md,
"Change in the results JSON and CSV"): the JSON's `change` object and the CSV's
`previous_score` and `change` columns."""

from __future__ import annotations

from typing import Any

from .change import Change, GroupChange, Summary, ThemeChange
from .display import one_decimal


def change_json(change: Change | None) -> dict[str, Any] | None:
    """The JSON's `change`: null without a previous round; unrounded changes; an entry null
    where the cell is hidden in either round (a theme not comparable says so instead)."""
    if change is None:
        return None
    return {
        "previous": change.previous_id,
        "themes": _themes_json(change.council),
        "roles": {group.id: _themes_json(group) for group in change.roles},
        "service_areas": {group.id: _themes_json(group) for group in change.service_areas},
    }


def signed_one_decimal(value: float | None) -> str:
    """'+0.3', '-0.1', '0.0' (a change too small to show has no sign); '' for None.
    Rounded half up on its size, so a rise and a fall of the same size read alike."""
    if value is None:
        return ""
    size = one_decimal(abs(value))
    if size == one_decimal(0.0):
        return size
    return ("+" if value > 0 else "-") + size


def theme_columns(change: Change | None, group_type: str, group_id: str, theme_id: str):
    """The CSV's previous_score and change for one group's theme."""
    theme = _theme_or_none(_group_or_none(change, group_type, group_id), theme_id)
    if theme is None:
        return {"previous_score": "", "change": ""}
    return {
        "previous_score": one_decimal(theme.previous),
        "change": signed_one_decimal(theme.change),
    }


def overall_columns(change: Change | None, group_type: str, group_id: str) -> dict[str, str]:
    """The CSV's previous_score and change for a group's overall row: over the themes whose
    change is shown, in both rounds."""
    group = _group_or_none(change, group_type, group_id)
    overall = group.overall if group is not None else Summary(None, None)
    return {
        "previous_score": one_decimal(overall.previous),
        "change": signed_one_decimal(overall.change),
    }


def _themes_json(group: GroupChange) -> dict[str, Any]:
    return {theme.theme_id: _entry(theme) for theme in group.themes}


def _entry(theme: ThemeChange) -> dict[str, Any] | None:
    if theme.comparable and not theme.shown:
        return None
    return {
        "change": theme.change,
        "questions_compared": theme.questions_compared,
        "clear": theme.clear,
    }


def _group_or_none(change: Change | None, group_type: str, group_id: str) -> GroupChange | None:
    if change is None:
        return None
    if group_type == "council":
        return change.council
    groups = change.roles if group_type == "role" else change.service_areas
    return next((g for g in groups if g.id == group_id), None)


def _theme_or_none(group: GroupChange | None, theme_id: str) -> ThemeChange | None:
    if group is None:
        return None
    return next((t for t in group.themes if t.theme_id == theme_id), None)
