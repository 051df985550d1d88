"""The officer journey: invitation, about you, the themes, check answers, submit.

Every page works without JavaScript. Every save is stored on the server before
the next page is shown, and a refused post gives the page back as it was typed.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.wrappers import Response as HttpResponse

from ..bank import bank_of
from ..extensions import csrf
from ..forms.survey import AboutYouForm, ContinueForm, ResumeForm, SubmitForm
from ..framework.reading_time import whole_minutes
from ..storage import assessments, responses
from ..storage.models import Assessment, Response
from . import officer_session, replies, task_list, throttle
from .links import resume_link
from .theme_page import ThemePage

blueprint = Blueprint("survey", __name__)


def _assessment(invitation: str) -> Assessment:
    # The officer's response comes in the same query, ready for current_response.
    assessment = assessments.assessment_by_invitation(invitation, officer_session.response_ids())
    if assessment is None:
        throttle.unknown_link()
    return assessment


@blueprint.get("/s/<token:invitation>")
def start(invitation: str):
    assessment = _assessment(invitation)
    if assessment.status != "open":
        return replies.closed_or_shared(assessment)
    response = officer_session.current_response(assessment)
    if response is not None and response.submitted:
        return render_template("survey/already_answered.html", assessment=assessment)
    # The bank this assessment was made with: an officer learns at once if it is missing.
    bank = bank_of(assessment)
    return render_template(
        "survey/start.html",
        assessment=assessment,
        response=response,
        sections=len(bank.themes),
        minutes=whole_minutes(bank),
    )


@blueprint.route("/s/<token:invitation>/about-you", methods=["GET", "POST"])
def about_you(invitation: str):
    assessment = _assessment(invitation)
    if assessment.status != "open":
        return replies.closed(assessment, 403 if request.method == "POST" else 200)
    response = officer_session.current_response(assessment)
    if response is not None and response.submitted:
        # One response a browser: a shared link must not invite a second (FRAMEWORK.md).
        return redirect(url_for("survey.start", invitation=invitation))
    form = AboutYouForm.for_bank(bank_of(assessment), obj=_about_you_data(response))
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        return render_template("survey/about_you.html", form=form, assessment=assessment), status
    if response is None:
        response, secrets = responses.start_response(
            assessment, form.role_tier.data, form.service_area.data
        )
        officer_session.remember_new(response, secrets)
    else:
        responses.update_about_you(response, form.role_tier.data, form.service_area.data)
    if request.args.get("return") == "check":
        return redirect(url_for("survey.check", invitation=invitation))
    return redirect(url_for("survey.tasks", invitation=invitation))


def _about_you_data(response: Response | None):
    return response if response is not None and request.method == "GET" else None


@blueprint.get("/s/<token:invitation>/tasks")
def tasks(invitation: str):
    assessment = _assessment(invitation)
    if assessment.status != "open":
        return replies.closed(assessment)
    response = officer_session.current_response(assessment)
    if response is None:
        return replies.ended(invitation)
    if response.submitted:
        return redirect(url_for("survey.done", invitation=invitation))
    return render_template(
        "survey/tasks.html",
        assessment=assessment,
        items=task_list.items(bank_of(assessment), response),
        response=response,
    )


@blueprint.route("/s/<token:invitation>/themes/<slug:theme_id>", methods=["GET", "POST"])
@csrf.exempt  # the form checks its own token, so a refused post can be given back as typed
def theme_page(invitation: str, theme_id: str):
    page = ThemePage(invitation, theme_id)
    return page.show() if request.method == "GET" else page.save()


@blueprint.get("/s/<token:invitation>/saved")
def saved(invitation: str):
    assessment = _assessment(invitation)
    response = officer_session.current_response(assessment)
    if response is None:
        return replies.ended(invitation)
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
    response = responses.response_by_resume_token(token)
    if response is None:
        throttle.unknown_link()
    return render_template(
        "survey/resume_link.html", assessment=response.assessment, form=ContinueForm()
    )


@blueprint.post("/resume/<token:token>")
def continue_with_link(token: str):
    response = responses.response_by_resume_token(token)
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
            form.code.errors.append(replies.too_many_codes(wait))
            page = render_template("survey/resume.html", assessment=assessment, form=form)
            return page, 429, {"Retry-After": str(wait.seconds)}
        if response is not None:
            return _welcome_back(response)
        form.code.errors.append(replies.WRONG_CODE)
    status = 400 if form.errors else 200
    return render_template("survey/resume.html", assessment=assessment, form=form), status


def _welcome_back(response: Response) -> HttpResponse:
    invitation = response.assessment.invitation_token
    if response.submitted:
        replies.say_already_submitted()
        return redirect(url_for("survey.done", invitation=invitation))
    flash(_("Welcome back. Your answers have been restored."), "success")
    return redirect(url_for("survey.tasks", invitation=invitation))


@blueprint.route("/s/<token:invitation>/check", methods=["GET", "POST"])
def check(invitation: str):
    assessment = _assessment(invitation)
    if assessment.status != "open":
        return replies.closed(assessment, 403 if request.method == "POST" else 200)
    response = officer_session.current_response(assessment)
    if response is None:
        return replies.ended(invitation)
    form = SubmitForm()
    if response.submitted:
        replies.say_already_submitted()
        return redirect(url_for("survey.done", invitation=invitation))
    status, bank = 200, bank_of(assessment)
    if form.validate_on_submit():
        try:
            if not responses.submit_response(response, bank):
                replies.say_already_submitted()
            return redirect(url_for("survey.done", invitation=invitation))
        except responses.IncompleteResponse:
            # Only a forged or stale post gets here: the page offers no button until
            # every section is completed. Nothing was changed.
            form.form_errors.append(_("Answer every question before you submit"))
            status = 400
    page = task_list.check_answers(bank, response)
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
