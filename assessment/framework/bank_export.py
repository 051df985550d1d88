"""The question bank as plain JSON-ready data (`questions export --format json`), and
where two exports of one version differ (a version already used must not change).

The shape is the public contract in FRAMEWORK.md ("Question bank export"), so
other tools can build their own surveys from the same questions; keep it in
step with that document rather than with the dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assessment.framework.model import Bank, Option, Question, Theme


def bank_json(bank: Bank) -> dict[str, Any]:
    return {
        "version": bank.version,
        "levels": [{"level": level.level, "name": level.name} for level in bank.levels],
        "roles": [_option(role) for role in bank.roles],
        "service_areas": [_option(area) for area in bank.service_areas],
        "themes": [_theme(theme) for theme in bank.themes],
    }


def _option(option: Option) -> dict[str, str]:
    return {"id": option.id, "label": option.label}


def _theme(theme: Theme) -> dict[str, Any]:
    return {
        "id": theme.id,
        "title": theme.title,
        "pillar": theme.pillar,
        "questions": [_question(question) for question in theme.questions],
    }


def _question(question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "text": question.text,
        "hint": question.hint,
        # A YAML weight of 2 loads as an int; the contract promises a number
        # that reads the same in every export, so always a float.
        "weight": float(question.weight),
        "levels": [
            {"level": number, "text": text} for number, text in enumerate(question.levels, start=1)
        ],
    }


@dataclass(frozen=True)
class Difference:
    """Where an installed bank first differs from the export recorded when its version
    was first used: the file (relative to the bank's folder), the question, if any, and
    the field ("levels.3", "text", "title"); `change` is "differs", "added" or "removed"."""

    file: str
    question: str | None
    field: str
    change: str = "differs"


def first_difference(recorded: dict[str, Any], installed: dict[str, Any]) -> Difference | None:
    """The first difference between two exports of one version (bank order), or None."""
    for key in ("levels", "roles", "service_areas"):
        path = _first_path(recorded.get(key), installed.get(key))
        if path is not None:
            return Difference("bank.yaml", None, ".".join([key, *path]))
    was = {theme["id"]: theme for theme in recorded.get("themes", [])}
    now = {theme["id"]: theme for theme in installed.get("themes", [])}
    if list(was) != list(now):  # a theme added, taken out or moved
        return Difference("bank.yaml", None, "themes")
    for theme_id, theme in was.items():
        found = _theme_difference(f"themes/{theme_id}.yaml", theme, now[theme_id])
        if found is not None:
            return found
    return None


def _theme_difference(file: str, was: dict[str, Any], now: dict[str, Any]) -> Difference | None:
    for key in ("title", "pillar"):
        if was.get(key) != now.get(key):
            return Difference(file, None, key)
    questions_was = {question["id"]: question for question in was.get("questions", [])}
    questions_now = {question["id"]: question for question in now.get("questions", [])}
    for question_id, question in questions_was.items():
        if question_id not in questions_now:
            return Difference(file, question_id, "id", "removed")
        path = _first_path(question, questions_now[question_id])
        if path is not None:
            return Difference(file, question_id, ".".join(path))
    for question_id in questions_now:
        if question_id not in questions_was:
            return Difference(file, question_id, "id", "added")
    if list(questions_was) != list(questions_now):
        return Difference(file, None, "questions")  # the same questions in another order
    return None


def _first_path(was: Any, now: Any) -> list[str] | None:
    """The path to the first value that differs, keyed as the YAML is: a level by its
    number, a role or service area by its id."""
    was, now = _keyed(was), _keyed(now)
    if was == now:
        return None
    if isinstance(was, dict) and isinstance(now, dict):
        for key in [*was, *(k for k in now if k not in was)]:
            deeper = _first_path(was.get(key), now.get(key))
            if deeper is not None:
                return [str(key), *deeper]
    return []


def _keyed(value: Any) -> Any:
    # [{"level": 3, "text": "..."}] -> {3: "..."}; [{"id": "housing", "label": "..."}] ->
    # {"housing": "..."}: so a difference is named as the file names it, and a list in
    # another order still compares item by item.
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        for key in ("level", "id"):
            if all(key in item and len(item) == 2 for item in value):
                return {item[key]: next(v for k, v in item.items() if k != key) for item in value}
    return value
