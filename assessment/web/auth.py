"""Signing leaders and administrators in and out, and ending their sessions: when idle,
a working day after signing in, and at once on sign-out, a password change, or when
an administrator disables or removes the account.

A session holds the account's id with its session generation (User.get_id); the
user loader accepts it only while the generation is the account's current one and
the account is not disabled, so raising the generation (storage/accounts.py) ends
every copy of every session cookie the account has.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

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
from ..storage import accounts
from . import throttle

blueprint = Blueprint("auth", __name__, url_prefix="/auth")
WRONG_DETAILS = lazy_gettext("Enter a correct email address and password")
# Checked when the email is unknown, so both answers take the same time.
_NOBODY = generate_password_hash("no account has this password")
# In the session between a right password and the second step (mfa.py): who, since
# when, and where to go after. Never counts as signed in.
PENDING = "pending_sign_in"
PENDING_MINUTES = 10
# Set in the session with login_user, and only there; _fresh_session clears it.
SIGNED_IN_AT = "signed_in_at"
MAX_NEXT_LENGTH = 2000


def init_app(app) -> None:
    login_manager.init_app(app, add_context_processor=False)
    app.context_processor(_who_is_signed_in)
    login_manager.login_view = "auth.sign_in"
    # Flashed as someone is sent to sign in: made a plain string then, in their language.
    login_manager.login_message = lazy_gettext("Sign in to see that page")
    login_manager.localize_callback = str
    # Not "strong": a leader whose network changes (a laptop moving between offices) is
    # not thrown out; sign-in starts a fresh session, so a planted one gains nothing.
    # Not "basic" either: it only marks sessions "not fresh", which nothing here reads,
    # and it wrote that into every officer's cookie, which was then sent again.
    login_manager.session_protection = None
    login_manager.user_loader(accounts.user_for_session)
    app.before_request(_end_sessions_that_are_over)


def _who_is_signed_in() -> dict[str, object]:
    # Flask-Login's own context processor loads the account before any page is drawn;
    # its proxy loads it only when the page asks, and a page may say who is signed in
    # itself (errors.unavailable, with the database down, says nobody).
    return {"current_user": current_user}


def signed_in() -> bool:
    """Whether a leader or administrator is signed in. Sign-in sets no remember-me
    cookie and marks the session it starts (complete_sign_in), so in a session without
    the mark nobody is, and Flask-Login, which loads the account to say so, need not
    be asked on an officer's page."""
    return SIGNED_IN_AT in session and current_user.is_authenticated


def mfa_required(user) -> bool:
    return user.is_admin or current_app.config["REQUIRE_MFA"]


def _end_sessions_that_are_over():
    if not signed_in():
        return None
    now = time.time()
    hours = current_app.config["SIGNED_IN_HOURS"]
    if now - session.get(SIGNED_IN_AT, 0) > hours * 3600:
        return _sign_out_because(
            ngettext(
                "You were signed out because you signed in more than %(num)s hour ago. "
                "Sign in again to carry on.",
                "You were signed out because you signed in more than %(num)s hours ago. "
                "Sign in again to carry on.",
                hours,
            )
        )
    idle_minutes = current_app.config["LEADER_IDLE_MINUTES"]
    if now - session.get("seen", now) > idle_minutes * 60:
        return _sign_out_because(
            ngettext(
                "You were signed out because you had not done anything for %(num)s minute. "
                "Sign in again to carry on.",
                "You were signed out because you had not done anything for %(num)s minutes. "
                "Sign in again to carry on.",
                idle_minutes,
            )
        )
    if mfa_required(current_user) and not current_user.has_mfa:
        # Required since this session began (REQUIRE_MFA turned on): set it up first.
        return _sign_out_because(
            lazy_gettext("Sign in again to set up an authenticator app for your account.")
        )
    session["seen"] = now
    return None


def _sign_out_because(message):
    return_to = _return_to()
    logout_user()
    _fresh_session()
    flash(str(message))
    if request.endpoint == "auth.keep_alive":
        # The warning's script asked to stay: say no plainly, and leave the
        # message for the sign-in page it goes to next.
        return {"signed_in": False}, 401
    return redirect(url_for("auth.sign_in", next=return_to))


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
        user = accounts.user_by_email(form.email.data)
        hashed = user.password_hash if user else _NOBODY
        right = check_password_hash(hashed, form.password.data)
        # A disabled account hears what a wrong password hears: nothing to confirm.
        if right and user is not None and not user.is_disabled:
            throttle.signed_in(form.email.data)
            return _password_accepted(user, safe_next(request.args.get("next")))
        throttle.failed_sign_in(form.email.data)
        form.email.errors.append(WRONG_DETAILS)
    status = 400 if form.errors else 200
    return render_template("auth/sign_in.html", form=form), status


def _password_accepted(user, next_page: str):
    _fresh_session()  # at sign-in: nothing carried over but the language
    if not user.has_mfa and not mfa_required(user):
        return complete_sign_in(user, next_page)
    session[PENDING] = {"user": user.get_id(), "at": time.time(), "next": next_page}
    step = "mfa.security_code" if user.has_mfa else "mfa.set_up"
    return redirect(url_for(step))


def pending_sign_in():
    """The account whose password was just accepted and whose second step is to come,
    and where to go after; (None, None) when there is none, or it took too long."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict):
        return None, None
    if time.time() - pending.get("at", 0) > PENDING_MINUTES * 60:
        session.pop(PENDING, None)
        return None, None
    return accounts.user_for_session(str(pending.get("user", ""))), pending.get("next")


def complete_sign_in(user, next_page: str | None):
    _fresh_session()
    login_user(user)
    now = time.time()
    session[SIGNED_IN_AT] = now
    session["seen"] = now
    return redirect(safe_next(next_page))


def safe_next(target: str | None) -> str:
    """Where to go after signing in: only a path on this site, never an open redirect.
    Browsers drop tabs and newlines from a URL and read a backslash as a slash, so
    "/<tab>/evil.example" is "//evil.example", another site: any such character, a
    scheme, a host or a leading "//" sends the leader to their assessments instead."""
    fallback = url_for("leaders.assessments")
    if not target or len(target) > MAX_NEXT_LENGTH:
        return fallback
    if not target.isprintable() or "\\" in target or not target.startswith("/"):
        return fallback
    if target.startswith("//"):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target


@blueprint.post("/sign-out")
def sign_out():
    if signed_in():
        # Every session of the account ends, not only this browser's: a copy of this
        # cookie, taken earlier, stops working too.
        accounts.end_sessions(current_user)
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
