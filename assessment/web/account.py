"""A leader's or administrator's own password: changed while signed in, or set
through a one-time reset link an administrator gave them."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from ..forms.auth import ChangePasswordForm, ResetPasswordForm
from ..storage import accounts

blueprint = Blueprint("account", __name__)
WRONG_PASSWORD = lazy_gettext("Enter your current password correctly")


@blueprint.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm(user.email)
    if form.validate_on_submit():
        if check_password_hash(user.password_hash, form.current_password.data):
            # Every other session ends; this one carries on under the new generation.
            accounts.set_password(user, generate_password_hash(form.new_password.data))
            login_user(user)
            flash(
                _("Your password has been changed. You have been signed out everywhere else."),
                "success",
            )
            return redirect(url_for("leaders.assessments"))
        form.current_password.errors.append(WRONG_PASSWORD)
    status = 400 if form.errors else 200
    return render_template("auth/change_password.html", form=form), status


@blueprint.route("/auth/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    link = accounts.reset_link(token)
    if link is None:
        return render_template("auth/reset_link_expired.html"), 404
    user = link.user
    form = ResetPasswordForm(user.email)
    if form.validate_on_submit():
        if accounts.use_reset_link(link, generate_password_hash(form.new_password.data)) is None:
            return render_template("auth/reset_link_expired.html"), 404
        logout_user()  # whoever was signed in in this browser signs in afresh
        flash(_("Your password has been set. Sign in with it now."), "success")
        return redirect(url_for("auth.sign_in"))
    status = 400 if form.errors else 200
    return render_template("auth/reset_password.html", form=form, email=user.email), status
