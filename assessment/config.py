"""Settings, read from the environment with safe defaults.

APP_ENV is "production" unless told otherwise, so a forgotten setting fails
closed: production refuses to start without a SECRET_KEY.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENVIRONMENTS = ("production", "development", "testing")
MIN_SECRET_KEY_LENGTH = 32


class ConfigError(RuntimeError):
    """A setting is missing or unsafe; the message says which and what to do."""


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
        "SQLALCHEMY_DATABASE_URI": _normalise_database_url(env.get("DATABASE_URL") or default_db),
        "BASE_URL": env.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "QUESTION_BANK_PATH": env.get("QUESTION_BANK_PATH", str(PROJECT_ROOT / "questions")),
        # Officers are often interrupted: a session lasts a working day and more
        # of inactivity, and each request extends it.
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=int(env.get("SESSION_HOURS", "12"))),
        "SESSION_REFRESH_EACH_REQUEST": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": app_env == "production",
        # A CSRF token lasts as long as the session that holds it; a separate
        # one-hour expiry would throw away the answers of anyone who paused.
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Leaders are signed out after this much inactivity, warned two minutes before.
        "LEADER_IDLE_MINUTES": int(env.get("LEADER_IDLE_MINUTES", "30")),
        "TIMEOUT_WARNING_SECONDS": int(env.get("TIMEOUT_WARNING_SECONDS", "120")),
        "SIGN_IN_ATTEMPTS": env.get("SIGN_IN_ATTEMPTS", "10 per 15 minutes"),
        # Counters shared by every worker when Redis is there; in memory otherwise.
        "RATELIMIT_STORAGE_URI": env.get("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "REPORT_CACHE_DIR": env.get("REPORT_CACHE_DIR", str(Path(instance_path) / "report-cache")),
    }


def check_settings(config: dict[str, Any]) -> None:
    if config["APP_ENV"] == "production" and len(config["SECRET_KEY"]) < MIN_SECRET_KEY_LENGTH:
        raise ConfigError(
            f"SECRET_KEY must be set to a random value of at least {MIN_SECRET_KEY_LENGTH} "
            "characters in production; make one with: "
            "python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    if not config["SECRET_KEY"]:
        raise ConfigError("SECRET_KEY is not set (make run generates one for local use)")


def _normalise_database_url(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
