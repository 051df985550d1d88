"""What the task list and the check answers page show, worked out from what is saved."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext, ngettext
from markupsafe import Markup, escape

from ..forms.builder import level_statement_label
from ..framework.model import Bank
from ..framework.sections import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    may_submit,
    section_status,
    sections_left,
)
from ..storage import responses
from ..storage.models import Response

# A theme's status as people read it; the template tells them apart by the key.
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


def items(bank: Bank, response: Response) -> list[Task]:
    # The answers say it all: no entry of the theme is read (docs/adr/0006).
    answered = responses.answers_for(response)
    invitation = response.assessment.invitation_token
    return [
        Task(
            title=theme.title,
            href=url_for("survey.theme_page", invitation=invitation, theme_id=theme.id),
            status=section_status(theme, answered),
            hint=ngettext("%(num)s question", "%(num)s questions", len(theme.questions)),
        )
        for theme in bank.themes
    ]


@dataclass(frozen=True)
class Unfinished:
    """A section check answers says is left, linked to its first unanswered question."""

    title: str
    href: str
    status: str
    unanswered: int

    @property
    def status_text(self) -> str:
        return str(STATUS_TEXT[self.status])

    @property
    def message(self) -> str:
        return ngettext(
            "%(theme)s: %(num)s question not answered",
            "%(theme)s: %(num)s questions not answered",
            self.unanswered,
            theme=self.title,
        )


@dataclass(frozen=True)
class CheckAnswers:
    sections: list[Section]
    left: list[Unfinished]  # empty when the response may be submitted
    ready: bool


def check_answers(bank: Bank, response: Response) -> CheckAnswers:
    answers = responses.answers_for(response)
    invitation = response.assessment.invitation_token
    left = [
        Unfinished(
            title=section.theme.title,
            href=url_for(
                "survey.theme_page",
                invitation=invitation,
                theme_id=section.theme.id,
                _anchor=section.unanswered[0],
                **{"return": "check"},
            ),
            status=section.status,
            unanswered=len(section.unanswered),
        )
        for section in sections_left(bank, answers)
    ]
    return CheckAnswers(
        sections=_sections(bank, response, answers),
        left=left,
        ready=may_submit(bank, response.role_tier, response.service_area, answers),
    )


def _sections(bank: Bank, response: Response, answers: dict) -> list[Section]:
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
    entries = responses.theme_entries_for(response)
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
        comment = entry.comment if entry and entry.comment else _("No comment")
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
