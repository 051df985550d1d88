"""Language: every word people read goes through Flask-Babel, ready for Welsh.

English is the only language shipped. A council adds Welsh by translating
translations/messages.pot into translations/cy/LC_MESSAGES/messages.po
(README, "Translating") and listing it in LANGUAGES; a language link then
appears in the footer, and Accept-Language picks it for people whose browser
asks for it first.
"""

from __future__ import annotations

import functools

from babel import Locale
from flask import Flask, has_request_context, request, session
from flask_babel import Babel, get_translations

from ..framework import text
from ..services.language import current_language, languages


def init_app(app: Flask) -> None:
    # One Babel per app: Flask-Babel caches catalogues on the instance by language
    # alone, so apps sharing one (tests do) would share each other's catalogues.
    Babel(app, locale_selector=choose_language)
    text.use(
        lambda message: get_translations().ugettext(message),
        lambda singular, plural, n: get_translations().ungettext(singular, plural, n),
    )
    app.before_request(_remember_a_chosen_language)
    app.context_processor(_language_for_templates)


def choose_language() -> Locale:
    # A Locale, not its code: Flask-Babel parses a code again on every request.
    offered = languages()
    if not has_request_context() or len(offered) == 1:
        # The command line, or an installation in one language: nothing to choose.
        return _locale(offered[0])
    chosen = session.get("language")
    if chosen in offered:
        return _locale(chosen)
    return _locale(request.accept_languages.best_match(offered) or offered[0])


@functools.lru_cache(maxsize=64)
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def _remember_a_chosen_language() -> None:
    # The footer's language link adds ?lang=cy; the choice lasts the session.
    chosen = request.args.get("lang")
    if chosen in languages():
        session["language"] = chosen


def _language_for_templates() -> dict[str, object]:
    here = current_language()
    return {"current_language": here, "other_languages": _others(tuple(languages()), here)}


@functools.lru_cache(maxsize=64)
def _others(offered: tuple[str, ...], here: str) -> list[tuple[str, str]]:
    # Every page asks; Babel's locale data is slow to read and never changes.
    return [
        (code, Locale.parse(code).get_display_name(code).capitalize())
        for code in offered
        if code != here
    ]
