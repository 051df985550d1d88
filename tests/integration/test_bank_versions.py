"""A council answers last year's round on bank t1 and this year's on bank t2, in one
database: each round keeps its own questions, scores, downloads and PDF, forever.

The shelf is tests/fixtures/questions/shelf: t2 drops culture.change (weight 2),
adds culture.pilots and retitles the culture theme "Culture and ways of working".
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from pypdf import PdfReader

from assessment import create_app
from assessment.bank import bank_for, bank_of, current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.services import bank_versions, closing
from assessment.storage import accounts, assessments, councils, database, imports
from assessment.storage.base import db

from ..conftest import FIXTURES, TEST_SECRET_KEY
from ..report_jobs_helper import download_report
from .officer import Officer, stored_answers
from .people import PASSWORD, post_with_token, sign_in

SHELF = FIXTURES / "questions" / "shelf"
LEADER = "lead@rounds.example"
ROLES = [("leadership", "housing"), ("frontline", "housing"), ("manager", "other")]
# Everyone gives the same answers, so each round's culture score is known by hand:
# t1 weighs culture.change twice, (2 + 2 x 5) / 3 = 4.0; t2 has culture.pilots,
# (2 + 4) / 2 = 3.0. Scored with the other round's bank, either would be 2.0.
T1_ANSWERS = {"culture.test_and_learn": 2, "culture.change": 5, "technology.legacy": 3}
T2_ANSWERS = {"culture.test_and_learn": 2, "culture.pilots": 4, "technology.legacy": 3}


@pytest.fixture
def shelf_app(app, clean_database, tmp_path):
    """The app with two bank versions installed, on the suite's database."""
    made = create_app(
        {
            **{key: app.config[key] for key in ("APP_ENV", "TESTING", "BASE_URL")},
            "SECRET_KEY": TEST_SECRET_KEY,
            "SESSION_COOKIE_SECURE": False,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "QUESTION_BANK_PATH": str(SHELF),
            "REPORT_CACHE_DIR": str(tmp_path / "reports"),
        }
    )
    made.test_client_class = type(app.test_client())
    yield made
    with made.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture
def rounds(shelf_app) -> dict[str, int]:
    """Last year's round on t1 and this year's on t2, both answered and closed: their ids."""
    made = {}
    with shelf_app.app_context():
        council = councils.create_council("roundshire", "Roundshire Council")
        accounts.create_user(LEADER, _hash(PASSWORD), "leader", council)
        for version, answers in (("t1", T1_ANSWERS), ("t2", T2_ANSWERS)):
            assessment = bank_versions.new_assessment(
                council, f"Round {version}", 3, bank_for(version)
            )
            rows = [
                ImportedResponse(n, f"r{n}", role, area, answers)
                for n, (role, area) in enumerate(ROLES, start=2)
            ]
            imports.import_responses(assessment, rows, bank_of(assessment))
            closing.close(assessment, bank_of(assessment))
            made[version] = assessment.id
        database.commit()
    return made


def _hash(password: str) -> str:
    from werkzeug.security import generate_password_hash

    return generate_password_hash(password)


def _open_round(shelf_app, version: str) -> str:
    """An open assessment on `version`, with no answers yet: its invitation token."""
    with shelf_app.app_context():
        council = councils.council_by_slug("roundshire") or councils.create_council(
            "roundshire", "Roundshire Council"
        )
        made = bank_versions.new_assessment(council, f"Open {version}", 3, bank_for(version))
        database.commit()
        return made.invitation_token


def _pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(page.extract_text() for page in pages).replace("\x00", "")


def test_new_assessments_are_made_with_the_newest_bank(shelf_app, clean_database):
    with shelf_app.app_context():
        assert current_bank().version == "t2"
    client = shelf_app.test_client()
    with shelf_app.app_context():
        council = councils.create_council("newshire", "Newshire Council")
        accounts.create_user(LEADER, _hash(PASSWORD), "leader", council)
        database.commit()
    sign_in(client, LEADER)
    created = post_with_token(
        client,
        "/assessments/new",
        "/assessments/new",
        {"title": "Spring", "anonymity_threshold": "5"},
    )
    assert created.status_code == 302, created.get_data(as_text=True)
    with shelf_app.app_context():
        [made] = assessments.assessments_for(councils.council_by_slug("newshire"))
        assert made.bank_version == "t2"


@pytest.mark.parametrize(
    ("version", "asked", "not_asked", "title"),
    [
        ("t1", "How do teams respond to change?", "small pilot", "Culture"),
        ("t2", "small pilot", "How do teams respond to change?", "Culture and ways of working"),
    ],
)
def test_an_officer_answers_the_questions_of_the_bank_their_round_was_made_with(
    shelf_app, clean_database, version, asked, not_asked, title
):
    invitation = _open_round(shelf_app, version)
    officer = Officer(shelf_app.test_client(), invitation)
    officer.say_about_me()
    tasks = officer.get(f"{officer.base}/tasks").get_data(as_text=True)
    assert f">{title}<" in tasks or f"{title}\n" in tasks
    page = officer.get(f"{officer.base}/themes/culture")
    assert page.status_code == 200
    shown = page.get_data(as_text=True)
    assert asked in shown and not_asked not in shown
    assert title in shown

    culture = bank_for_app(shelf_app, version).theme("culture")
    saved = officer.answer("culture", {qid: "4" for qid in culture.question_ids})
    assert saved.status_code == 302
    officer.answer("technology", {"technology.legacy": "2"})
    check = officer.get(f"{officer.base}/check").get_data(as_text=True)
    assert asked in check and not_asked not in check
    done = officer.submit_as_it_is()
    assert done.status_code == 302 and done.headers["Location"].endswith("/done")
    [response] = stored_answers(shelf_app, invitation)
    assert response["submitted"]
    assert set(response["answers"]) == {*culture.question_ids, "technology.legacy"}


