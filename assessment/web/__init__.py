"""The web layer: one blueprint a module, templates on GOV.UK Frontend macros."""

from __future__ import annotations

import os

from flask import Flask, abort, request
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from .. import extensions
from ..framework.display import one_decimal, whole_percent
from ..reports import chart_export
from ..reports.tables import not_shown, signed
from ..services.report import css_string
from ..storage.secrets import format_code
from . import (
    account,
    actions,
    admin,
    auth,
    converters,
    errors,
    health,
    i18n,
    leaders,
    mfa,
    moderation,
    pages,
    privacy,
    question_results,
    report,
    results,
    rounds,
    security,
    sessions,
    staff_page,
    static_files,
    survey,
    targets,
    throttle,
)


def init_app(app: Flask) -> None:
    # Hooks run in the order they are added: this one before the CSRF check, which
    # would read the body as a form, and before every hook of the web layer.
    app.before_request(_forms_only)
    if app.config[
        "REDIS_URL"
    ]:  # report workers draw the charts: this process never starts Chromium
        chart_export.only_in_report_workers()
    extensions.csrf.init_app(app)
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(os.path.join(app.root_path, app.template_folder)),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    WTFormsHelpers(app)
    i18n.init_app(app)
    app.add_template_global(format_code)
    app.add_template_filter(one_decimal)
    app.add_template_filter(_percent, "percent")
    app.add_template_filter(_signed_or_not_shown, "signed_or_not_shown")
    app.add_template_filter(css_string, "css_string")
    converters.init_app(app)
    security.init_app(app)
    static_files.init_app(app)
    sessions.init_app(app)
    auth.init_app(app)
    throttle.init_app(app)
    for module in (
        pages,
        privacy,
        survey,
        auth,
        mfa,
        account,
        leaders,
        rounds,
        results,
        question_results,
        moderation,
        targets,
        actions,
        report,
        staff_page,
        admin,
        health,
    ):
        app.register_blueprint(module.blueprint)
    errors.init_app(app)


def _percent(share: float | None) -> str:
    return not_shown() if share is None else f"{whole_percent(share)}%"


def _signed_or_not_shown(value: float | None) -> str:
    return not_shown() if value is None else signed(value)


FORM_TYPES = {"", "application/x-www-form-urlencoded", "multipart/form-data"}


def _forms_only() -> None:
    # Every POST here is a web form. Flask-WTF would read a JSON body as the form,
    # and a JSON body that is not an object would crash it: refuse such posts plainly.
    if request.method == "POST" and request.mimetype not in FORM_TYPES:
        abort(415)
