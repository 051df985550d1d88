"""The question bank as plain JSON-ready data (`questions export --format json`).

The shape is the public contract in FRAMEWORK.md ("Question bank export"), so
other tools can build their own surveys from the same questions; keep it in
step with that document rather than with the dataclasses.
"""

from __future__ import annotations

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
