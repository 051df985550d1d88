"""A theme page, as the officer sees it.

A page freshly shown to someone not signed in is the theme's shell (web/shells.py)
filled in with this request's token, nonce, messages and the officer's answers:
no macros run. A page with something to say (errors, a session that ended, an
expired token) or for a signed-in leader, whose header differs, is rendered in
full. Both go through the same template with the same variables, so they cannot
drift apart: tests/integration/test_theme_shell.py compares them.
"""

from __future__ import annotations

from flask import render_template, request, session, url_for
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from ..forms.builder import ThemeFormBase, new_page_id, theme_form_class
from ..framework.model import Bank, Theme
from ..framework.two_tabs import shown_value
from ..storage.officer_pages import StoredTheme
from . import auth, fragments, shells
from .i18n import current_language
from .security import csp_nonce

TEMPLATE = "survey/theme.html"
# Every per-request value on a freshly shown page, besides one hole per question.
HOLES = {"nonce", "messages", "back", "csrf", "shown", "page", "comment"}


def fresh(invitation: str, bank: Bank, theme: Theme, stored: StoredTheme) -> str:
    """The page as first shown, holding what the response has saved for the theme."""
    shell = None
    language = current_language()
    if not auth.signed_in():
        # A theme of one id differs from bank to bank: each version has its own shell.
        key = (request.script_root, language, theme.id, bank.version)
        shell = shells.shell(key, _holes(theme), lambda: _shell_html(bank, theme))
    if shell is None:
        form = theme_form_class(theme)(data={**stored.answers, "comment": stored.comment or ""})
        form.show(stored.answers, stored.comment)
        return render(invitation, bank, theme, form)
    values = {
        "nonce": csp_nonce(),
        "messages": _messages(),
        "back": escape(_back_href(invitation)),
        "csrf": escape(generate_csrf()),
        "shown": escape(shown_value(stored.answers, stored.comment)),
        "page": escape(new_page_id()),
        "comment": escape(stored.comment or ""),
    }
    for question in theme.questions:
        values[_question_hole(question.id)] = fragments.radios(
            question, stored.answers.get(question.id), language
        )
    return shell.fill(values)


def render(
    invitation: str,
    bank: Bank,
    theme: Theme,
    form: ThemeFormBase,
    session_ended: bool = False,
    page_expired: bool = False,
) -> str:
    """The page rendered in full, as the form stands (its answers, errors and all)."""
    return render_template(
        TEMPLATE,
        **_page(bank, theme, form, session_ended, page_expired),
        invitation=invitation,
        back_href=_back_href(invitation),
        messages=_messages(),
        csrf_token_value=form.csrf_token.current_token,
        shown=form.shown.data or "",
        page=form.page.data or "",
        comment=form.comment.data or "",
        questions={q.id: fragments.level_question(q, f) for q, f in form.question_fields()},
    )


def _shell_html(bank: Bank, theme: Theme) -> str:
    form = theme_form_class(theme)(formdata=None)
    return render_template(
        TEMPLATE,
        **_page(bank, theme, form, session_ended=False, page_expired=False),
        invitation=None,
        cspNonce=shells.Hole("nonce"),
        back_href=shells.Hole("back"),
        messages=shells.Hole("messages"),
        csrf_token_value=shells.Hole("csrf"),
        shown=shells.Hole("shown"),
        page=shells.Hole("page"),
        comment=shells.Hole("comment"),
        questions={q.id: shells.Hole(_question_hole(q.id)) for q in theme.questions},
    )


def _page(bank: Bank, theme: Theme, form: ThemeFormBase, session_ended: bool, page_expired: bool):
    themes = bank.themes
    return {
        "theme": theme,
        "form": form,
        "position": themes.index(theme) + 1,
        "theme_count": len(themes),
        "session_ended": session_ended,
        "page_expired": page_expired,
    }


def _holes(theme: Theme) -> set[str]:
    return HOLES | {_question_hole(question.id) for question in theme.questions}


def _question_hole(question_id: str) -> str:
    return f"radios {question_id}"


def _returning_to_check() -> bool:
    return request.args.get("return") == "check"


def _back_href(invitation: str) -> str:
    endpoint = "survey.check" if _returning_to_check() else "survey.tasks"
    return url_for(endpoint, invitation=invitation)


def _messages() -> Markup:
    # Most pages have none: the banner template only runs when something was flashed.
    if not session.get("_flashes"):
        return Markup("")
    return Markup(render_template("components/messages.html"))
