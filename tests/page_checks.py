"""Every HTML page a test fetches is checked for free: it parses, it has a title,
exactly one h1, no two elements share an id, and every static file it loads is a
content-hashed one from the build's manifest (so a browser may keep it a year)."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import html5lib
from flask.testing import FlaskClient

_PARSER = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
MANIFEST = Path(__file__).resolve().parents[1] / "static" / "assets" / "manifest.json"
ASSETS_URL = "/static/assets/"


class PageProblem(AssertionError):
    pass


def check_page(html: str, url: str = "") -> None:
    try:
        document = _PARSER.parse(html)
    except html5lib.html5parser.ParseError as error:
        raise PageProblem(f"{url}: not valid HTML: {error}") from None
    titles = [t.text for t in document.iter("title") if (t.text or "").strip()]
    if len(titles) != 1:
        raise PageProblem(f"{url}: needs exactly one non-empty <title>, found {len(titles)}")
    h1s = list(document.iter("h1"))
    if len(h1s) != 1:
        raise PageProblem(f"{url}: needs exactly one <h1>, found {len(h1s)}")
    ids = Counter(el.get("id") for el in document.iter() if el.get("id"))
    repeated = [i for i, n in ids.items() if n > 1]
    if repeated:
        raise PageProblem(f"{url}: ids used more than once: {', '.join(sorted(repeated))}")
    unhashed = [link for link in static_links(document) if not is_hashed_asset(link)]
    if unhashed:
        raise PageProblem(f"{url}: static files not named by content hash: {unhashed}")


def static_links(document) -> list[str]:
    """Every URL under /static/ that the page loads or links to."""
    links = [el.get("src") or el.get("href") or "" for el in document.iter()]
    return [link for link in links if link.startswith("/static/")]


def is_hashed_asset(link: str) -> bool:
    return link.startswith(ASSETS_URL) and link[len(ASSETS_URL) :] in hashed_assets()


@cache
def hashed_assets() -> frozenset[str]:
    return frozenset(json.loads(MANIFEST.read_text(encoding="utf-8")).values())


class CheckedClient(FlaskClient):
    """A test client that checks every HTML page it is given."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and not response.is_streamed:
            check_page(response.get_data(as_text=True), str(args[0]) if args else "")
        return response


CSRF_FIELD = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'type="hidden" name="csrf_token" value="([^"]+)"|'
    r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"'
)


def csrf_token(html: str) -> str:
    match = CSRF_FIELD.search(html)
    if not match:
        raise AssertionError("the page has no CSRF token")
    return next(group for group in match.groups() if group)


def session_cookies(response) -> list[str]:
    """The session cookies a response sets (none when the session was left as it was)."""
    return [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
