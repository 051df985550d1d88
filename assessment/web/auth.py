"""Signing leaders and administrators in and out, and signing them out when idle."""

from __future__ import annotations

import time

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext, ngettext
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import login_manager
from ..forms.auth import SignInForm
from ..storage import queries
from . import throttle

blueprint = Blueprint("auth", __name__, url_prefix="/auth")
WRONG_DETAILS = lazy_gettext("Enter a correct email address and password")
# Checked when the email is unknown, so both answers take the same time.
_NOBODY = generate_password_hash("no account has this password")


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    # Flashed as someone is sent to sign in: made a plain string then, in their language.
    login_manager.login_message = lazy_gettext("Sign in to see that page")
    login_manager.localize_callback = str
    # Not "strong": a leader whose network changes (a laptop moving between offices) is
    # not thrown out; sign-in starts a fresh session, so a planted one gains nothing.
    # Not "basic" either: it only marks sessions "not fresh", which nothing here reads,
    # and it wrote that into every officer's cookie, which was then sent again.
    login_manager.session_protection = None
    login_manager.user_loader(_load_user)
    app.before_request(_sign_out_when_idle)


def _load_user(user_id: str):
    return queries.user_by_id(int(user_id)) if user_id.isdigit() else None


def signed_in() -> bool:
    """Whether a leader or administrator is signed in. Sign-in sets no remember-me
    cookie, so without a user id in the session nobody is, and Flask-Login, which
    takes a fiftieth of an officer's page to say so, need not be asked."""
    return "_user_id" in session and current_user.is_authenticated


def _sign_out_when_idle():
    if not signed_in():
        return None
    now = time.time()
    idle_limit = current_app.config["LEADER_IDLE_MINUTES"] * 60
    if now - session.get("seen", now) > idle_limit:
        logout_user()
        _fresh_session()
        flash(
            ngettext(
                "You were signed out because you had not done anything for %(num)s minute. "
                "Sign in again to carry on.",
                "You were signed out because you had not done anything for %(num)s minutes. "
                "Sign in again to carry on.",
                current_app.config["LEADER_IDLE_MINUTES"],
            )
        )
        if request.endpoint == "auth.keep_alive":
            # The warning's script asked to stay: say no plainly, and leave the
            # message for the sign-in page it goes to next.
            return {"signed_in": False}, 401
        return redirect(url_for("auth.sign_in", next=_return_to()))
    session["seen"] = now
    return None


def _fresh_session() -> None:
    """An empty session, but for the language the reader chose (web/i18n.py): signing
    in or out should not switch someone's pages back to English."""
    language = session.get("language")
    session.clear()
    if language is not None:
        session["language"] = language


def _return_to() -> str | None:
    """Where to go after signing in again: the page being read, never a form post."""
    if request.endpoint == "auth.sign_in":
        return request.args.get("next")
    return request.path if request.method == "GET" else None


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    form = SignInForm()
    if form.validate_on_submit():
        throttle.before_sign_in(form.email.data)  # web/throttle.py: per address and account
        user = queries.user_by_email(form.email.data)
        hashed = user.password_hash if user else _NOBODY
        if check_password_hash(hashed, form.password.data) and user is not None:
            throttle.signed_in(form.email.data)
            _fresh_session()  # at sign-in: nothing carried over but the language
            login_user(user)
            session["seen"] = time.time()
            return redirect(_safe_next(request.args.get("next")))
        throttle.failed_sign_in(form.email.data)
        form.email.errors.append(WRONG_DETAILS)
    status = 400 if form.errors else 200
    return render_template("auth/sign_in.html", form=form), status


def _safe_next(target: str | None) -> str:
    # Only a path on this site: never an open redirect.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("leaders.assessments")


@blueprint.post("/sign-out")
def sign_out():
    logout_user()
    _fresh_session()
    return redirect(url_for("auth.signed_out"))


@blueprint.get("/signed-out")
def signed_out():
    return render_template("auth/signed_out.html")


@blueprint.post("/keep-alive")
@login_required
def keep_alive():
    # The idle check above has already moved "seen" on; say how long is left.
    return {"idle_minutes": current_app.config["LEADER_IDLE_MINUTES"]}
