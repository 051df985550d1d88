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
    """Each piece of text on the page that is neither translated nor data.

    Text is read in document order, so a message that holds an element (a link
    or <code> inside a sentence) counts as one: what lies between its ⟪ and ⟫
    is the message's own or a value a translator places."""
    known = sorted({d for d in data if d and _WORD.search(d)}, key=len, reverse=True)
    document = html5lib.parse(html, namespaceHTMLElements=False)
    problems, depth = [], 0
    for where, text, in_flow in _read_text(document):
        outside, depth_after = _outside_messages(text, depth if in_flow else 0)
        if in_flow:
            depth = depth_after
        if _left(outside, known):
            problems.append(f"{where}: {text!r}")
    return problems


def _read_text(element, inside_read: bool = True) -> Iterator[tuple[str, str, bool]]:
    """(where, text, whether it is part of the page's flow of text) for everything read."""
    tag = element.tag if isinstance(element.tag, str) else ""
    read = inside_read and tag not in NOT_READ
    if read and element.text:
        yield f"<{tag}>", element.text, True
    for name in READ_ATTRIBUTES:
        if element.get(name):
            yield f"<{tag} {name}>", element.get(name), False
    if tag == "input" and element.get("type") in ("submit", "button") and element.get("value"):
        yield "<input value>", element.get("value"), False
    if element.get("data-figure"):
        for words in _chart_words(element.get("data-figure")):
            yield f"<{tag} data-figure>", words, False
    for child in element:
        yield from _read_text(child, read)
        if read and child.tail:
            yield f"after <{child.tag}>", child.tail, True


def _outside_messages(text: str, depth: int) -> tuple[str, int]:
    """The text with every part inside ⟪ ⟫ blanked, and how deep inside a message it ends."""
    kept = []
    for character in text:
        if character == OPEN:
            depth += 1
        elif character == CLOSE:
            depth = max(depth - 1, 0)
        kept.append(character if depth == 0 and character not in (OPEN, CLOSE) else " ")
    return "".join(kept), depth


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
        # Plotly's line break is markup, not a word (a value and its notes, one a line).
        yield annotation.get("text", "").replace("<br>", " ")
    for trace in figure.get("data", []):
        yield trace.get("name") or ""
        yield re.sub(r"%\{[^}]*\}|<extra>.*?</extra>|<br>", " ", trace.get("hovertemplate") or "")


# What people were given rather than told: web addresses, resume codes, recovery
# codes and an authenticator app's key (in groups of four).
_GIVEN = re.compile(
    r"https?://\S+|\b[A-Z0-9]{4}-[A-Z0-9]{4}\b|\b[A-Z0-9]{5}-[A-Z0-9]{5}\b"
    r"|\b[A-Z2-7]{4}(?: [A-Z2-7]{1,4}){3,}\b"
)


def _left(text: str, known: list[str]) -> str:
    rest = _GIVEN.sub(" ", text)
    for data in known:
        rest = rest.replace(data, " ")
    return " ".join(_WORD.findall(rest))
