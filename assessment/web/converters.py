"""URL converters that match only what we hand out, so a malformed address is a
404 from the router, before any view runs or the database is asked."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import BaseConverter, IntegerConverter

# secrets.token_urlsafe(24): 24 random bytes, base64url without padding, 32 characters.
TOKEN_PATTERN = r"[A-Za-z0-9_-]{32}"
# The question bank's slug (framework.loader.SLUG), with a length a theme id never exceeds.
SLUG_PATTERN = r"[a-z][a-z0-9_]{0,59}"


class TokenConverter(BaseConverter):
    """An invitation or resume token."""

    regex = TOKEN_PATTERN


class SlugConverter(BaseConverter):
    """A theme id."""

    regex = SLUG_PATTERN


class AsciiIntegerConverter(IntegerConverter):
    """An id: ASCII digits only. Werkzeug's own matches any Unicode digit, and
    int() reads "２" or "٢" as 2, so one page would answer to many addresses."""

    regex = r"[0-9]+"


def init_app(app: Flask) -> None:
    # Before any blueprint is registered: rules are compiled with the converters they name.
    app.url_map.converters["token"] = TokenConverter
    app.url_map.converters["slug"] = SlugConverter
    app.url_map.converters["int"] = AsciiIntegerConverter
