"""Words the framework writes for people, in the reader's language.

The framework stays pure: it writes its sentences through the functions here,
and the web app plugs Flask-Babel in at start-up (web/i18n.py), so a Welsh
catalogue translates findings, readings and the action plan like any page.
Until then, and in the framework's own tests, the English comes back as written.

Messages use named placeholders, `_("%(size)s higher", size=size)`, so a
translator can move them; `make translations` extracts every `_`, `ngettext`
and `N_` call for translators (babel.cfg).
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str], str]
TranslatePlural = Callable[[str, str, int], str]


def _english(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


_translate: Translate = _english
_translate_plural: TranslatePlural = _english_plural


def use(translate: Translate, translate_plural: TranslatePlural) -> None:
    """Translate through these from now on (the app passes Flask-Babel's)."""
    global _translate, _translate_plural
    _translate, _translate_plural = translate, translate_plural


def _(message: str, **values: object) -> str:
    """The message in the reader's language, with its %(name)s placeholders filled."""
    translated = _translate(message)
    return translated % values if values else translated


def ngettext(singular: str, plural: str, n: int, **values: object) -> str:
    """The singular or plural message for n; %(num)s is n unless given."""
    values.setdefault("num", n)
    return _translate_plural(singular, plural, n) % values


def N_(message: str) -> str:
    """Mark a message for translators where it is defined; translate it with _ where shown."""
    return message


def list_of(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C': names joined as the reader's language joins them."""
    if not items:
        return ""
    joined = items[0]
    for item in items[1:-1]:
        joined = _("%(items)s, %(next)s", items=joined, next=item)
    if len(items) > 1:
        joined = _("%(items)s and %(last)s", items=joined, last=items[-1])
    return joined
