"""Settings, read from the environment with safe defaults.

APP_ENV is "production" unless told otherwise, so a forgotten setting fails
closed: production refuses to start without a strong SECRET_KEY.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = ("production", "development", "testing")
MIN_SECRET_KEY_LENGTH = 32
# A random key of 32 characters or more has far more distinct characters than this.
MIN_SECRET_KEY_VARIETY = 10
# Words and runs found in placeholder, example and test keys (the ones in this
# repository included), never in a key from secrets.token_hex or token_urlsafe
# in practice.
WEAK_SECRET_KEY_PARTS = (
    "secret",
    "change",
    "example",
    "password",
    "default",
    "insecure",
    "0123456789",
    "abcdef",
    "qwerty",
)
DEFAULT_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 36_500  # a hundred years: longer means keep them
MAKE_A_KEY = "python -c 'import secrets; print(secrets.token_hex(32))'"


class ConfigError(RuntimeError):
    """A setting is missing or unsafe; the message says which and what to do."""


class SecretKeyError(ConfigError):
    """SECRET_KEY is missing or unsafe: what signs sessions, not what reads the bank."""


def settings_from_environment(
    instance_path: str, environ: dict[str, str] | None = None
) -> dict[str, Any]:
    env = dict(os.environ if environ is None else environ)
    app_env = env.get("APP_ENV", "production")
    if app_env not in ENVIRONMENTS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}, not {app_env!r}")
    default_db = f"sqlite:///{Path(instance_path) / 'assessment.db'}"
    return {
        "APP_ENV": app_env,
        "SECRET_KEY": env.get("SECRET_KEY", ""),
        "SQLALCHEMY_DATABASE_URI": env.get("DATABASE_URL") or default_db,
        "BASE_URL": env.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "QUESTION_BANK_PATH": env.get("QUESTION_BANK_PATH", str(PROJECT_ROOT / "questions")),
        # Officers are often interrupted: a session lasts a working day and more
        # of inactivity, and each request extends it (re-signed at most once a minute:
        # web/sessions.py).
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=int(env.get("SESSION_HOURS", "12"))),
        "SESSION_REFRESH_EACH_REQUEST": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Only development is served over plain HTTP (make run, on 127.0.0.1).
        "SESSION_COOKIE_SECURE": app_env != "development",
        # Set to the number of reverse proxies in front (1 behind one load balancer)
        # so X-Forwarded-For and -Proto are believed: HTTPS is then recognised for
        # HSTS, and rate limits count each person's address, not the proxy's.
        "TRUST_PROXY": _whole_number(env, "TRUST_PROXY", "0"),
        # A CSRF token lasts as long as the session that holds it; a separate
        # one-hour expiry would throw away the answers of anyone who paused.
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        # Leaders are signed out after this much inactivity, warned two minutes before.
        "LEADER_IDLE_MINUTES": int(env.get("LEADER_IDLE_MINUTES", "30")),
        "TIMEOUT_WARNING_SECONDS": int(env.get("TIMEOUT_WARNING_SECONDS", "120")),
        # However busy, a leader signs in again this long after signing in.
        "SIGNED_IN_HOURS": _whole_number(env, "SIGNED_IN_HOURS", "12"),
        # Administrators always sign in with an authenticator app; leaders too when true.
        "REQUIRE_MFA": _yes_or_no(env, "REQUIRE_MFA", "false"),
        "SIGN_IN_ATTEMPTS": env.get("SIGN_IN_ATTEMPTS", "10 per 15 minutes"),
        # Counters shared by every worker when Redis is there; in memory otherwise.
        "RATELIMIT_STORAGE_URI": env.get("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        # Languages offered, first the default; each but English needs its catalogue
        # in translations/ (README, "Translating").
        "LANGUAGES": _languages(env.get("LANGUAGES", "en")),
        "BABEL_DEFAULT_LOCALE": _languages(env.get("LANGUAGES", "en"))[0],
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        # Unsubmitted answers are deleted this many days after they last changed (the
        # purge command's default); the privacy notice tells officers the same number.
        "RETENTION_DAYS": _retention_days(env),
        "REPORT_CACHE_DIR": env.get("REPORT_CACHE_DIR", str(Path(instance_path) / "report-cache")),
        # With Redis, reports are prepared by `flask --app assessment worker` processes (RQ);
        # without, by a thread in each web process (services/report_jobs.py).
        "REDIS_URL": env.get("REDIS_URL") or None,
        # The RQ queue, and the prefix of its job ids: two deployments on one Redis differ.
        "REPORT_QUEUE": env.get("REPORT_QUEUE", "reports"),
        # A report job still unfinished this many seconds after it was asked for has failed.
        "REPORT_DEADLINE": _whole_number(env, "REPORT_DEADLINE", "300"),
    }


def check_settings(config: dict[str, Any]) -> None:
    if not config["SECRET_KEY"]:
        raise SecretKeyError(
            f"SECRET_KEY is not set: set it to a random value of at least "
            f"{MIN_SECRET_KEY_LENGTH} characters, e.g. export SECRET_KEY=$({MAKE_A_KEY}) "
            "(make run generates one for local use)"
        )
    if config["APP_ENV"] == "production":
        problem = secret_key_problem(config["SECRET_KEY"])
        if problem:
            raise SecretKeyError(f"SECRET_KEY {problem} in production; make one with: {MAKE_A_KEY}")


def secret_key_problem(key: str) -> str | None:
    """What makes the key unfit for production, or None. Never repeats the key."""
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"must be a random value of at least {MIN_SECRET_KEY_LENGTH} characters"
    if len(set(key)) < MIN_SECRET_KEY_VARIETY:
        return "is too repetitive to be random"
    if any(part in key.lower() for part in WEAK_SECRET_KEY_PARTS):
        return "looks like a placeholder or example key, not a random one"
    return None


def _whole_number(env: dict[str, str], name: str, default: str) -> int:
    value = env.get(name, default)
    if not value.isdigit():
        raise ConfigError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _retention_days(env: dict[str, str]) -> int:
    days = _whole_number(env, "RETENTION_DAYS", str(DEFAULT_RETENTION_DAYS))
    if not 1 <= days <= MAX_RETENTION_DAYS:
        raise ConfigError(f"RETENTION_DAYS must be from 1 to {MAX_RETENTION_DAYS}, not {days}")
    return days


def _yes_or_no(env: dict[str, str], name: str, default: str) -> bool:
    value = env.get(name, default).strip().lower()
    if value not in ("true", "false"):
        raise ConfigError(f"{name} must be true or false, not {value!r}")
    return value == "true"


def _languages(value: str) -> list[str]:
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes or not all(re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", code) for code in codes):
        raise ConfigError(f"LANGUAGES must be language codes separated by commas, not {value!r}")
    return codes
