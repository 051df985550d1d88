"""The second step of signing in: a code from an authenticator app (TOTP), or a
one-time recovery code; and setting the app up, which administrators (and leaders,
when REQUIRE_MFA is true) must do before anything else.

Between the password and this step the session holds only a pending sign-in
(auth.PENDING), which no page counts as signed in.
"""

from __future__ import annotations

import pyotp
import segno
from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext, ngettext
from flask_login import current_user
from markupsafe import Markup, escape

from ..forms.auth import SecurityCodeForm, SetUpMfaForm
from ..storage import accounts
from . import auth

blueprint = Blueprint("mfa", __name__, url_prefix="/auth")
WRONG_CODE = lazy_gettext("Enter a correct security code")
# Wrong codes one pending sign-in may try before the password is asked for again.
MAX_WRONG_CODES = 5
_WRONG_CODES = "wrong_security_codes"
_NEW_SECRET = "new_authenticator_secret"
# Shown in the authenticator app beside the account's email.
ISSUER = "Digital maturity self-assessment"


@blueprint.route("/security-code", methods=["GET", "POST"])
def security_code():
    user, next_page = auth.pending_sign_in()
    if user is None or not user.has_mfa:
        return _start_again()
    form = SecurityCodeForm()
    if form.validate_on_submit():
        typed = "".join(form.code.data.split())
        if typed.isascii() and typed.isdigit():
            if accounts.use_security_code(user, typed):
                return auth.complete_sign_in(user, next_page)
        elif accounts.use_recovery_code(user, typed):
            response = auth.complete_sign_in(user, next_page)
            left = accounts.recovery_codes_left(user)
            flash(
                ngettext(
                    "You used a recovery code. You have %(num)s left.",
                    "You used a recovery code. You have %(num)s left.",
                    left,
                )
            )
            return response
        wrong = session.get(_WRONG_CODES, 0) + 1
        if wrong >= MAX_WRONG_CODES:
            return _start_again()
        session[_WRONG_CODES] = wrong
        form.code.errors.append(WRONG_CODE)
    status = 400 if form.errors else 200
    return render_template("auth/security_code.html", form=form), status


def _start_again():
    session.pop(auth.PENDING, None)
    session.pop(_WRONG_CODES, None)
    session.pop(_NEW_SECRET, None)
    flash(_("Sign in again to carry on."))
    return redirect(url_for("auth.sign_in"))


@blueprint.route("/set-up-authenticator", methods=["GET", "POST"])
def set_up():
    if auth.signed_in():
        user, next_page, pending = current_user._get_current_object(), None, False
    else:
        (user, next_page), pending = auth.pending_sign_in(), True
        if user is None:
            return _start_again()
    if user.has_mfa:
        return redirect(url_for("leaders.assessments"))
    secret = session.get(_NEW_SECRET) or pyotp.random_base32()
    session[_NEW_SECRET] = secret
    form = SetUpMfaForm()
    if form.validate_on_submit():
        typed = "".join(form.code.data.split())
        step = accounts.matching_step(secret, typed)
        if step is not None:
            codes = accounts.new_recovery_codes()
            accounts.set_up_mfa(user, secret, codes, step)
            session.pop(_NEW_SECRET, None)
            if pending:
                auth.complete_sign_in(user, next_page)
            # Shown here and never again: the codes are kept only as hashes.
            return render_template(
                "auth/recovery_codes.html",
                codes=[accounts.format_recovery_code(code) for code in codes],
                next_page=auth.safe_next(next_page),
            )
        form.code.errors.append(_("Enter the 6-digit code the app shows now"))
    status = 400 if form.errors else 200
    return render_template(
        "auth/set_up_mfa.html",
        form=form,
        qr_code=_qr_code(secret, user.email),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        required=auth.mfa_required(user),
    ), status


def _qr_code(secret: str, email: str) -> Markup:
    """The set-up link as an inline SVG QR code: no script, no image request."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)
    svg = segno.make(uri, error="m").svg_inline(scale=4, light="#fff", svgclass="app-qr-code")
    label = escape(_("QR code to scan with your authenticator app"))
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))
