"""Leaders run their council's assessments: create, open, close, invite, follow progress."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..bank import bank_of, current_bank
from ..forms.leaders import (
    CloseForm,
    ConfirmForm,
    NewAssessmentForm,
    ResultsDateForm,
    headcount_form,
    headcount_groups,
)
from ..services import bank_versions, closing, progress, rounds
from ..services.links import invitation_link
from ..storage import assessments as assessment_store
from ..storage import results
from ..storage.models import Assessment
from .access import assessment_view, visible_councils
from .rounds import follow_chosen_round, previous_round_choices

blueprint = Blueprint("leaders", __name__)


@blueprint.get("/assessments")
@login_required
def assessments():
    councils = visible_councils()
    return render_template(
        "leaders/assessments.html",
        assessments=assessment_store.assessments_for_councils(councils),
        councils=councils,
    )


@blueprint.route("/assessments/new", methods=["GET", "POST"])
@login_required
def new_assessment():
    councils = visible_councils()
    form = NewAssessmentForm()
    form.council.choices = [(council.id, council.name) for council in councils]
    if not current_user.is_admin:
        form.council.data = current_user.council_id
    form.previous.choices = previous_round_choices(councils)
    if form.validate_on_submit():
        council = next(c for c in councils if c.id == form.council.data)
        assessment = bank_versions.new_assessment(
            council, form.title.data.strip(), form.anonymity_threshold.data, current_bank()
        )
        assessment_store.set_results_shared_on(assessment, form.results_shared_on.data)
        refused = follow_chosen_round(assessment, form.previous)
        if refused:
            return render_template("leaders/new_assessment.html", form=form), 400
        flash(
            _("%(title)s is open. Send officers the invitation link.", title=assessment.title),
            "success",
        )
        return redirect(url_for("leaders.assessment", assessment_id=assessment.id))
    status = 400 if form.errors else 200
    return render_template("leaders/new_assessment.html", form=form), status


@blueprint.get("/assessments/<int:assessment_id>")
@assessment_view
def assessment(assessment: Assessment):
    return _assessment_page(assessment, CloseForm(obj=assessment))


def _assessment_page(assessment: Assessment, form: CloseForm):
    started, submitted = results.response_counts(assessment)
    return render_template(
        "leaders/assessment.html",
        assessment=assessment,
        link=invitation_link(assessment),
        started=progress.so_far(started, started, assessment.anonymity_threshold),
        submitted=progress.so_far(submitted, started, assessment.anonymity_threshold),
        form=form,
        chain=rounds.chain(assessment),
    ), (400 if form.errors else 200)


@blueprint.route("/assessments/<int:assessment_id>/results-date", methods=["GET", "POST"])
@assessment_view
def results_date(assessment: Assessment):
    form = ResultsDateForm(obj=assessment)
    if form.validate_on_submit():
        assessment_store.set_results_shared_on(assessment, form.results_shared_on.data)
        flash(_("The date results will be shared has been saved."), "success")
        return redirect(url_for("leaders.assessment", assessment_id=assessment.id))
    status = 400 if form.errors else 200
    return render_template("leaders/results_date.html", assessment=assessment, form=form), status


@blueprint.post("/assessments/<int:assessment_id>/<any(open, close):action>")
@assessment_view
def change_status(assessment: Assessment, action: str):
    if action == "close" and assessment.status == "open":
        form = CloseForm()
        if not form.validate_on_submit():
            if "csrf_token" in form.errors:
                abort(400)
            return _assessment_page(assessment, form)
        assessment_store.set_results_shared_on(assessment, form.results_shared_on.data)
    elif not ConfirmForm().validate_on_submit():
        abort(400)
    back = redirect(url_for("leaders.assessment", assessment_id=assessment.id))
    if action == "open":
        assessment_store.set_status(assessment, "open")
        flash(_("The assessment is open: officers can answer."), "success")
        return back
    closed = closing.close(assessment, bank_of(assessment))
    flash(
        _(
            "The assessment is closed: no new answers are taken. Everything saved is kept, "
            "and the results are ready."
        ),
        "success",
    )
    if not closed.replaced:
        # Never the exact number: under k it would say how many people answered.
        flash(
            ngettext(
                "The results have not changed since the assessment was last closed: fewer "
                "than %(num)s more person has answered since. Results change once at least "
                "%(num)s more have, so that nobody's answers can be worked out from the "
                "difference.",
                "The results have not changed since the assessment was last closed: fewer "
                "than %(num)s more people have answered since. Results change once at least "
                "%(num)s more have, so that nobody's answers can be worked out from the "
                "difference.",
                closed.threshold,
            )
        )
    return back


@blueprint.get("/assessments/<int:assessment_id>/progress")
@assessment_view
def assessment_progress(assessment: Assessment):
    return render_template(
        "leaders/progress.html",
        assessment=assessment,
        tables=progress.tables(bank_of(assessment), assessment),
    )


@blueprint.route("/assessments/<int:assessment_id>/headcounts", methods=["GET", "POST"])
@assessment_view
def headcounts(assessment: Assessment):
    bank = bank_of(assessment)
    saved = {f"{t}__{g}": n for (t, g), n in assessment_store.headcounts(assessment).items()}
    form = headcount_form(bank, data=saved)
    if form.validate_on_submit():
        counts = {
            tuple(field.name.split("__", 1)): field.data for field in form if "__" in field.name
        }
        assessment_store.set_headcounts(assessment, counts)
        flash(_("Headcounts saved. Response rates now show on the progress page."), "success")
        return redirect(url_for("leaders.assessment_progress", assessment_id=assessment.id))
    status = 400 if form.errors else 200
    legends = {"role": _("People by role"), "service_area": _("People by service area")}
    return render_template(
        "leaders/headcounts.html",
        assessment=assessment,
        form=form,
        groups=[(legends[kind], kind, options) for kind, options in headcount_groups(bank)],
    ), status
