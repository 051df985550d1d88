"""Extensions, created unbound here and bound to the app in create_app.

The database handle lives in storage (the only layer that runs queries).
"""

import math
import time

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_wtf import CSRFProtect

migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
# Limits are declared where they apply (sign-in, resume codes); none by default.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
_LIMITS_FOR_EVERY_ROUTE = ("RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION", "RATELIMIT_META")


def init_limiter(app: Flask) -> None:
    limiter.init_app(app)
    # Before every request Flask-Limiter checks the limits that apply to every route.
    # There are none here: each limited route checks its own as it is called (the
    # decorator does that), and the after-request hook still counts what they count.
    # Resolving nothing was 3% of an officer's page, so the check goes while none are set.
    if not any(app.config.get(name) for name in _LIMITS_FOR_EVERY_ROUTE):
        app.before_request_funcs[None].remove(limiter._check_request_limit)


def minutes_to_wait(reset_at: float, window_seconds: int) -> int:
    """Whole minutes until a limit lets someone try again, as we tell them: never more
    than the window (limits rounds its reset a second up, which made "16 minutes" of a
    15-minute window) and never less than one."""
    seconds = min(reset_at - time.time(), window_seconds)
    return max(1, math.ceil(seconds / 60))
