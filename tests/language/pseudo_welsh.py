"""A pretend Welsh catalogue that wraps every message in ⟪ ⟫.

Pages served in it show which words went through Flask-Babel: every word a
person reads is either inside ⟪ ⟫ or is data (the question bank, the council's
name, what someone typed, numbers). Anything else was written in English
somewhere that a Welsh translation could never reach.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import html5lib
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

PROJECT = Path(__file__).resolve().parents[2]
OPEN, CLOSE = "⟪", "⟫"
_INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
_WORD = re.compile(r"[^\W\d_]{2,}")
# Text people read, other than an element's own text.
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
NOT_READ = {"script", "style", "template", "noscript"}


def build_catalogue(folder: Path, language: str = "cy") -> Path:
    """Extract the project's messages as `make translations` does and 'translate' them."""
    template = folder / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "--quiet", "extract",
         "-F", "babel.cfg", "-k", "lazy_gettext", "-o", str(template), "."],
        cwd=PROJECT, check=True,
    )  # fmt: skip
    with template.open("rb") as file:
        catalogue = read_po(file, locale=language)
    for message in catalogue:
        if not message.id:
            continue
        if message.pluralizable:
            forms = [_wrapped(message.id[0])] + [_wrapped(message.id[1])] * (
                catalogue.num_plurals - 1
            )
            message.string = tuple(forms)
        else:
            message.string = _wrapped(message.id)
    target = folder / language / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as file:
        write_mo(file, catalogue)
    return folder


def _wrapped(message: str) -> str:
    return f"{OPEN}{message}{CLOSE}"


def untranslated(html: str, data: Iterable[str]) -> list[str]:
    """Each piece of text on the page that is neither translated nor data."""
    known = sorted({d for d in data if d and _WORD.search(d)}, key=len, reverse=True)
    document = html5lib.parse(html, namespaceHTMLElements=False)
    return [f"{where}: {text!r}" for where, text in _read_text(document) if _left(text, known)]


def _read_text(element, inside_read: bool = True) -> Iterator[tuple[str, str]]:
    tag = element.tag if isinstance(element.tag, str) else ""
    read = inside_read and tag not in NOT_READ
    if read and element.text:
        yield f"<{tag}>", element.text
    for name in READ_ATTRIBUTES:
        if element.get(name):
            yield f"<{tag} {name}>", element.get(name)
    if tag == "input" and element.get("type") in ("submit", "button") and element.get("value"):
        yield "<input value>", element.get("value")
    if element.get("data-figure"):
        yield from ((f"<{tag} data-figure>", t) for t in _chart_words(element.get("data-figure")))
    for child in element:
        yield from _read_text(child, read)
        if read and child.tail:
            yield f"after <{child.tag}>", child.tail


def _chart_words(figure_json: str) -> Iterator[str]:
    """What a Plotly figure shows as words: titles, axis titles, legend names, hovers."""
    figure = json.loads(figure_json)
    layout = figure.get("layout", {})
    for value in layout.values():
        if isinstance(value, dict) and isinstance(value.get("title"), dict):
            yield value["title"].get("text", "")
    if isinstance(layout.get("title"), dict):
        yield layout["title"].get("text", "")
    for annotation in layout.get("annotations", []):
        yield annotation.get("text", "")
    for trace in figure.get("data", []):
        yield trace.get("name") or ""
        yield re.sub(r"%\{[^}]*\}|<extra>.*?</extra>|<br>", " ", trace.get("hovertemplate") or "")


def _left(text: str, known: list[str]) -> str:
    rest = text
    while True:
        shorter = _INNERMOST.sub(" ", rest)
        if shorter == rest:
            break
        rest = shorter
    for data in known:
        rest = rest.replace(data, " ")
    return " ".join(_WORD.findall(rest))
