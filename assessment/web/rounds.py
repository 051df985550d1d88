"""A leader chooses which earlier round an assessment follows (FRAMEWORK.md "Rounds and
change"), so its results can show what changed since."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from wtforms import Field

from ..forms.leaders import LATEST_CLOSED
from ..forms.rounds import NO_PREVIOUS, PreviousRoundForm
from ..services import rounds
from ..services.rounds import RoundRefused
from ..storage import assessments, database
from ..storage.models import Assessment, Council
from .access import assessment_view

blueprint = Blueprint("rounds", __name__, url_prefix="/assessments/<int:assessment_id>")


@blueprint.route("/previous-round", methods=["GET", "POST"])
@assessment_view
def previous_round(assessment: Assessment):
    form = PreviousRoundForm()
    form.previous.choices = [(NO_PREVIOUS, _("None"))] + [
        (str(found.id), found.title) for found in rounds.choices(assessment, assessment.council)
    ]
    if form.is_submitted() is False:
        form.previous.data = str(assessment.previous_assessment_id or NO_PREVIOUS)
    if form.validate_on_submit():
        chosen = form.previous.data
        try:
            rounds.set_previous(assessment, None if chosen == NO_PREVIOUS else _an_id(chosen))
        except RoundRefused as refused:
            form.previous.errors = [str(refused)]
        else:
            flash(_("Previous round saved."), "success")
            return redirect(url_for("leaders.assessment", assessment_id=assessment.id))
    status = 400 if form.errors else 200
    return render_template("leaders/previous_round.html", assessment=assessment, form=form), status


def previous_round_choices(councils: list[Council]) -> list[tuple[str, str]]:
    """The new-assessment form's choices: the latest closed round (the default), none, or
    any round of the councils the user may see (named with its council when several)."""
    several = len(councils) > 1
    found = assessments.assessments_for_councils(councils)
    return [
        (LATEST_CLOSED, _("The council's latest closed round")),
        (NO_PREVIOUS, _("None")),
        *((str(a.id), f"{a.council.name}: {a.title}" if several else a.title) for a in found),
    ]


def follow_chosen_round(assessment: Assessment, field: Field) -> bool:
    """Make a new assessment follow the round chosen in `field`; False when that is done,
    True (with the field's error set and nothing saved) when it cannot be."""
    if field.data in (None, LATEST_CLOSED):
        return False  # new_assessment already made it follow the latest closed round
    try:
        rounds.set_previous(assessment, None if field.data == NO_PREVIOUS else _an_id(field.data))
    except RoundRefused as refused:
        database.rollback()
        field.errors = [str(refused)]
        return True
    return False


def _an_id(chosen: str | None) -> int:
    if chosen is None or not chosen.isascii() or not chosen.isdigit() or len(chosen) > 18:
        raise RoundRefused(_("Choose one of this council's rounds, or None"))
    return int(chosen)
