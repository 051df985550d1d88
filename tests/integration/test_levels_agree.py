"""A leader sees the same number and the same level for a theme wherever they look.

Twelve officers score Technology 31/12 = 2.583: it is shown as 2.6, so it is
Established on every page, in the CSV, the workbook, the JSON and the PDF,
never Developing because of the hidden decimals. The downloads share one name.
"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from assessment.bank import current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.reports import chart_export
from assessment.storage import assessments, database, imports, results

from ..report_jobs_helper import download_report
from .people import close, make_council, sign_in

LEVELS = [3] * 7 + [2] * 5  # technology: 31/12 = 2.583, shown as 2.6


@pytest.fixture
def leader(app, client, clean_database, tmp_path, monkeypatch):
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "reports")
    # The PDF's tables carry its figures; drawing the charts in a browser adds nothing here.
    broken = chart_export.ChartExporter(chromium="/nonexistent/chromium")
    monkeypatch.setattr(chart_export, "exporter", lambda: broken)
    council = make_council(app, "levelshire", "lead@levels.example")
    with app.app_context():
        assessment = assessments.assessment_by_id(council.assessment_id)
        answers = [
            {"culture.test_and_learn": 3, "culture.change": 3, "technology.legacy": level}
            for level in LEVELS
        ]
        rows = [
            ImportedResponse(n, f"r{n}", "frontline", "housing", a)
            for n, a in enumerate(answers, 2)
        ]
        imports.import_responses(assessment, rows, current_bank())
        database.commit()
    close(app, council.assessment_id)  # results are made at close
    sign_in(client, "lead@levels.example")
    return client, council.assessment_id


def test_a_score_of_2_583_is_shown_as_2_6_and_established_everywhere(leader):
    client, assessment_id = leader
    base = f"/assessments/{assessment_id}"

    page = client.get(f"{base}/results/themes/technology").get_data(as_text=True)
    assert "2.6 out of 5: Established" in page

    document = client.get(f"{base}/exports/results.json").get_json()
    technology = next(t for t in document["themes"] if t["id"] == "technology")
    assert technology["score"] == pytest.approx(31 / 12)  # unrounded in JSON...
    assert technology["level"] == "Established"  # ...with the level of its shown value

    as_csv = client.get(f"{base}/exports/results.csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.get_data(as_text=True).lstrip("\ufeff"))))
    row = next(r for r in rows if r["group_type"] == "council" and r["theme"] == "technology")
    assert (row["score"], row["level"]) == ("2.6", "Established")

    book = load_workbook(io.BytesIO(client.get(f"{base}/exports/results.xlsx").data))
    sheet = book["Results"]
    header = [cell.value for cell in sheet[1]]
    excel = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(2)]
    cell = next(r for r in excel if r["group_type"] == "council" and r["theme"] == "technology")
    assert (cell["score"], cell["level"]) == (2.6, "Established")

    pdf = download_report(client, f"{base}/report.pdf").data
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "2.6, Established" in text.replace("\x00", "")
    assert "2.6, Developing" not in text.replace("\x00", "")


def test_the_csv_says_dont_know_percent_and_names_its_charset_once(leader):
    client, assessment_id = leader
    response = client.get(f"/assessments/{assessment_id}/exports/results.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    header = response.get_data(as_text=True).lstrip("\ufeff").splitlines()[0]
    assert header.split(",")[-4:-2] == ["dont_know_percent", "suppressed"]


def test_csv_excel_json_and_pdf_follow_one_name_pattern_with_the_results_date(app, leader):
    client, assessment_id = leader
    with app.app_context():
        as_of = results.latest_submission(assessments.assessment_by_id(assessment_id)).date()
    stem = f"levelshire-levelshire-2026-results-{as_of.isoformat()}"
    base = f"/assessments/{assessment_id}"
    for path, extension in (
        ("exports/results.csv", "csv"),
        ("exports/results.xlsx", "xlsx"),
        ("exports/results.json", "json"),
        ("report.pdf", "pdf"),
    ):
        disposition = download_report(client, f"{base}/{path}").headers["Content-Disposition"]
        assert disposition == f'attachment; filename="{stem}.{extension}"'


def test_the_workbook_says_whose_results_they_are(app, leader):
    client, assessment_id = leader
    book = load_workbook(
        io.BytesIO(client.get(f"/assessments/{assessment_id}/exports/results.xlsx").data)
    )
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    with app.app_context():
        as_of = results.latest_submission(assessments.assessment_by_id(assessment_id)).date()
    assert about["Council"] == "Levelshire Council"
    assert about["Assessment"] == "Levelshire 2026"
    assert about["Results as of"] == as_of.isoformat()
    assert about["Respondents"] == len(LEVELS)
    assert about["Anonymity threshold"] == 3
    assert about["Question bank version"] == "test.1"
