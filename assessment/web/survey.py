"""The officer journey: invitation, about you, the themes, check answers, submit.

Every page works without JavaScript. Every save is stored on the server before
the next page is shown, and a refused post gives the page back as it was typed.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from werkzeug.wrappers import Response as HttpResponse

from ..bank import current_bank
from ..extensions import csrf
from ..forms import posted
from ..forms.builder import ThemeFormBase, theme_form_class
from ..forms.survey import AboutYouForm, ContinueForm, ResumeForm, SubmitForm
from ..framework.model import Bank, Theme
from ..storage import queries
from ..storage.models import Assessment, Response
from . import officer_session, task_list, theme_pages, throttle
from .errors import try_again_in
from .links import resume_link

blueprint = Blueprint("survey", __name__)

WRONG_CODE = lazy_gettext("We could not find any answers with that code. Check it and try again")


@blueprint.before_request
def _reads_outside_a_transaction() -> None:
    # HTTP says a GET changes nothing, and none of these do (the session cookie aside).
    # A theme page's save makes its own transaction (queries.save_theme_if_open).
    if request.endpoint == "survey.theme_page":
        queries.serve_a_theme_page()
    elif request.method == "GET":
        queries.read_without_a_transaction()


def _too_many_codes(wait: throttle.Paused) -> str:
    return " ".join(
        (
            _("Too many codes have been tried."),
            try_again_in(wait.seconds),
            _("Or use your resume link."),
        )
    )


def _say_already_submitted() -> None:
    flash(_("You have already submitted your answers. They have been saved and cannot be changed."))


def _bank() -> Bank:
    return current_bank()


def _assessment(invitation: str) -> Assessment:
    # The officer's response comes in the same query, ready for current_response.
    assessment = queries.assessment_by_invitation(invitation, officer_session.response_ids())
    if assessment is None:
        throttle.unknown_link()
    return assessment


def _closed(assessment: Assessment, status: int = 200) -> tuple[str, int]:
    return render_template("survey/closed.html", assessment=assessment), status


def _ended(invitation: str) -> HttpResponse:
    flash(_("Your session has ended. Use your resume link or code to carry on where you left off."))
    return redirect(url_for("survey.resume_with_code", invitation=invitation))


@blueprint.get("/s/<token:invitation>")
def start(invitation: str):
    assessment = _assessment(invitation)
    if assessment.status != "open":
        return _closed(assessment)
    response = officer_session.current_response(assessment)
    if response is not None and response.submitted:
        return render_template("survey/already_answered.html", assessment=assessment)
    return render_template("survey/start.html", assessment=assessment, response=response)


@blueprint.route("/s/<token:invitation>/about-you", methods=["GET", "POST"])
def about_you(invitation: str):
    assessment = _assessment(invitation)
    if assessment.status != "open":
        return _closed(assessment, 403 if request.method == "POST" else 200)
    response = officer_session.current_response(assessment)
    if response is not None and response.submitted:
        # One response a browser: a shared link must not invite a second (FRAMEWORK.md).
        return redirect(url_for("survey.start", invitation=invitation))
    form = AboutYouForm.for_bank(_bank(), obj=_about_you_data(response))
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        return render_template("survey/about_you.html", form=form, assessment=assessment), status
    if response is None:
        response, secrets = queries.start_response(
            assessment, form.role_tier.data, form.service_area.data
        )
        officer_session.remember_new(response, secrets)
    else:
        queries.update_about_you(response, form.role_tier.data, form.service_area.data)
    if request.args.get("return") == "check":
        return redirect(url_for("survey.check", invitation=invitation))
    return redirect(url_for("survey.tasks", invitation=invitation))


def _about_you_data(response: Response | None):
    return response if response is not None and request.method == "GET" else None


@blueprint.get("/s/<token:invitation>/tasks")
def tasks(invitation: str):
    assessment = _assessment(invitation)
    if assessment.status != "open":
        return _closed(assessment)
    response = officer_session.current_response(assessment)
    if response is None:
        return _ended(invitation)
    if response.submitted:
        return redirect(url_for("survey.done", invitation=invitation))
    return render_template(
        "survey/tasks.html",
        assessment=assessment,
        items=task_list.items(_bank(), response),
        response=response,
    )


@blueprint.route("/s/<token:invitation>/themes/<slug:theme_id>", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so a refused post can be given back as typed
def theme_page(invitation: str, theme_id: str):
    theme = _bank().theme(theme_id) if _bank().has_theme(theme_id) else None
    if request.method == "POST" and theme is not None:
        saved = _save_plainly(invitation, theme)
        if saved is not None:
            return saved
    # One statement: the assessment, this browser's response and, to show the page,
    # the theme's answers (docs/adr/0006-fast-officer-pages.md).
    showing = theme if request.method == "GET" else None
    visit = queries.officer_visit(invitation, officer_session.response_ids(), showing)
    if visit is None:
        throttle.unknown_link()
    if theme is None:
        abort(404)
    if not visit.open:
        assessment = queries.assessment_by_id(visit.assessment_id)
        return _closed(assessment, 403 if request.method == "POST" else 200)
    if request.method == "GET":
        return _show_theme(visit, theme)
    return _save_theme(visit, theme)


def _show_theme(visit: queries.OfficerVisit, theme: Theme):
    if visit.response_id is None:
        return _ended(visit.invitation_token)
    if visit.submitted:
        _say_already_submitted()
        return redirect(url_for("survey.done", invitation=visit.invitation_token))
    return theme_pages.fresh(visit.invitation_token, theme, visit.stored)


def _save_plainly(invitation: str, theme: Theme) -> HttpResponse | None:
    """Most posts are plain saves by a browser whose session names its response: read
    without building the form (forms/posted.py) and stored by a lock that checks the
    assessment is open and the response unsubmitted, with no read before it. None when
    nothing was saved: the page then reads the assessment and says what is wrong."""
    working_on = officer_session.working_on(invitation)
    if working_on is None:
        return None
    plain = posted.read_plainly(theme, request.form, request.files)
    if plain is None:
        return None
    assessment_id, response_id = working_on
    return _store_theme(assessment_id, invitation, theme, response_id, plain)


def _save_theme(visit: queries.OfficerVisit, theme: Theme):
    invitation = visit.invitation_token
    response_id, submitted = visit.response_id, visit.submitted
    form = theme_form_class(theme)()
    # The token first: a code posted from another site must not bind this browser.
    if response_id is None and form.resume_code.data and _token_accepted(form):
        try:
            restored = officer_session.restore_with_code(visit.assessment_id, form.resume_code.data)
        except throttle.Paused as wait:
            form.resume_code.errors = [_too_many_codes(wait)]
            html, status = _render_theme(invitation, theme, form, session_ended=True, status=429)
            return html, status, {"Retry-After": str(wait.seconds)}
        if restored is None:
            form.resume_code.errors = [WRONG_CODE]
        else:
            response_id, submitted = restored.id, restored.submitted
    if response_id is None:
        return _render_theme(invitation, theme, form, session_ended=True, status=400)
    if submitted:
        _say_already_submitted()
        return redirect(url_for("survey.done", invitation=invitation))
    if not form.validate():
        return _render_theme(invitation, theme, form, session_ended=False, status=400)
    saved = _store_theme(
        visit.assessment_id, invitation, theme, response_id, posted.from_form(form)
    )
    if saved is None:  # submitted in another tab while this page was open
        _say_already_submitted()
        return redirect(url_for("survey.done", invitation=invitation))
    return saved


def _token_accepted(form: ThemeFormBase) -> bool:
    token = getattr(form, "csrf_token", None)  # none when CSRF is turned off
    return token is None or token.validate(form)


def _store_theme(
    assessment_id: int, invitation: str, theme: Theme, response_id: int, post: posted.PostedTheme
) -> HttpResponse | None:
    """Stores the post and says where to go next; None when nothing was stored (the
    response was submitted, or the assessment closed, while the page was open)."""
    completed = post.completed
    before = queries.save_theme_if_open(
        invitation, response_id, theme, post.answers, post.comment, completed=completed
    )
    if before is None:
        queries.rollback()
        return None
    # The later save wins, but never silently: see docs/adr/0004-two-tabs.md.
    overwrote = officer_session.overwrote_another_save(assessment_id, theme, post, before)
    # Stored now, not once the reply is built: SQLite has one writer at a time, and
    # every other worker's save waits while this transaction is open.
    queries.commit()
    if overwrote:
        flash(
            _(
                "You changed answers to %(theme)s in another tab or window. "
                "We kept the answers you just saved: check them.",
                theme=theme.title,
            )
        )
        if completed:  # back to the page, to check them
            back = {"return": "check"} if request.args.get("return") == "check" else {}
            return redirect(
                url_for("survey.theme_page", invitation=invitation, theme_id=theme.id, **back)
            )
    return redirect(_after_save(invitation, theme, saved_for_later=not completed))


def _render_theme(invitation: str, theme: Theme, form: ThemeFormBase, session_ended: bool, status):
    # A refused token is not the officer's mistake: say what happened, not "CSRF".
    page_expired = bool(form.csrf_token.errors)
    form.csrf_token.errors = []
    html = theme_pages.render(
        invitation,
        theme,
        form,
        session_ended=session_ended,
        page_expired=page_expired and not session_ended,
    )
    return html, status


def _after_save(invitation: str, theme: Theme, saved_for_later: bool) -> str:
    if saved_for_later:
        return url_for("survey.saved", invitation=invitation)
    if request.args.get("return") == "check":
        return url_for("survey.check", invitation=invitation)
    themes = _bank().themes
    position = themes.index(theme)
    if position + 1 < len(themes):
        return url_for("survey.theme_page", invitation=invitation, theme_id=themes[position + 1].id)
    return url_for("survey.check", invitation=invitation)


@blueprint.get("/s/<token:invitation>/saved")
def saved(invitation: str):
    assessment = _assessment(invitation)
    response = officer_session.current_response(assessment)
    if response is None:
        return _ended(invitation)
    token, code = officer_session.resume_secrets(assessment)
    return render_template(
        "survey/saved.html",
        assessment=assessment,
        resume_url=resume_link(token) if token else None,
        resume_code=code,
    )


@blueprint.get("/resume/<token:token>")
def resume_with_link(token: str):
    # Only a post binds this browser to the response: a link opened by another site
    # (an image, a frame, a prefetch) must not swap the officer's answers for its own.
    response = queries.response_by_resume_token(token)
    if response is None:
        throttle.unknown_link()
    return render_template(
        "survey/resume_link.html", assessment=response.assessment, form=ContinueForm()
    )


@blueprint.post("/resume/<token:token>")
def continue_with_link(token: str):
    response = queries.response_by_resume_token(token)
    if response is None:
        throttle.unknown_link()
    officer_session.remember(response, token, None)
    return _welcome_back(response)


@blueprint.route("/s/<token:invitation>/resume", methods=["GET", "POST"])
def resume_with_code(invitation: str):
    assessment = _assessment(invitation)
    form = ResumeForm()
    if form.validate_on_submit():
        try:
            response = officer_session.restore_with_code(assessment.id, form.code.data)
        except throttle.Paused as wait:
            form.code.errors.append(_too_many_codes(wait))
            page = render_template("survey/resume.html", assessment=assessment, form=form)
            return page, 429, {"Retry-After": str(wait.seconds)}
        if response is not None:
            return _welcome_back(response)
        form.code.errors.append(WRONG_CODE)
    status = 400 if form.errors else 200
    return render_template("survey/resume.html", assessment=assessment, form=form), status


def _welcome_back(response: Response) -> HttpResponse:
    invitation = response.assessment.invitation_token
    if response.submitted:
        _say_already_submitted()
        return redirect(url_for("survey.done", invitation=invitation))
    flash(_("Welcome back. Your answers have been restored."), "success")
    return redirect(url_for("survey.tasks", invitation=invitation))


@blueprint.route("/s/<token:invitation>/check", methods=["GET", "POST"])
def check(invitation: str):
    assessment = _assessment(invitation)
    if assessment.status != "open":
        return _closed(assessment, 403 if request.method == "POST" else 200)
    response = officer_session.current_response(assessment)
    if response is None:
        return _ended(invitation)
    form = SubmitForm()
    if response.submitted:
        _say_already_submitted()
        return redirect(url_for("survey.done", invitation=invitation))
    status = 200
    if form.validate_on_submit():
        try:
            if not queries.submit_response(response, _bank()):
                _say_already_submitted()
            return redirect(url_for("survey.done", invitation=invitation))
        except queries.IncompleteResponse:
            # Only a forged or stale post gets here: the page offers no button until
            # every section is completed. Nothing was changed.
            form.form_errors.append(_("Answer every question before you submit"))
            status = 400
    page = task_list.check_answers(_bank(), response)
    return render_template(
        "survey/check.html", assessment=assessment, form=form, page=page, response=response
    ), status


@blueprint.get("/s/<token:invitation>/done")
def done(invitation: str):
    assessment = _assessment(invitation)
    response = officer_session.current_response(assessment)
    if response is None:
        return redirect(url_for("survey.start", invitation=invitation))
    if not response.submitted:
        return redirect(url_for("survey.check", invitation=invitation))
    return render_template("survey/done.html", assessment=assessment)
