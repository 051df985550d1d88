"""A council's officers are told how long the questionnaire takes, and the figure is the
one `questions check` measures from the bank they will answer, not a promise."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment import create_app
from assessment.framework.loader import load_shelf
from assessment.framework.reading_time import READING_LIMIT_MINUTES, whole_minutes

from ..conftest import TEST_SECRET_KEY
from ..page_checks import CheckedClient

REAL_SHELF = Path(__file__).resolve().parents[2] / "questions"


@pytest.fixture
def site_on_the_real_bank(tmp_path):
    app = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SECRET_KEY": TEST_SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'real.db'}",
            "QUESTION_BANK_PATH": str(REAL_SHELF),
        }
    )
    app.test_client_class = CheckedClient
    return app.test_client()


def test_the_home_page_states_the_current_banks_reading_time_in_whole_minutes(
    site_on_the_real_bank,
):
    minutes = whole_minutes(load_shelf(REAL_SHELF).current)
    assert 10 <= minutes <= READING_LIMIT_MINUTES
    home = site_on_the_real_bank.get("/").get_data(as_text=True)
    assert f"The questionnaire takes about {minutes} minutes to read and answer." in home
    assert "20 minutes" not in home
