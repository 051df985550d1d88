"""The officer's theme page: shown (ThemePage.show) and saved (ThemePage.save).

Its database work is storage/officer_pages.py: one read to show the page, one
committed transaction to save it. The theme is first taken from the current bank,
which most assessments are made with; the read says which bank the assessment was
made with, and a page of an older bank is read again with that bank's theme (and
a save's lock refuses a theme of another bank, so the page then reads first). A
plain post is read without building the form (forms/posted.py); anything needing a
message goes through the form.
"""

from __future__ import annotations

from flask import abort, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as HttpResponse

from ..bank import bank_for, current_bank
from ..forms import posted
from ..forms.builder import ThemeFormBase, theme_form_class
from ..framework import two_tabs
from ..framework.model import Bank
from ..storage import assessments, officer_pages
from ..storage.officer_pages import OfficerVisit
from . import officer_session, replies, theme_pages, throttle


class ThemePage:
    """One request for one theme page of one invitation."""

    def __init__(self, invitation: str, theme_id: str) -> None:
        self.invitation = invitation
        self.theme_id = theme_id
        self._use(current_bank())

    def _use(self, bank: Bank) -> None:
        self.bank = bank
        self.theme = bank.theme(self.theme_id) if bank.has_theme(self.theme_id) else None

    def show(self):
        visit = self._visit(showing=True)
        if not visit.open:
            return replies.closed(assessments.assessment_by_id(visit.assessment_id))
        if visit.response_id is None:
            return replies.ended(self.invitation)
        if visit.submitted:
            return self._already_submitted()
        return theme_pages.fresh(self.invitation, self.bank, self.theme, visit.stored)

    def save(self):
        plain = self._save_plainly() if self.theme is not None else None
        if plain is not None:
            return plain
        visit = self._visit(showing=False)
        if not visit.open:
            return replies.closed(assessments.assessment_by_id(visit.assessment_id), 403)
        return self._save_with_form(visit)

    def _visit(self, showing: bool) -> OfficerVisit:
        visit = self._read(self.theme if showing else None)
        if visit.bank_version != self.bank.version:
            self._use(bank_for(visit.bank_version))  # UnknownBankVersion: web/errors.py
            if showing and self.theme is not None:
                visit = self._read(self.theme)
        if self.theme is None:
            abort(404)
        return visit

    def _read(self, theme) -> OfficerVisit:
        visit = officer_pages.visit(self.invitation, officer_session.response_ids(), theme)
        if visit is None:
            throttle.unknown_link()
        return visit

    def _save_plainly(self) -> HttpResponse | None:
        """Most posts are plain saves by a browser whose session names its response: read
        without building the form and stored by a lock that checks the assessment is open
        and the response unsubmitted, with no read before it. None when nothing was
        saved: the page then reads the assessment and says what is wrong."""
        working_on = officer_session.working_on(self.invitation)
        if working_on is None:
            return None
        plain = posted.read_plainly(self.theme, request.form, request.files)
        if plain is None:
            return None
        assessment_id, response_id = working_on
        return self._store(assessment_id, response_id, plain)

    def _save_with_form(self, visit: OfficerVisit):
        response_id, submitted = visit.response_id, visit.submitted
        form = theme_form_class(self.theme)()
        # The token first: a code posted from another site must not bind this browser.
        if response_id is None and form.resume_code.data and _token_accepted(form):
            try:
                restored = officer_session.restore_with_code(
                    visit.assessment_id, form.resume_code.data
                )
            except throttle.Paused as wait:
                form.resume_code.errors = [replies.too_many_codes(wait)]
                html, status = self._render(form, session_ended=True, status=429)
                return html, status, {"Retry-After": str(wait.seconds)}
            if restored is None:
                form.resume_code.errors = [replies.WRONG_CODE]
            else:
                response_id, submitted = restored.id, restored.submitted
        if response_id is None:
            return self._render(form, session_ended=True, status=400)
        if submitted:
            return self._already_submitted()
        if not form.validate():
            return self._render(form, session_ended=False, status=400)
        saved = self._store(visit.assessment_id, response_id, posted.from_form(form))
        if saved is None:  # submitted in another tab while this page was open
            return self._already_submitted()
        return saved

    def _store(
        self, assessment_id: int, response_id: int, post: posted.PostedTheme
    ) -> HttpResponse | None:
        """Stores the post and says where to go next; None when nothing was stored (the
        response was submitted, or the assessment closed, while the page was open)."""
        theme, invitation = self.theme, self.invitation
        before = officer_pages.save(
            invitation,
            self.bank.version,
            response_id,
            theme,
            post.answers,
            post.comment,
            post.completed,
        )
        if before is None:
            return None
        # The later save wins, but never silently: see docs/adr/0004-two-tabs.md.
        if self._overwrote_another_save(assessment_id, post, before):
            flash(
                _(
                    "You changed answers to %(theme)s in another tab or window. "
                    "We kept the answers you just saved: check them.",
                    theme=theme.title,
                )
            )
            if post.completed:  # back to the page, to check them
                back = {"return": "check"} if _returning_to_check() else {}
                return redirect(
                    url_for("survey.theme_page", invitation=invitation, theme_id=theme.id, **back)
                )
        return redirect(self._after_save(saved_for_later=not post.completed))

    def _overwrote_another_save(
        self, assessment_id: int, post: posted.PostedTheme, before: officer_pages.StoredTheme
    ) -> bool:
        # The session remembers which showing of a page made this browser's last save of
        # each theme, and what it saved (framework/two_tabs.py).
        held = dict(session.get(officer_session.KEY, {}))
        entry = dict(held.get(str(assessment_id), {}))
        saves = dict(entry.get("saves", {}))
        verdict = two_tabs.judge(
            stored=two_tabs.page_state(before.answers, before.comment),
            posted=post.posted_state(),
            shown=post.shown_state(),
            page=post.page,
            last_save=saves.get(self.theme.id),
        )
        if verdict.remember is not None:
            saves[self.theme.id] = verdict.remember
            held[str(assessment_id)] = {**entry, "saves": saves}
            session[officer_session.KEY] = held
        return verdict.overwrote

    def _already_submitted(self) -> HttpResponse:
        replies.say_already_submitted()
        return redirect(url_for("survey.done", invitation=self.invitation))

    def _render(self, form: ThemeFormBase, session_ended: bool, status: int):
        # A refused token is not the officer's mistake: say what happened, not "CSRF".
        page_expired = bool(form.csrf_token.errors)
        form.csrf_token.errors = []
        html = theme_pages.render(
            self.invitation,
            self.bank,
            self.theme,
            form,
            session_ended=session_ended,
            page_expired=page_expired and not session_ended,
        )
        return html, status

    def _after_save(self, saved_for_later: bool) -> str:
        invitation = self.invitation
        if saved_for_later:
            return url_for("survey.saved", invitation=invitation)
        if _returning_to_check():
            return url_for("survey.check", invitation=invitation)
        themes = self.bank.themes
        position = themes.index(self.theme)
        if position + 1 < len(themes):
            following = themes[position + 1].id
            return url_for("survey.theme_page", invitation=invitation, theme_id=following)
        return url_for("survey.check", invitation=invitation)


def _token_accepted(form: ThemeFormBase) -> bool:
    token = getattr(form, "csrf_token", None)  # none when CSRF is turned off
    return token is None or token.validate(form)


def _returning_to_check() -> bool:
    return request.args.get("return") == "check"