def bank_for_app(shelf_app, version: str):
    with shelf_app.app_context():
        return bank_for(version)


def test_each_round_is_scored_and_downloaded_with_its_own_bank(shelf_app, rounds):
    client = shelf_app.test_client()
    sign_in(client, LEADER)
    for version, culture_score in (("t1", 4.0), ("t2", 3.0)):
        base = f"/assessments/{rounds[version]}"
        document = json.loads(client.get(f"{base}/exports/results.json").get_data(as_text=True))
        culture = next(theme for theme in document["themes"] if theme["id"] == "culture")
        assert culture["score"] == pytest.approx(culture_score)
        assert culture["respondents"] == 3
        download = client.get(f"{base}/exports/results.csv").get_data(as_text=True)
        rows = csv.DictReader(io.StringIO(download.lstrip("\ufeff")))
        [council] = [r for r in rows if r["group_type"] == "council" and r["theme"] == "culture"]
        assert council["score"] == f"{culture_score:.1f}"


def test_each_rounds_pages_and_pdf_show_its_own_theme_and_questions(shelf_app, rounds):
    client = shelf_app.test_client()
    sign_in(client, LEADER)
    t1 = client.get(f"/assessments/{rounds['t1']}/results/themes/culture").get_data(as_text=True)
    t2 = client.get(f"/assessments/{rounds['t2']}/results/themes/culture").get_data(as_text=True)
    assert "How do teams respond to change?" in t1 and "small pilot" not in t1
    assert "small pilot" in t2 and "How do teams respond to change?" not in t2
    assert "Culture and ways of working" in t2 and "Culture and ways of working" not in t1

    t1_pdf = _pdf_text(download_report(client, f"/assessments/{rounds['t1']}/report.pdf").data)
    t2_pdf = _pdf_text(download_report(client, f"/assessments/{rounds['t2']}/report.pdf").data)
    assert "Culture and ways of working" in t2_pdf
    assert "Culture and ways of working" not in t1_pdf
    assert "Version t1" in t1_pdf and "Version t2" in t2_pdf


def test_the_operators_results_score_each_round_with_its_own_bank(shelf_app, rounds):
    runner = shelf_app.test_cli_runner()
    for version, culture_score in (("t1", 4.0), ("t2", 3.0)):
        result = runner.invoke(args=["results", "--assessment", str(rounds[version])])
        assert result.exit_code == 0, result.output
        themes = {theme["id"]: theme for theme in json.loads(result.output)["themes"]}
        assert themes["culture"]["score"] == pytest.approx(culture_score)


@pytest.fixture
def lost_round(shelf_app, clean_database) -> tuple[int, str]:
    """A closed round and an open one made with bank 2025.9, which is not installed."""
    made = []
    with shelf_app.app_context():
        council = councils.create_council("lostshire", "Lostshire Council")
        accounts.create_user("lead@lost.example", _hash(PASSWORD), "leader", council)
        for status in ("closed", "open"):
            assessment = assessments.create_assessment(council, f"Old {status}", 3, "2025.9")
            assessments.set_status(assessment, status)
            made.append(assessment)
        database.commit()
        return made[0].id, made[1].invitation_token


def test_a_leader_is_told_the_rounds_bank_is_not_installed_never_a_500(shelf_app, lost_round):
    closed_id, _ = lost_round
    client = shelf_app.test_client()
    sign_in(client, "lead@lost.example")
    for page in ("results", "results/themes/culture", "exports/results.csv", "report.pdf"):
        response = client.get(f"/assessments/{closed_id}/{page}")
        assert response.status_code == 503, page
        text = response.get_data(as_text=True)
        assert "question bank 2025.9" in text
        assert "Ask your administrator to install it" in text
    assert client.get(f"/assessments/{closed_id}").status_code == 200  # what it is, still


def test_an_officer_is_told_the_questionnaire_is_not_available(shelf_app, lost_round):
    _, invitation = lost_round
    officer = Officer(shelf_app.test_client(), invitation)
    for path in ("", "/about-you", "/themes/culture"):
        response = officer.get(f"{officer.base}{path}")
        assert response.status_code == 503, path
        assert "Tell the person who sent you the link" in officer.last_page
    refused = officer.post(f"{officer.base}/themes/culture", {"culture.change": "3"}, token=None)
    assert refused.status_code == 503


def test_the_command_line_says_in_one_line_which_bank_is_missing(shelf_app, lost_round):
    from ..cli.conftest import assert_one_line_error

    closed_id, _ = lost_round
    runner = shelf_app.test_cli_runner(mix_stderr=False) if _mixes() else None
    runner = runner or shelf_app.test_cli_runner()
    for args in (
        ["results", "--assessment", str(closed_id)],
        ["assessments", "close", str(closed_id)],
        ["councils", "export", "lostshire", "--output", "/dev/null"],
    ):
        result = runner.invoke(args=args)
        assert_one_line_error(result, "question bank 2025.9", "does not have")


def _mixes() -> bool:
    import inspect

    from click.testing import CliRunner

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters
