"""The web layer: one blueprint a module, templates on GOV.UK Frontend macros."""

from __future__ import annotations

import os

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from ..storage.secrets import format_code
from . import errors, pages, survey


def init_app(app: Flask) -> None:
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
    app.add_template_global(format_code)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(survey.blueprint)
    errors.init_app(app)
