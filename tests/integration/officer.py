"""An officer working through the questionnaire in a browser, for the journey tests."""

from __future__ import annotations

import html
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import Flask

from assessment.bank import current_bank
from assessment.storage import assessments, officer_pages, responses

from ..page_checks import CheckedClient, csrf_token


@dataclass
class Officer:
    client: CheckedClient
    invitation: str
    last_page: str = field(default="", init=False)

    @property
    def base(self) -> str:
        return f"/s/{self.invitation}"

    def get(self, path: str, **kwargs):
        page = self.client.get(path, **kwargs)
        self.last_page = page.get_data(as_text=True)
        return page

    def post(self, path: str, data: dict, token: str | None = "from the page", **kwargs):
        """Post `data` as the form on `path` would, with that page's CSRF token unless told."""
        if token == "from the page":
            token = csrf_token(self.get(path).get_data(as_text=True))
        if token is not None:
            data = {"csrf_token": token, **data}
        page = self.client.post(path, data=data, **kwargs)
        self.last_page = page.get_data(as_text=True)
        return page

    def say_about_me(self, role: str = "frontline", area: str = "housing"):
        return self.post(f"{self.base}/about-you", {"role_tier": role, "service_area": area})

    def answer(self, theme: str, answers: dict[str, str], comment: str = "", later=False, **kw):
        button = {"save_for_later": "y"} if later else {"save_and_continue": "y"}
        return self.post(
            f"{self.base}/themes/{theme}", {**answers, "comment": comment, **button}, **kw
        )

    def submit(self):
        """Answer "Don't know" to every question still unanswered, as an officer at the
        end of the questionnaire would, then submit: only a complete response can be."""
        self.answer_the_rest("dk")
        return self.submit_as_it_is()

    def submit_as_it_is(self):
        return self.post(f"{self.base}/check", {})

    def answer_the_rest(self, value: str):
        """Give `value` to each question not yet answered, keeping answers and comments."""
        with self.client.application.app_context():
            themes = current_bank().themes
        for theme in themes:
            page = self.get(f"{self.base}/themes/{theme.id}")
            if page.status_code != 200:
                continue
            shown = page.get_data(as_text=True)
            rest = {q: value for q in theme.question_ids if checked(shown, q) is None}
            if rest:
                self.post(
                    f"{self.base}/themes/{theme.id}",
                    {**rest, "comment": comment_on(shown), "save_and_continue": "y"},
                    token=csrf_token(shown),
                )

    def resume_secrets(self) -> tuple[str, str]:
        page = self.get(f"{self.base}/saved").get_data(as_text=True)
        link = re.search(r'id="resume-link" href="http://localhost(/resume/[^"]+)"', page)
        code = re.search(r'id="resume-code">([A-Z0-9-]+)<', page)
        assert link and code, "the saved page shows a resume link and code"
        return link.group(1), code.group(1)


def checked(page: str, question_id: str) -> str | None:
    """The value of the checked radio for a question on a rendered theme page."""
    for tag in re.findall(rf'<input[^>]*name="{re.escape(question_id)}"[^>]*>', page):
        if " checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


def comment_on(page: str) -> str:
    """The comment a rendered theme page holds."""
    found = re.search(r'<textarea[^>]*name="comment"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    return html.unescape(found.group(1)).removeprefix("\n") if found else ""


def stored_answers(app: Flask, invitation: str) -> list[dict[str, object]]:
    """Every response to the assessment as the database holds it."""
    with app.app_context():
        assessment = assessments.assessment_by_invitation(invitation)
        return [
            {
                "submitted": response.submitted,
                "role": response.role_tier,
                "answers": responses.answers_for(response),
                "comments": {
                    t: e.comment
                    for t, e in responses.theme_entries_for(response).items()
                    if e.comment
                },
            }
            for response in sorted(assessment.responses, key=lambda r: r.id)
        ]


def connections_seen_by(look):
    """A stand-in for officer_pages._connection that opens the real connection and
    shows it to look(connection, *args) before the save or visit uses it."""
    opened = officer_pages._connection

    @contextmanager
    def watched(*args, **kwargs):
        with opened(*args, **kwargs) as connection:
            look(connection, *args, **kwargs)
            yield connection

    return watched
