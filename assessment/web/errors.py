"""Friendly error pages: every error a person can cause gets a page that says what to do."""

from __future__ import annotations

import contextlib

from flask import Flask, current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext, ngettext
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from ..extensions import login_manager
from ..framework.loader import UnknownBankVersion
from ..storage import database
from . import throttle

_BAD_REQUEST = lazy_gettext("Sorry, there is a problem with that request")
# Each page's title and what to do, in the reader's language when shown (see _page).
PAGES = {
    400: (_BAD_REQUEST, lazy_gettext("Go back and try again.")),
    403: (
        lazy_gettext("You cannot do that"),
        lazy_gettext("If you think you should be able to, contact your administrator."),
    ),
    404: (
        lazy_gettext("Page not found"),
        lazy_gettext(
            "If you typed the web address, check it is correct. "
            "If you pasted the web address, check you copied the entire address."
        ),
    ),
    405: (_BAD_REQUEST, lazy_gettext("Go back and try again.")),
    413: (
        lazy_gettext("That was too much to send"),
        lazy_gettext("Shorten what you typed and try again."),
    ),
    415: (_BAD_REQUEST, lazy_gettext("Send it from the form on the page.")),
    429: (lazy_gettext("Too many attempts"), lazy_gettext("Wait a few minutes and try again.")),
    500: (
        lazy_gettext("Sorry, there is a problem with the service"),
        lazy_gettext("Try again later. Anything you saved before this happened has been kept."),
    ),
    503: (
        lazy_gettext("Sorry, the service is unavailable"),
        lazy_gettext(
            "Try again in a few minutes. Anything you saved before this happened has been kept."
        ),
    ),
}
# Seconds a browser or monitor is asked to wait before trying again.
RETRY_AFTER = 60


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_refused(error: CSRFError):
        return (
            render_template(
                "errors/error.html",
                title=_("Sorry, this page has expired"),
                body=_(
                    "To protect your information, nothing was saved. Go back, "
                    "refresh the page and try again."
                ),
            ),
            400,
        )

    @app.errorhandler(429)
    def too_many(error):
        # Our own pauses (web/throttle.py) say how long; a limit set for every page is
        # asked; anything else is told the longest of ours.
        seconds = (
            getattr(error, "seconds", None)
            or throttle.seconds_until_every_page_limit_resets()
            or throttle.RESUME_CODES.longest
        )
        return _too_many_attempts_page(seconds)

    # The database refused, lost or could not hand out a connection. Other database
    # errors (a broken constraint, say) are bugs, and get the 500 page.
    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)
    def database_unavailable(error: SQLAlchemyError):
        return unavailable()

    @app.errorhandler(UnknownBankVersion)
    def bank_not_installed(error: UnknownBankVersion):
        return missing_bank(error.version)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        return _page(PAGES.get(code, PAGES[400] if code < 500 else PAGES[500])), code


def missing_bank(version: str):
    """An assessment made with a bank version this installation does not have: nothing
    about it can be shown or scored until the version is installed again (docs/adr/0007).
    Not the asker's fault, nor a bug: 503, with what to do, for officers and leaders."""
    current_app.logger.error(
        "question bank %s is not installed, but %s needs it", version, request.path
    )
    if request.blueprint == "survey":
        title = _("Sorry, this questionnaire is not available")
        body = _(
            "It was made with question bank %(version)s, which this service does not have. "
            "Tell the person who sent you the link.",
            version=version,
        )
    else:
        title = _("Sorry, this assessment cannot be shown")
        body = _(
            "This assessment was made with question bank %(version)s, which this "
            "installation does not have. Ask your administrator to install it.",
            version=version,
        )
    return render_template("errors/error.html", title=title, body=body), 503


def _too_many_attempts_page(seconds: int):
    page = render_template(
        "errors/error.html",
        title=_("Too many attempts"),
        body=_("To protect accounts, this has been paused.") + " " + try_again_in(seconds),
    )
    return page, 429, {"Retry-After": str(seconds)}


def try_again_in(seconds: int) -> str:
    """When to try again, as a person would say it: seconds under a minute, else minutes."""
    if seconds < 60:
        return ngettext("Try again in %(num)s second.", "Try again in %(num)s seconds.", seconds)
    minutes = -(-seconds // 60)
    return ngettext("Try again in %(num)s minute.", "Try again in %(num)s minutes.", minutes)


def unavailable():
    """The friendly 503 page, drawn without the database that has just failed."""
    # If the connection is gone, so is the transaction: nothing more to roll back.
    with contextlib.suppress(SQLAlchemyError):
        database.rollback()
    # The page header asks who is signed in, which would ask the database again: it is
    # told nobody is (a value passed to render_template wins over web/auth.py's).
    return (
        _page(PAGES[503], current_user=login_manager.anonymous_user()),
        503,
        {"Retry-After": str(RETRY_AFTER)},
    )


def _page(words: tuple[object, object], **context) -> str:
    # Made plain strings now, in the reader's language, so the page escapes them as text.
    title, body = words
    return render_template("errors/error.html", title=str(title), body=str(body), **context)
