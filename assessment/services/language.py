"""The language a page or a PDF is written in, wherever it is made (a request, or the
command line writing a PDF); web/i18n.py chooses it for each request."""

from __future__ import annotations

from flask import current_app
from flask_babel import get_locale


def languages() -> list[str]:
    return current_app.config["LANGUAGES"]


def current_language() -> str:
    """The language of this response as an HTML lang value: "en", "cy"."""
    return str(get_locale() or languages()[0]).replace("_", "-")
