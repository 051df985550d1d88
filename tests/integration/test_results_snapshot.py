"""Leaders read results made when the assessment closed, never live ones: a leader who
reads every page before and after one officer submits learns nothing, and a theme's
comments appear only where the theme's score does (FRAMEWORK.md, "Anonymity")."""

from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from assessment.bank import current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.storage import assessments, database, imports, responses, results, snapshots
from assessment.storage.base import db
from assessment.storage.models import ResultsSnapshot

from ..report_jobs_helper import download_report
from .officer import Officer
from .people import SIX_LEADERS_AND_FRONTLINE, close, make_council, post_with_token, sign_in

NOT_YET = "Results appear when you close the assessment"
HIDDEN_COMMENT = "Only two of us use the old system and I am one of them"
SHOWN_COMMENT = "We try things in small steps"


def leader_urls(assessment_id: int) -> list[str]:
    """Every page, download and report a leader can read results on."""
    base = f"/assessments/{assessment_id}"
    pages = ["results", "results/radar", "results/themes", "results/perception"]
    pages += ["results/silos", "results/themes/culture", "results/themes/technology"]
    pages += ["results/themes/culture/questions"]
    pages += ["exports", "exports/results.csv", "exports/results.xlsx", "exports/results.json"]
    return [f"{base}/{page}" for page in pages] + [f"{base}/report.pdf"]


def _import(app, assessment_id: int, people, prefix: str = "r") -> None:
    with app.app_context():
        assessment = assessments.assessment_by_id(assessment_id)
        rows = [
            ImportedResponse(n, f"{prefix}{n}", role, area, answers)
            for n, (role, area, answers) in enumerate(people, start=2)
        ]
        imports.import_responses(assessment, rows, current_bank())
        database.commit()


def _as_read(response) -> bytes:
    """What a page says, without what changes on every request (nonces, CSRF tokens)."""
    body = response.data
    body = re.sub(rb'nonce="[^"]+"', b'nonce=""', body)
    body = re.sub(rb'(name="csrf_token"[^>]*value=)"[^"]+"', rb'\1""', body)
    body = re.sub(rb'data-csrf-token="[^"]+"', b'data-csrf-token=""', body)
    return response.status_code, response.headers.get("Content-Type"), body


@pytest.fixture
def six_answered(app, clean_database):
    council = make_council(app, "snapshire", "lead@snap.example")
    _import(app, council.assessment_id, SIX_LEADERS_AND_FRONTLINE)
    return council


def test_while_open_every_results_page_download_and_the_report_say_when_results_appear(
    client, six_answered
):
    sign_in(client, "lead@snap.example")
    for url in leader_urls(six_answered.assessment_id):
        response = client.get(url)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, url
        assert response.mimetype == "text/html", url  # a page that says why, not a file
        assert NOT_YET in page, url
        assert "data-app-chart" not in page and "Leadership" not in page, url
    overview = client.get(f"/assessments/{six_answered.assessment_id}").get_data(as_text=True)
    assert NOT_YET in overview
    assert "Read the results" not in overview and "Download the results" not in overview


def test_one_officer_submitting_changes_nothing_a_leader_can_read_while_open(
    app, client, six_answered
):
    """The before-and-after attack: with live results, the difference between two
    readings was one officer's every answer, role, service area and comment."""
    sign_in(client, "lead@snap.example")
    urls = leader_urls(six_answered.assessment_id)
    before = {url: _as_read(client.get(url)) for url in urls}

    officer = Officer(app.test_client(), six_answered.invitation)
    officer.say_about_me(role="manager", area="planning")
    officer.answer("culture", {"culture.test_and_learn": "5", "culture.change": "1"}, "Mine")
    officer.answer("technology", {"technology.legacy": "5"})
    assert officer.submit().status_code == 302
    with app.app_context():
        assessment = assessments.assessment_by_id(six_answered.assessment_id)
        assert results.response_counts(assessment) == (7, 7)

    after = {url: _as_read(client.get(url)) for url in urls}
    assert [url for url in urls if after[url] != before[url]] == []


@pytest.fixture
def technology_hidden(app, clean_database):
    """The council is shown (4 people, k = 3), culture is shown, but only two people
    scored technology, and one of them commented on it."""
    council = make_council(app, "hiddenshire", "lead@hidden.example")
    people = [
        ("frontline", "housing", {"culture.test_and_learn": 2, "technology.legacy": 1}),
        ("frontline", "housing", {"culture.test_and_learn": 3, "technology.legacy": 2}),
        ("manager", "housing", {"culture.test_and_learn": 4, "technology.legacy": "dk"}),
        ("manager", "housing", {"culture.test_and_learn": 5, "technology.legacy": "dk"}),
    ]
    _import(app, council.assessment_id, people)
    with app.app_context():
        bank = current_bank()
        first, second = assessments.assessment_by_id(council.assessment_id).responses[:2]
        responses.save_theme(first, bank.theme("technology"), {}, HIDDEN_COMMENT, True)
        responses.save_theme(second, bank.theme("culture"), {}, SHOWN_COMMENT, True)
        database.commit()
    close(app, council.assessment_id)
    return council


