"""Production refuses to start with a secret key someone could guess, and its session
cookie only travels over HTTPS."""

from __future__ import annotations

import secrets

import pytest

from assessment import create_app
from assessment.config import ConfigError, check_settings, settings_from_environment
from assessment.storage.database import engine_url

from ..conftest import TEST_SECRET_KEY

# Keys that appear in this repository (tests, end-to-end tests, benchmarks) or that
# people paste from examples: each is long enough, and each must still be refused.
GUESSABLE_KEYS = {
    "the test suite's": TEST_SECRET_KEY,
    "the end-to-end tests'": "e2e-secret-key-0123456789abcdef-0123456789",
    "the benchmarks'": "benchmark-secret-key-0123456789abcdef",
    "a placeholder": "change-me-to-something-long-and-random-please",
    "an example": "my-example-key-for-the-council-tool-2026-06",
    "a password": "Password1Password2Password3Password4",
    "one character": "a" * 64,
    "nine characters repeated": "kq7Zp2xW9" * 5,
}


def _production(key: str, **settings) -> dict:
    return {"APP_ENV": "production", "SECRET_KEY": key, **settings}


@pytest.mark.parametrize("key", GUESSABLE_KEYS.values(), ids=GUESSABLE_KEYS.keys())
def test_production_refuses_a_guessable_secret_key(key):
    with pytest.raises(ConfigError) as refused:
        check_settings(_production(key))
    message = str(refused.value)
    assert "SECRET_KEY" in message and "secrets.token_hex(32)" in message
    assert key not in message  # the refusal never repeats the key into a log
    assert "\n" not in message


@pytest.mark.parametrize("key", ["", "short", "x7Gk2Q9pLm4Rt8Vw1Zc6Yb3Nd5Hf0Js"[:31]])
def test_production_refuses_a_missing_or_short_secret_key(key):
    with pytest.raises(ConfigError, match="at least 32 characters"):
        check_settings(_production(key))


@pytest.mark.parametrize(
    "key",
    [secrets.token_hex(32), secrets.token_urlsafe(32), secrets.token_hex(16)],
    ids=["token_hex(32)", "token_urlsafe(32)", "token_hex(16), 32 characters"],
)
def test_production_accepts_a_random_secret_key(key):
    check_settings(_production(key))


def test_the_app_itself_refuses_to_start_in_production_with_the_test_key(tmp_path):
    with pytest.raises(ConfigError):
        create_app(
            {
                "APP_ENV": "production",
                "SECRET_KEY": TEST_SECRET_KEY,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}",
            }
        )


@pytest.mark.parametrize("env", ["development", "testing"])
def test_development_and_testing_take_any_key_but_not_none(env):
    check_settings({"APP_ENV": env, "SECRET_KEY": "dev"})
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        check_settings({"APP_ENV": env, "SECRET_KEY": ""})


@pytest.mark.parametrize(
    ("env", "secure"),
    [("production", True), ("testing", True), ("development", False)],
)
def test_the_session_cookie_is_secure_everywhere_but_development(tmp_path, env, secure):
    settings = settings_from_environment(str(tmp_path), {"APP_ENV": env})
    assert settings["SESSION_COOKIE_SECURE"] is secure
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_an_unset_app_env_means_production(tmp_path):
    settings = settings_from_environment(str(tmp_path), {})
    assert settings["APP_ENV"] == "production"
    assert settings["SESSION_COOKIE_SECURE"] is True


def test_forwarded_headers_are_ignored_unless_a_proxy_is_declared(tmp_path):
    assert settings_from_environment(str(tmp_path), {})["TRUST_PROXY"] == 0
    declared = settings_from_environment(str(tmp_path), {"TRUST_PROXY": "1"})
    assert declared["TRUST_PROXY"] == 1
    with pytest.raises(ConfigError, match="TRUST_PROXY must be a whole number"):
        settings_from_environment(str(tmp_path), {"TRUST_PROXY": "yes"})


def test_languages_are_read_in_order_with_the_default_first(tmp_path):
    settings = settings_from_environment(str(tmp_path), {"LANGUAGES": "cy, en"})
    assert settings["LANGUAGES"] == ["cy", "en"]
    assert settings["BABEL_DEFAULT_LOCALE"] == "cy"
    assert settings_from_environment(str(tmp_path), {})["LANGUAGES"] == ["en"]


@pytest.mark.parametrize("value", ["", "welsh", "en;cy", "EN"])
def test_languages_must_be_language_codes(tmp_path, value):
    with pytest.raises(ConfigError, match="LANGUAGES must be language codes"):
        settings_from_environment(str(tmp_path), {"LANGUAGES": value})


def test_unsubmitted_answers_are_kept_ninety_days_unless_told_otherwise(tmp_path):
    assert settings_from_environment(str(tmp_path), {})["RETENTION_DAYS"] == 90
    chosen = settings_from_environment(str(tmp_path), {"RETENTION_DAYS": "30"})
    assert chosen["RETENTION_DAYS"] == 30


@pytest.mark.parametrize("days", ["0", "-5", "thirty", "36501"])
def test_a_retention_that_is_not_a_number_of_days_is_refused_in_one_line(tmp_path, days):
    with pytest.raises(ConfigError) as refused:
        settings_from_environment(str(tmp_path), {"RETENTION_DAYS": days})
    assert "RETENTION_DAYS" in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize("given", ["postgres://u@db/council", "postgresql://u@db/council"])
def test_a_hosting_platforms_postgresql_url_is_given_the_driver_we_install(given):
    assert engine_url(given) == "postgresql+psycopg://u@db/council"


def test_a_sqlite_url_is_used_as_given():
    assert engine_url("sqlite:///instance/assessment.db") == "sqlite:///instance/assessment.db"
