"""Friendly error pages: every error a person can cause gets a page that says what to do."""

from __future__ import annotations

import math
import time

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..extensions import limiter

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
    429: ("Too many attempts", "Wait a few minutes and try again."),
    500: (
        "Sorry, there is a problem with the service",
        "Try again later. Anything you saved before this happened has been kept.",
    ),
}


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

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        title, body = PAGES.get(code, PAGES[400] if code < 500 else PAGES[500])
        return render_template("errors/error.html", title=title, body=body), code


def _minutes_until_reset() -> int:
    limit = limiter.current_limit
    if limit is None:
        return 15
    return max(1, math.ceil((limit.reset_at - time.time()) / 60))
