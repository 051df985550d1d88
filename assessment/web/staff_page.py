"""Leaders preview, publish and unpublish the "you said, we're doing" page officers
read from their invitation link (services/staff_page.py says what it holds)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..bank import bank_of
from ..forms.leaders import ConfirmForm
from ..services import staff_page
from ..storage import assessments
from ..storage.models import Assessment
from .access import assessment_view

blueprint = Blueprint("staff_page", __name__, url_prefix="/assessments/<int:assessment_id>")


@blueprint.get("/staff-page")
@assessment_view
def preview(assessment: Assessment):
    bank = bank_of(assessment)
    return render_template(
        "leaders/staff_page.html",
        assessment=assessment,
        bank=bank,
        page=staff_page.staff_page(assessment, bank),
        published=staff_page.is_published(assessment),
        publisher=assessments.staff_page_publisher(assessment),
        form=ConfirmForm(),
    )


@blueprint.post("/staff-page/<any(publish, unpublish):publishing>")
@assessment_view
def change(assessment: Assessment, publishing: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = redirect(url_for("staff_page.preview", assessment_id=assessment.id))
    if publishing == "unpublish":
        assessments.unpublish_staff_page(assessment)
        flash(_("The page for staff is no longer published."), "success")
        return back
    if staff_page.staff_page(assessment, bank_of(assessment)) is None:
        # Only a stale or forged post gets here: the page offers no button until there
        # are results to share.
        flash(
            _(
                "There are no results to share: the assessment must be closed, with "
                "enough people answering."
            )
        )
        return back
    assessments.publish_staff_page(assessment, current_user)
    flash(
        _("The page for staff is published. Officers see it on their invitation link."),
        "success",
    )
    return back
