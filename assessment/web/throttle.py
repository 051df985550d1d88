"""Every count of attempts, and every pause it leads to, in one place.

Each is made so that nobody can use it to keep someone else out:

- Unknown invitation and resume links, per address: past 20 in a minute, a
  further unknown link is answered "too many attempts" instead of "page not
  found". A link that matches is never counted and never refused, so a
  scanner sharing an address with officers (a council office behind one
  address) cannot stop them.
- Wrong resume codes, per address only: the first few are free, then each
  wait is twice the last, up to 15 minutes. Nothing counts per assessment, so
  a right code from another address is never refused.
- Failed sign-ins, per address: SIGN_IN_ATTEMPTS (10 in 15 minutes).
- Failed sign-ins, per account: a growing wait of at most five minutes, never
  a lock-out: once the wait is over, the owner's right password is let in (and
  clears the account's count). Attempts made during a wait are refused without
  being checked or counted, so they cannot make it longer.
- Limits an installation sets for every page (RATELIMIT_DEFAULT,
  RATELIMIT_APPLICATION, RATELIMIT_META) are Flask-Limiter's, used through its
  public API. Without them Flask-Limiter is not installed at all, so officers'
  pages pay nothing for limits they do not have.

The counts are kept in the `limits` library's storage (Redis when REDIS_URL is
set, so every worker shares them; memory otherwise). Every refusal is `Paused`,
which carries how long to wait as Retry-After (web/errors.py).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import NoReturn

from flask import Blueprint, Flask, abort, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

UNKNOWN_LINKS_PER_ADDRESS = "20 per minute"
SIGN_INS_PER_ADDRESS = "10 per 15 minutes"
LIMITS_FOR_EVERY_PAGE = ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META")
_EXTENSION = "throttle"
_never_limited: set[str] = set()  # blueprint names


@dataclass(frozen=True)
class GrowingDelay:
    """After `free` failures, a wait of `first` seconds, doubled by each further
    failure up to `longest`; the count starts again `forget` seconds after its first."""

    name: str
    free: int
    first: int
    longest: int
    forget: int

    def seconds_after(self, failures: int) -> int:
        if failures <= self.free:
            return 0
        doublings = min(failures - self.free - 1, 30)
        return min(self.longest, self.first * 2**doublings)


DAY = 24 * 60 * 60
# A code is 8 characters from 29: a few hundred tries a day from an address is nothing.
RESUME_CODES = GrowingDelay("resume-code", free=5, first=1, longest=15 * 60, forget=DAY)
# Short enough that an attacker can keep an owner waiting minutes, never hours.
ACCOUNT_SIGN_INS = GrowingDelay("sign-in-account", free=5, first=1, longest=5 * 60, forget=DAY)


class Paused(TooManyRequests):
    """Too many attempts: wait `seconds` (whole, at least one) before the next."""

    def __init__(self, seconds: float) -> None:
        self.seconds = max(1, math.ceil(seconds))
        super().__init__(retry_after=self.seconds)


@dataclass(frozen=True)
class _Counts:
    storage: Storage
    windows: MovingWindowRateLimiter
    every_page: Limiter | None


def init_app(app: Flask) -> None:
    storage = storage_from_string(app.config.get("RATELIMIT_STORAGE_URI", "memory://"))
    every_page = None
    if any(app.config.get(name) for name in LIMITS_FOR_EVERY_PAGE):
        # One Limiter an app, so one app's limits never reach another's.
        every_page = Limiter(get_remote_address)
        every_page.request_filter(lambda: request.blueprint in _never_limited)
        every_page.init_app(app)
    app.extensions[_EXTENSION] = _Counts(storage, MovingWindowRateLimiter(storage), every_page)


def never_limit(blueprint: Blueprint) -> None:
    """Spare a blueprint's pages the limits an installation sets for every page."""
    _never_limited.add(blueprint.name)


