"""Leaders set a target score per theme for the next round (FRAMEWORK.md "Targets and
actions"): one optional box a theme; an empty box clears its target."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..bank import bank_of
from ..forms.targets import FIELD_PREFIX, targets_form, wanted_targets
from ..storage import targets as target_store
from ..storage.models import Assessment
from .access import assessment_view

blueprint = Blueprint("targets", __name__)


@blueprint.route("/assessments/<int:assessment_id>/targets", methods=["GET", "POST"])
@assessment_view
def targets(assessment: Assessment):
    bank = bank_of(assessment)
    form = targets_form(bank, target_store.targets(assessment))
    if form.validate_on_submit():
        target_store.set_targets(assessment, wanted_targets(form), current_user)
        flash(_("Targets saved. The next round will say whether each was met."), "success")
        return redirect(url_for("targets.targets", assessment_id=assessment.id))
    status = 400 if form.errors else 200
    return render_template(
        "targets/targets.html",
        assessment=assessment,
        form=form,
        fields=[form[FIELD_PREFIX + theme.id] for theme in bank.themes],
    ), status