def _text(response) -> str:
    if response.mimetype == "application/pdf":
        pages = PdfReader(io.BytesIO(response.data)).pages
        return "\n".join(page.extract_text() for page in pages).replace("\x00", "")
    if response.mimetype.endswith("spreadsheetml.sheet"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.data))
        return "\n".join(
            str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
        )
    return response.get_data(as_text=True)


def test_a_comment_on_a_theme_whose_score_is_hidden_appears_nowhere(app, client, technology_hidden):
    sign_in(client, "lead@hidden.example")
    assessment_id = technology_hidden.assessment_id
    read = {url: _text(download_report(client, url)) for url in leader_urls(assessment_id)}
    assert [url for url, text in read.items() if "old system" in text] == []

    culture = read[f"/assessments/{assessment_id}/results/themes/culture"]
    assert SHOWN_COMMENT in culture  # the shown theme keeps its comments
    technology = read[f"/assessments/{assessment_id}/results/themes/technology"]
    assert "Comments are shown only where the theme" in technology
    with app.app_context():
        kept = snapshots.stored(assessments.assessment_by_id(assessment_id))
    assert set(kept.comments) == {"culture"} and set(kept.distributions) == {"culture"}


def _overview(client, assessment_id: int) -> str:
    return client.get(f"/assessments/{assessment_id}/results").get_data(as_text=True)


def _change_status(client, assessment_id: int, action: str):
    page = f"/assessments/{assessment_id}"
    response = post_with_token(client, page, f"{page}/{action}", {})
    assert response.status_code == 302
    return client.get(page).get_data(as_text=True)


MORE = [("frontline", "other", {"culture.test_and_learn": 1, "technology.legacy": 1})]


def test_closing_again_replaces_the_results_only_when_k_more_people_have_answered(
    app, client, six_answered
):
    sign_in(client, "lead@snap.example")
    assessment_id = six_answered.assessment_id
    closed = _change_status(client, assessment_id, "close")
    assert "the results are ready" in closed
    assert "from 6 people" in _overview(client, assessment_id)

    _change_status(client, assessment_id, "open")
    assert NOT_YET in _overview(client, assessment_id)
    _import(app, assessment_id, MORE * 2, prefix="second")  # 2 more: fewer than k = 3
    closed = _change_status(client, assessment_id, "close")
    assert "The results have not changed since the assessment was last closed" in closed
    assert "fewer than 3 more people have answered since" in closed
    assert "from 6 people" in _overview(client, assessment_id)

    _change_status(client, assessment_id, "open")
    _import(app, assessment_id, MORE, prefix="third")  # 3 more since the first close
    closed = _change_status(client, assessment_id, "close")
    assert "have not changed" not in closed
    assert "from 9 people" in _overview(client, assessment_id)


def test_the_command_line_close_says_on_stderr_when_the_results_stay(app, six_answered):
    runner = app.test_cli_runner()
    assessment_id = str(six_answered.assessment_id)
    first = runner.invoke(args=["assessments", "close", assessment_id])
    assert first.exit_code == 0 and f"Assessment {assessment_id} is closed" in first.output
    runner.invoke(args=["assessments", "open", assessment_id])
    _import(app, six_answered.assessment_id, MORE, prefix="late")
    again = runner.invoke(args=["assessments", "close", assessment_id])
    assert again.exit_code == 0
    assert again.stderr == (
        "The results leaders see are those of the last close: 1 new submitted responses "
        "since, and 3 are needed to replace them\n"
    )
    with app.app_context():
        kept = snapshots.stored(assessments.assessment_by_id(six_answered.assessment_id))
    assert kept.submitted == 6


def test_an_assessment_closed_before_snapshots_were_kept_gets_one_when_first_read(
    app, client, six_answered
):
    with app.app_context():
        assessments.set_status(assessments.assessment_by_id(six_answered.assessment_id), "closed")
        database.commit()
    sign_in(client, "lead@snap.example")
    assert "from 6 people" in _overview(client, six_answered.assessment_id)
    with app.app_context():
        rows = db.session.execute(sa.select(ResultsSnapshot.submitted)).scalars().all()
    assert rows == [6]


def test_the_results_command_reads_an_open_assessment_live_and_says_so(app, six_answered):
    runner = app.test_cli_runner()
    help_text = " ".join(runner.invoke(args=["results", "--help"]).output.split())
    assert "even while the assessment is open" in help_text
    printed = runner.invoke(args=["results", "--assessment", str(six_answered.assessment_id)])
    assert printed.exit_code == 0 and '"respondents": 6' in printed.output
