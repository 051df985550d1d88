"""Invitation and resume links can't be found by trying many.

The tokens are unguessable, so someone trying many links is scanning: an address
whose links matched nothing 20 times in a minute is paused on every officer page,
the right links too, so the scanner learns nothing. Only links that match no
assessment or response count, so officers are never slowed.

Counted with the limiter's storage directly, as officer_session counts wrong
resume codes: Flask-Limiter's per-request work for a blueprint-wide limit was a
tenth of a question page's time, for what is one lookup.
"""

from __future__ import annotations

import functools
from typing import NoReturn

from flask import Blueprint, abort, current_app, g, request
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse
from werkzeug.exceptions import TooManyRequests
from werkzeug.wrappers import Response

from ..extensions import limiter, minutes_to_wait

UNKNOWN_LINKS_PER_ADDRESS = "20 per minute"
SCOPE = "survey-unknown-link"


class Paused(TooManyRequests):
    """Too many unknown links from this address: wait `minutes`."""

    def __init__(self, minutes: int) -> None:
        super().__init__(retry_after=minutes * 60)
        self.minutes = minutes


def guard(blueprint: Blueprint) -> None:
    """Pause scanners on every page of `blueprint`, and count its unknown links."""
    blueprint.before_request(_refuse_a_paused_address)
    blueprint.after_request(_count_an_unknown_link)
    # The check above is the only limit these pages have. A request filter, unlike
    # limiter.exempt, spares them Flask-Limiter's resolving of limits too.
    limiter.request_filter(lambda: request.blueprint == blueprint.name)


def unknown_link() -> NoReturn:
    """Page not found, for a link that matched nothing: it counts."""
    g.unknown_link = True
    abort(404)


def _refuse_a_paused_address() -> None:
    if not limiter.enabled:
        return
    item, key = _counter()
    if not limiter.limiter.test(item, SCOPE, key):
        reset_at = limiter.limiter.get_window_stats(item, SCOPE, key).reset_time
        raise Paused(minutes_to_wait(reset_at, item.get_expiry()))


def _count_an_unknown_link(response: Response) -> Response:
    if g.get("unknown_link") and limiter.enabled:
        item, key = _counter()
        limiter.limiter.hit(item, SCOPE, key)
    return response


def _counter() -> tuple[RateLimitItem, str]:
    setting = current_app.config.get("UNKNOWN_LINK_ATTEMPTS", UNKNOWN_LINKS_PER_ADDRESS)
    return _parsed(setting), get_remote_address()


@functools.lru_cache(maxsize=8)
def _parsed(setting: str) -> RateLimitItem:
    return parse(setting)
