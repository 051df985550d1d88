"""Pages rendered once, with holes, and filled in on each request.

Most of a theme page never changes while we run: GOV.UK's layout, the theme's
words, every question's radios. Rendering it through the GOV.UK macros took
most of the page's time, so a page can be rendered once with a `Hole` where each
per-request value goes (the CSRF token, the officer's answers, the nonce) and
each request only joins the pieces. The holes are marked with two private-use
characters that no text of ours holds; a shell whose holes are not exactly the
ones asked for is refused, and the page is rendered in full instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from flask import current_app
from markupsafe import Markup

OPEN, CLOSE = "\ue000", "\ue001"
_HOLE = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")
# Keys hold a language, a theme and a mount point: a few dozen at most. The bound
# only stops a flood of odd keys growing memory.
MAX_SHELLS = 256


class ShellError(ValueError):
    """A rendered page's holes are not the ones it was given."""


class Hole:
    """A value left open in a shell. Jinja asks for its HTML, and gets the marker."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __html__(self) -> str:
        return f"{OPEN}{self.name}{CLOSE}"

    __str__ = __html__


@dataclass(frozen=True)
class Shell:
    """A page's text between its holes: static, hole name, static, ..., static."""

    parts: tuple[str, ...]

    @classmethod
    def of(cls, html: str, holes: set[str]) -> Shell:
        parts = tuple(_HOLE.split(html))
        found = parts[1::2]
        if sorted(found) != sorted(holes) or any(OPEN in p or CLOSE in p for p in parts[::2]):
            raise ShellError(f"expected each of {sorted(holes)} once, found {list(found)}")
        return cls(parts)

    def fill(self, values: Mapping[str, str]) -> Markup:
        """The page, each hole replaced by its value (HTML, already escaped)."""
        pieces = list(self.parts)
        for index in range(1, len(pieces), 2):
            pieces[index] = values[pieces[index]]
        return Markup("".join(pieces))


def shell(key: tuple, holes: set[str], render: Callable[[], str]) -> Shell | None:
    """The shell cached under `key` for this app, rendered by `render` the first time;
    None when the page cannot be a shell (the caller renders it in full)."""
    cache = current_app.extensions.setdefault("page_shells", {})
    if key not in cache:
        if len(cache) >= MAX_SHELLS:
            cache.clear()
        try:
            cache[key] = Shell.of(render(), holes)
        except ShellError as problem:
            current_app.logger.warning("page %s rendered in full: %s", key, problem)
            cache[key] = None
    return cache[key]
