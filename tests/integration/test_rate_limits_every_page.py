"""A limit an installation sets for every page (Flask-Limiter's RATELIMIT_DEFAULT or
RATELIMIT_APPLICATION) is enforced, says when to come back, and stays with its app."""

from __future__ import annotations

import pytest

from assessment import create_app


def _app(tmp_path, **settings):
    return create_app(
        {
            "APP_ENV": "testing",
            "SECRET_KEY": "x" * 40,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/limited.db",
            **settings,
        }
    )


@pytest.mark.parametrize("setting", ["RATELIMIT_DEFAULT", "RATELIMIT_APPLICATION"])
def test_a_limit_an_installation_sets_for_every_page_applies_to_every_page(tmp_path, setting):
    client = _app(tmp_path, **{setting: "2 per minute"}).test_client()
    answers = [client.get("/how-scores-work") for _ in range(3)]
    assert [page.status_code for page in answers] == [200, 200, 429]
    refused = answers[-1]
    assert "Too many attempts" in refused.get_data(as_text=True)
    assert 0 < int(refused.headers["Retry-After"]) <= 60


def test_the_health_check_is_never_limited(tmp_path):
    client = _app(tmp_path, RATELIMIT_DEFAULT="2 per minute").test_client()
    assert {client.get("/healthz").status_code for _ in range(5)} == {200}


def test_one_apps_limit_is_not_another_apps(tmp_path):
    limited = _app(tmp_path, RATELIMIT_DEFAULT="1 per minute").test_client()
    assert [limited.get("/how-scores-work").status_code for _ in range(2)] == [200, 429]
    free = _app(tmp_path).test_client()
    assert {free.get("/how-scores-work").status_code for _ in range(5)} == {200}
