"""A people-first digital maturity self-assessment for UK councils."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import cli, extensions, web
from .cli import settings as cli_settings
from .config import check_settings, settings_from_environment
from .storage import database


def create_app(config_overrides: dict[str, Any] | None = None) -> Flask:
    # No Flask static route: web/static_files.py serves static/ through WhiteNoise.
    app = Flask(__name__, template_folder="../templates", static_folder=None)

    def load_settings() -> None:
        app.config.from_mapping(settings_from_environment(app.instance_path))
        app.config.from_mapping(config_overrides or {})
        check_settings(app.config)

    cli_settings.configure(app, load_settings)
    _trust_the_proxy(app)

    database.init_app(app)
    extensions.migrate.init_app(app, database.db, directory=str(database.MIGRATIONS))
    web.init_app(app)
    cli.init_app(app)
    return app


def _trust_the_proxy(app: Flask) -> None:
    # Behind TRUST_PROXY reverse proxies, X-Forwarded-For and -Proto say who is asking
    # and whether over HTTPS; anywhere else they could be forged, so are ignored.
    proxies = app.config["TRUST_PROXY"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
