"""What the task list and the check answers page show, worked out from what is saved."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext, ngettext
from markupsafe import Markup, escape

from ..forms.builder import level_statement_label
from ..framework.model import Bank, Theme
from ..storage import queries
from ..storage.models import Response, ThemeEntry

# A theme's status, as the template tells them apart, and as people read it.
NOT_STARTED, IN_PROGRESS, COMPLETED = "not-started", "in-progress", "completed"
STATUS_TEXT = {
    NOT_STARTED: lazy_gettext("Not started"),
    IN_PROGRESS: lazy_gettext("In progress"),
    COMPLETED: lazy_gettext("Completed"),
}


@dataclass(frozen=True)
class Task:
    title: str
    href: str
    status: str
    hint: str

    @property
    def status_text(self) -> str:
        return str(STATUS_TEXT[self.status])


@dataclass(frozen=True)
class Row:
    key: str
    value: str
    href: str
    # The link's whole wording: "Change" and, hidden but read out, what it changes. One
    # message, so a translator can put the two in the order their language needs.
    change_link: Markup


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
            hint=ngettext("%(num)s question", "%(num)s questions", len(theme.questions)),
        )
        for theme in bank.themes
    ]


def check_answers(bank: Bank, response: Response) -> list[Section]:
    invitation = response.assessment.invitation_token
    about_you_href = url_for("survey.about_you", invitation=invitation, **{"return": "check"})
    sections = [
        Section(
            _("About you"),
            [
                Row(
                    _("Role"),
                    bank.role_label(response.role_tier),
                    about_you_href,
                    Markup(_('Change<span class="govuk-visually-hidden"> role</span>')),
                ),
                Row(
                    _("Service area"),
                    bank.service_area_label(response.service_area),
                    about_you_href,
                    Markup(_('Change<span class="govuk-visually-hidden"> service area</span>')),
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
                Markup(
                    _(
                        'Change<span class="govuk-visually-hidden"> your answer to: '
                        "%(question)s</span>",
                        question=escape(question.text),
                    )
                ),
            )
            for question in theme.questions
        ]
        entry = entries.get(theme.id)
        comment = entry.comment if entry and entry.comment else _("None")
        change_link = Markup(
            _(
                'Change<span class="govuk-visually-hidden"> your comment on %(theme)s</span>',
                theme=escape(theme.title),
            )
        )
        rows.append(Row(_("Your comment"), comment, f"{href}#comment", change_link))
        sections.append(Section(theme.title, rows))
    return sections


def _choice(value) -> str | None:
    return None if value is None else str(value)
