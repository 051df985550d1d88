"""The installation's administrators: councils and their leaders."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from werkzeug.security import generate_password_hash

from ..forms.admin import NewCouncilForm
from ..forms.auth import NewLeaderForm
from ..storage import queries
from .access import admin_only

blueprint = Blueprint("admin", __name__, url_prefix="/admin")


@blueprint.route("/councils", methods=["GET", "POST"])
@admin_only
def councils():
    form = NewCouncilForm()
    if form.validate_on_submit():
        try:
            council = queries.create_council(form.slug.data, form.name.data.strip())
        except queries.Conflict:
            form.slug.errors.append("A council already has that short name")
        else:
            flash(f"{council.name} created. Now add its leaders.", "success")
            return redirect(url_for("admin.council", council_id=council.id))
    status = 400 if form.errors else 200
    return render_template(
        "admin/councils.html", councils=queries.all_councils(), form=form
    ), status


@blueprint.route("/councils/<int:council_id>", methods=["GET", "POST"])
@admin_only
def council(council_id: int):
    council = queries.council_by_id(council_id)
    if council is None:
        abort(404)
    form = NewLeaderForm()
    if form.validate_on_submit():
        try:
            user = queries.create_user(
                form.email.data, generate_password_hash(form.password.data), "leader", council
            )
        except queries.Conflict:
            form.email.errors.append("An account already uses that email address")
        else:
            flash(f"Leader account created for {user.email}.", "success")
            return redirect(url_for("admin.council", council_id=council.id))
    status = 400 if form.errors else 200
    return render_template(
        "admin/council.html",
        council=council,
        leaders=queries.leaders_of(council),
        assessments=queries.assessments_for(council),
        form=form,
    ), status
