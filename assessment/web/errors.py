"""Friendly error pages: every error a person can cause gets a page that says what to do."""

from __future__ import annotations

import contextlib
import math
import time

from flask import Flask, g, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from ..extensions import limiter, login_manager
from ..storage import queries

PAGES = {
    400: ("Sorry, there is a problem with that request", "Go back and try again."),
    403: ("You cannot do that", "If you think you should be able to, contact your administrator."),
    404: (
        "Page not found",
        "If you typed the web address, check it is correct. "
        "If you pasted the web address, check you copied the entire address.",
    ),
    405: ("Sorry, there is a problem with that request", "Go back and try again."),
    413: ("That was too much to send", "Shorten what you typed and try again."),
    415: ("Sorry, there is a problem with that request", "Send it from the form on the page."),
    429: ("Too many attempts", "Wait a few minutes and try again."),
    500: (
        "Sorry, there is a problem with the service",
        "Try again later. Anything you saved before this happened has been kept.",
    ),
    503: (
        "Sorry, the service is unavailable",
        "Try again in a few minutes. Anything you saved before this happened has been kept.",
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
                title="Sorry, this page has expired",
                body="To protect your information, nothing was saved. Go back, "
                "refresh the page and try again.",
            ),
            400,
        )

    @app.errorhandler(429)
    def too_many(error):
        wait = _minutes_until_reset()
        return (
            render_template(
                "errors/error.html",
                title="Too many attempts",
                body=f"To protect accounts, this has been paused. Try again in {wait} "
                f"minute{'s' if wait != 1 else ''}.",
            ),
            429,
        )

    # The database refused, lost or could not hand out a connection. Other database
    # errors (a broken constraint, say) are bugs, and get the 500 page.
    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)
    def database_unavailable(error: SQLAlchemyError):
        return unavailable()

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        title, body = PAGES.get(code, PAGES[400] if code < 500 else PAGES[500])
        return render_template("errors/error.html", title=title, body=body), code


def unavailable():
    """The friendly 503 page, drawn without the database that has just failed."""
    # If the connection is gone, so is the transaction: nothing more to roll back.
    with contextlib.suppress(SQLAlchemyError):
        queries.rollback()
    # The page header asks who is signed in, which would ask the database again.
    g._login_user = login_manager.anonymous_user()
    title, body = PAGES[503]
    page = render_template("errors/error.html", title=title, body=body)
    return page, 503, {"Retry-After": str(RETRY_AFTER)}


def _minutes_until_reset() -> int:
    limit = limiter.current_limit
    if limit is None:
        return 15
    return max(1, math.ceil((limit.reset_at - time.time()) / 60))
