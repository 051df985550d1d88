"""The demo council's rounds on the real banks, side by side in one database: last
round but one on 2026.1 and last year's on 2027.1. Each keeps its own questions, its
own results and its own PDF (issue 23), so a council that moved to the new bank
still reads its old round as it was answered."""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment import create_app, demo
from assessment.bank import bank_for, shelf
from assessment.framework.actions import STATUS_NAMES
from assessment.services import report
from assessment.storage import assessments, councils, database
from assessment.storage.base import db

from ..conftest import TEST_SECRET_KEY
from ..report_jobs_helper import download_report
from .people import sign_in

REAL_SHELF = Path(__file__).resolve().parents[2] / "questions"
# A question each bank asks that the other does not.
ONLY_IN = {"2026.1": "culture.openness_to_change", "2027.1": "culture.new_ways_stick"}


@pytest.fixture
def demo_site(app, clean_database, tmp_path, monkeypatch):
    """The app on the real shelf, with the demo loaded; the demo's rounds by bank version."""
    made = create_app(
        {
            **{key: app.config[key] for key in ("APP_ENV", "TESTING", "BASE_URL")},
            "SECRET_KEY": TEST_SECRET_KEY,
            "SESSION_COOKIE_SECURE": False,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "QUESTION_BANK_PATH": str(REAL_SHELF),
            "REPORT_CACHE_DIR": str(tmp_path / "reports"),
        }
    )
    made.test_client_class = type(app.test_client())
    # Charts are drawn by a browser elsewhere; here the PDF's words are what matter.
    monkeypatch.setattr(report, "svg_or_none", lambda figure, **size: None)
    with made.app_context():
        demo.load_demo(shelf())
        database.commit()
        council = councils.council_by_slug(demo.COUNCIL_SLUG)
        closed = {a.bank_version: a.id for a in assessments.assessments_for(council) if a.responses}
    yield made, closed
    with made.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


def test_both_real_banks_are_installed_and_the_newest_is_current(demo_site):
    made, closed = demo_site
    assert set(closed) == {"2026.1", "2027.1"}
    with made.app_context():
        assert shelf().current.version == "2027.1"


@pytest.mark.parametrize("version", ["2026.1", "2027.1"])
def test_each_round_shows_and_exports_the_questions_of_its_own_bank(demo_site, version):
    made, closed = demo_site
    other = next(v for v in ONLY_IN if v != version)
    with made.app_context():
        bank, other_bank = bank_for(version), bank_for(other)
    own_question = bank.question(ONLY_IN[version]).text
    other_question = other_bank.question(ONLY_IN[other]).text
    client = made.test_client()
    sign_in(client, demo.LEADER_EMAIL, demo.LEADER_PASSWORD)
    base = f"/assessments/{closed[version]}"

    questions = client.get(f"{base}/results/themes/culture/questions").get_data(as_text=True)
    assert own_question in questions and other_question not in questions

    exported = json.loads(client.get(f"{base}/exports/results.json").get_data(as_text=True))
    assert set(exported["questions"]) == {q.id for q in bank.questions}

    pdf = download_report(client, f"{base}/report.pdf")
    assert pdf.status_code == 200
    pages = PdfReader(io.BytesIO(pdf.data)).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())  # its own line breaks
    assert " ".join(own_question.split()) in text
    assert " ".join(other_question.split()) not in text


def test_the_demos_latest_round_shows_the_change_and_last_rounds_actions(demo_site):
    made, closed = demo_site
    client = made.test_client()
    sign_in(client, demo.LEADER_EMAIL, demo.LEADER_PASSWORD)
    page = client.get(f"/assessments/{closed['2027.1']}/results/change").get_data(as_text=True)
    text = html.unescape(page)
    assert demo.PREVIOUS_TITLE in text
    # Each of last round's actions, with where it got to, on the page about what changed.
    for title, _theme, _owner, _due, _measure, status in demo.PREVIOUS_ACTIONS:
        assert f"{title}: {STATUS_NAMES[status]}" in text


def test_officers_following_the_previous_rounds_link_read_what_the_council_is_doing(demo_site):
    made, closed = demo_site
    with made.app_context():
        token = assessments.assessment_by_id(closed["2026.1"]).invitation_token
    page = html.unescape(made.test_client().get(f"/s/{token}").get_data(as_text=True))
    for title, *_ in demo.PREVIOUS_ACTIONS:
        assert title in page
    assert "Housing" not in page and "Frontline" not in page  # no group, ever
