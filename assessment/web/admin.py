"""The installation's administrators: councils and their leaders, and deleting
a council's or an assessment's data for good (UK GDPR erasure, services/erasure.py)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.security import generate_password_hash

from ..forms.admin import NewCouncilForm, PrivacyDetailsForm
from ..forms.auth import NewLeaderForm
from ..forms.leaders import ConfirmForm
from ..services import links
from ..services.erasure import erase_assessment, erase_council
from ..storage import accounts, assessments, retention
from ..storage import councils as council_store
from ..storage.base import Conflict
from ..storage.models import Assessment, User
from .access import admin_only, assessment_view

blueprint = Blueprint("admin", __name__, url_prefix="/admin")


@blueprint.route("/councils", methods=["GET", "POST"])
@admin_only
def councils():
    form = NewCouncilForm()
    if form.validate_on_submit():
        try:
            council = council_store.create_council(form.slug.data, form.name.data.strip())
        except Conflict:
            form.slug.errors.append(_("A council already has that short name"))
        else:
            flash(_("%(council)s created. Now add its leaders.", council=council.name), "success")
            return redirect(url_for("admin.council", council_id=council.id))
    status = 400 if form.errors else 200
    return render_template(
        "admin/councils.html", councils=council_store.all_councils(), form=form
    ), status


@blueprint.route("/councils/<int:council_id>", methods=["GET", "POST"])
@admin_only
def council(council_id: int):
    council = council_store.council_by_id(council_id)
    if council is None:
        abort(404)
    form = NewLeaderForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                form.email.data, generate_password_hash(form.password.data), "leader", council
            )
        except Conflict:
            form.email.errors.append(_("An account already uses that email address"))
        else:
            flash(_("Leader account created for %(email)s.", email=user.email), "success")
            return redirect(url_for("admin.council", council_id=council.id))
    status = 400 if form.errors else 200
    return render_template(
        "admin/council.html",
        council=council,
        leaders=accounts.leaders_of(council),
        assessments=assessments.assessments_for(council),
        form=form,
    ), status


@blueprint.route("/councils/<int:council_id>/privacy", methods=["GET", "POST"])
@admin_only
def privacy_details(council_id: int):
    council = council_store.council_by_id(council_id)
    if council is None:
        abort(404)
    form = PrivacyDetailsForm(
        data={"controller": council.privacy_controller, "contact": council.privacy_contact}
    )
    if form.validate_on_submit():
        council_store.set_privacy_details(council, form.controller.data, form.contact.data)
        flash(_("Privacy details saved. Officers see them in the privacy notice."), "success")
        return redirect(url_for("admin.council", council_id=council.id))
    status = 400 if form.errors else 200
    return render_template("admin/privacy_details.html", council=council, form=form), status


@blueprint.route("/councils/<int:council_id>/delete", methods=["GET", "POST"])
@admin_only
def delete_council(council_id: int):
    council = council_store.council_by_id(council_id)
    if council is None:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = council.name
        erase_council(council)
        flash(_("%(council)s and all its data have been deleted.", council=name), "success")
        return redirect(url_for("admin.councils"))
    return render_template(
        "admin/delete_council.html",
        council=council,
        holdings=retention.holdings_of_council(council),
        form=form,
    )


# A leader's account: POST only, each a button on the council page.


def _confirmed(user_id: int) -> tuple[User, ConfirmForm]:
    """The leader the administrator is acting on, from a post with its CSRF token and
    confirmation; never another administrator, whose account is looked after on the
    command line."""
    user = accounts.user_by_id(user_id)
    if user is None or user.is_admin:
        abort(404)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    return user, form


def _back_to_council(council_id: int | None, message: str):
    flash(message, "success")
    return redirect(url_for("admin.council", council_id=council_id))


@blueprint.post("/leaders/<int:user_id>/disable")
@admin_only
def disable_leader(user_id: int):
    user, _form = _confirmed(user_id)
    accounts.disable(user)
    return _back_to_council(
        user.council_id, _("%(email)s is disabled and has been signed out.", email=user.email)
    )


@blueprint.post("/leaders/<int:user_id>/enable")
@admin_only
def enable_leader(user_id: int):
    user, _form = _confirmed(user_id)
    accounts.enable(user)
    return _back_to_council(user.council_id, _("%(email)s can sign in again.", email=user.email))


@blueprint.post("/leaders/<int:user_id>/remove")
@admin_only
def remove_leader(user_id: int):
    user, form = _confirmed(user_id)
    if not form.submit.data:  # the council page's button: ask first
        return render_template("admin/remove_leader.html", leader=user, form=form)
    council_id, email = user.council_id, user.email
    accounts.remove(user)
    return _back_to_council(
        council_id, _("%(email)s has been removed and signed out.", email=email)
    )


@blueprint.post("/leaders/<int:user_id>/reset-link")
@admin_only
def reset_link(user_id: int):
    user, _form = _confirmed(user_id)
    token = accounts.new_reset_link(user)
    # Shown in this response only: the link is stored as a hash, so cannot be shown again.
    return render_template(
        "admin/reset_link.html",
        leader=user,
        link=links.reset_link(token),
    )


# POST only, both steps: the council page's Delete button asks for this page, whose
# button deletes. A page a leader could GET here would break the rule that a leader
# reaches every page of their own council's assessments (test_council_isolation).
@blueprint.post("/assessments/<int:assessment_id>/delete")
@assessment_view
@admin_only
def delete_assessment(assessment: Assessment):
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    if not form.submit.data:
        return render_template(
            "admin/delete_assessment.html",
            assessment=assessment,
            holdings=retention.holdings_of_assessment(assessment),
            form=form,
        )
    council_id, title = assessment.council_id, assessment.title
    erase_assessment(assessment)
    flash(_("%(title)s and all its responses have been deleted.", title=title), "success")
    return redirect(url_for("admin.council", council_id=council_id))