def forget_everything(app: Flask) -> None:
    """Clear every count (tests start from none; an operator may want the same)."""
    counts: _Counts = app.extensions[_EXTENSION]
    counts.storage.reset()
    if counts.every_page is not None:
        counts.every_page.reset()


def seconds_until_every_page_limit_resets() -> int | None:
    """For a 429 from a limit set for every page: how long until it lets requests in."""
    every_page = _counts().every_page
    limit = every_page.current_limit if every_page is not None else None
    if limit is None:
        return None
    return seconds_until(limit.reset_at, limit.limit.get_expiry())


# Unknown links


def unknown_link() -> NoReturn:
    """Page not found, for a link that matched nothing; past the limit, a pause."""
    if _enabled():
        item = parse(_setting("UNKNOWN_LINK_ATTEMPTS", UNKNOWN_LINKS_PER_ADDRESS))
        key = _address()
        _refuse_when_full(item, "unknown-link", key)
        _counts().windows.hit(item, "unknown-link", key)
    abort(404)


# Resume codes


def before_resume_code() -> None:
    """Raise Paused while this address must wait before trying another code."""
    if _enabled():
        _refuse_while_waiting(RESUME_CODES, _address())


def wrong_resume_code() -> None:
    if _enabled():
        _wait_longer(RESUME_CODES, _address())


# Sign-in


def before_sign_in(email: str) -> None:
    """Raise Paused while this address or this account must wait."""
    if not _enabled():
        return
    _refuse_when_full(_sign_ins_per_address(), "sign-in-address", _address())
    _refuse_while_waiting(ACCOUNT_SIGN_INS, _account(email))


def failed_sign_in(email: str) -> None:
    if not _enabled():
        return
    _counts().windows.hit(_sign_ins_per_address(), "sign-in-address", _address())
    _wait_longer(ACCOUNT_SIGN_INS, _account(email))


def signed_in(email: str) -> None:
    """The owner got in: the account's failures are forgiven (the address's are not,
    or a guesser with an account of their own could clear them)."""
    if _enabled():
        for part in ("failures", "wait"):
            _counts().storage.clear(_key(ACCOUNT_SIGN_INS, part, _account(email)))


# The counting itself


def _refuse_when_full(item: RateLimitItem, scope: str, key: str) -> None:
    windows = _counts().windows
    if not windows.test(item, scope, key):
        reset_at = windows.get_window_stats(item, scope, key).reset_time
        raise Paused(seconds_until(reset_at, item.get_expiry()))


def _refuse_while_waiting(delay: GrowingDelay, who: str) -> None:
    storage, waiting = _counts().storage, _key(delay, "wait", who)
    if storage.get(waiting):
        raise Paused(seconds_until(storage.get_expiry(waiting), delay.longest))


def _wait_longer(delay: GrowingDelay, who: str) -> None:
    storage = _counts().storage
    failures = storage.incr(_key(delay, "failures", who), delay.forget)
    seconds = delay.seconds_after(failures)
    if seconds:
        # Made afresh each time: attempts are refused, uncounted, while it stands.
        storage.incr(_key(delay, "wait", who), seconds)


def seconds_until(reset_at: float, longest: int) -> int:
    """Whole seconds until `reset_at`, at least one and never more than `longest`."""
    # limits rounds a reset a second up: never say more than the window itself.
    return max(1, math.ceil(min(reset_at - time.time(), longest)))


def _key(delay: GrowingDelay, part: str, who: str) -> str:
    return f"{delay.name}/{part}/{who}"


def _account(email: str) -> str:
    return (email or "").strip().lower()[:254]


def _address() -> str:
    return get_remote_address()


def _sign_ins_per_address() -> RateLimitItem:
    return parse(_setting("SIGN_IN_ATTEMPTS", SIGN_INS_PER_ADDRESS))


def _setting(name: str, default: str) -> str:
    return current_app.config.get(name) or default


def _enabled() -> bool:
    return current_app.config.get("RATELIMIT_ENABLED", True)


def _counts() -> _Counts:
    return current_app.extensions[_EXTENSION]
