"""What the task list and the check answers page show, worked out from what is saved."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from ..forms.builder import level_statement_label
from ..framework.model import Bank, Theme
from ..storage import queries
from ..storage.models import Response, ThemeEntry

NOT_STARTED, IN_PROGRESS, COMPLETED = "Not started", "In progress", "Completed"


@dataclass(frozen=True)
class Task:
    title: str
    href: str
    status: str
    hint: str


@dataclass(frozen=True)
class Row:
    key: str
    value: str
    href: str
    change_label: str


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[Row]


def theme_status(theme: Theme, answered: set[str], entry: ThemeEntry | None) -> str:
    if entry is not None and entry.completed_at is not None:
        return COMPLETED
    if entry is not None or answered.intersection(theme.question_ids):
        return IN_PROGRESS
    return NOT_STARTED


def items(bank: Bank, response: Response) -> list[Task]:
    answered = set(queries.answers_for(response))
    entries = queries.theme_entries_for(response)
    invitation = response.assessment.invitation_token
    return [
        Task(
            title=theme.title,
            href=url_for("survey.theme_page", invitation=invitation, theme_id=theme.id),
            status=theme_status(theme, answered, entries.get(theme.id)),
            hint=f"{len(theme.questions)} questions",
        )
        for theme in bank.themes
    ]


def check_answers(bank: Bank, response: Response) -> list[Section]:
    invitation = response.assessment.invitation_token
    about_you_href = url_for("survey.about_you", invitation=invitation, **{"return": "check"})
    sections = [
        Section(
            "About you",
            [
                Row("Role", bank.role_label(response.role_tier), about_you_href, "role"),
                Row(
                    "Service area",
                    bank.service_area_label(response.service_area),
                    about_you_href,
                    "service area",
                ),
            ],
        )
    ]
    answers = queries.answers_for(response)
    entries = queries.theme_entries_for(response)
    for theme in bank.themes:
        href = url_for(
            "survey.theme_page", invitation=invitation, theme_id=theme.id, **{"return": "check"}
        )
        rows = [
            Row(
                question.text,
                level_statement_label(question, _choice(answers.get(question.id))),
                f"{href}#{question.id}",
                f"your answer to: {question.text}",
            )
            for question in theme.questions
        ]
        entry = entries.get(theme.id)
        comment = entry.comment if entry and entry.comment else "None"
        rows.append(
            Row("Your comment", comment, f"{href}#comment", f"your comment on {theme.title}")
        )
        sections.append(Section(theme.title, rows))
    return sections


def _choice(value) -> str | None:
    return None if value is None else str(value)
