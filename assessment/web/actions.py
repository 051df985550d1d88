"""The action plan page: leaders turn the suggested 90-day plan into actions with an
owner, a due date, a measure and a status, add their own, and download them.

Every route takes the assessment id through @assessment_view (another council's
leader gets 404 first), and an action is looked for only within that assessment.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..bank import bank_of
from ..forms.actions import action_form
from ..forms.leaders import ConfirmForm
from ..framework import actions as rules
from ..framework.action_plan import Action as SuggestedStep
from ..framework.action_plan import action_plan
from ..reports.actions_export import actions_csv
from ..reports.exports import ExportAbout
from ..services import closing
from ..storage import actions
from ..storage.models import Assessment
from ..storage.plan_models import PlannedAction
from . import downloads
from .access import assessment_view

blueprint = Blueprint("actions", __name__, url_prefix="/assessments/<int:assessment_id>")


@blueprint.app_template_filter("action_status")
def status_name(status: str) -> str:
    return _(rules.STATUS_NAMES[status])


def _suggestions(assessment: Assessment) -> list[tuple[str, SuggestedStep]]:
    """The plan's steps, named; none before the results are made."""
    bank = bank_of(assessment)
    snapshot = closing.shown_snapshot(assessment, bank)
    return [] if snapshot is None else rules.keyed_suggestions(action_plan(bank, snapshot.results))


@blueprint.get("/actions")
@assessment_view
def plan(assessment: Assessment):
    taken = actions.taken_suggestions(assessment)
    return render_template(
        "actions/plan.html",
        assessment=assessment,
        bank=bank_of(assessment),
        actions=actions.actions_of(assessment),
        suggestions=[(k, step) for k, step in _suggestions(assessment) if k not in taken],
        form=ConfirmForm(),
    )


@blueprint.route("/actions/new", methods=["GET", "POST"])
@assessment_view
def new(assessment: Assessment):
    key = request.args.get("suggestion")
    step = None
    if key is not None:
        step = dict(_suggestions(assessment)).get(key)
        if step is None or key in actions.taken_suggestions(assessment):
            abort(404)
    prefilled = None
    if step is not None:
        prefilled = {"title": step.title, "detail": step.detail, "theme_id": step.theme_id or ""}
    form = action_form(bank_of(assessment), data=prefilled)
    if form.validate_on_submit():
        actions.add_action(assessment, current_user, form.values(), suggested_from=key)
        flash(_("The action is added to the plan."), "success")
        return redirect(url_for(".plan", assessment_id=assessment.id))
    return _form_page(assessment, form, _("Add an action"))


@blueprint.route("/actions/<int:action_id>", methods=["GET", "POST"])
@assessment_view
def edit(assessment: Assessment, action_id: int):
    action = actions.action_in(assessment, action_id)
    if action is None:
        abort(404)
    form = action_form(bank_of(assessment), data=_current(action))
    if form.validate_on_submit():
        actions.update_action(action, current_user, form.values())
        flash(_("The action is saved."), "success")
        return redirect(url_for(".plan", assessment_id=assessment.id))
    return _form_page(assessment, form, _("Change an action"))


def _current(action: PlannedAction) -> dict[str, str | date | None]:
    return {
        "title": action.title,
        "detail": action.detail,
        "theme_id": action.theme_id or "",
        "owner": action.owner,
        "due": action.due,
        "measure": action.measure,
        "status": action.status,
    }


def _form_page(assessment: Assessment, form, heading: str):
    return render_template(
        "actions/action.html", assessment=assessment, form=form, heading=heading
    ), (400 if form.errors else 200)


@blueprint.post("/actions/suggestions/<suggestion>/drop")
@assessment_view
def drop(assessment: Assessment, suggestion: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if suggestion not in dict(_suggestions(assessment)):
        abort(404)
    actions.drop_suggestion(assessment, suggestion, current_user)
    flash(_("The suggestion is dropped from the plan."), "success")
    return redirect(url_for(".plan", assessment_id=assessment.id))


@blueprint.get("/actions/download.csv")
@assessment_view
def download(assessment: Assessment):
    about = ExportAbout(
        council=assessment.council.name,
        council_slug=assessment.council.slug,
        assessment=assessment.title,
        as_of=None,
        on=date.today(),
    )
    body = actions_csv(actions.actions_of(assessment))
    return downloads.attachment(body, "text/csv; charset=utf-8", about, "csv", what="actions")
