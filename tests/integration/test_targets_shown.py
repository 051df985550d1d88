"""Targets where leaders read results: this round's targets beside its scores (the theme
chart, its table and the PDF), and in the next round the last round's targets with
"Met" or "Not met" beside this round's scores."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from assessment.bank import current_bank
from assessment.framework.display import shown
from assessment.framework.responses_csv import ImportedResponse
from assessment.reports import chart_export
from assessment.services import closing
from assessment.services import report as report_module
from assessment.storage import assessments, database, imports, targets

from .people import SIX_LEADERS_AND_FRONTLINE, close, make_council, sign_in


def _answered_and_closed(app, assessment_id: int) -> None:
    with app.app_context():
        assessment = assessments.assessment_by_id(assessment_id)
        rows = [
            ImportedResponse(n, f"r{n}", role, area, answers)
            for n, (role, area, answers) in enumerate(SIX_LEADERS_AND_FRONTLINE, start=2)
        ]
        imports.import_responses(assessment, rows, current_bank())
        database.commit()
    close(app, assessment_id)


def _scores(app, assessment_id: int) -> dict[str, float]:
    with app.app_context():
        assessment = assessments.assessment_by_id(assessment_id)
        results = closing.shown_snapshot(assessment, current_bank()).results
        return {t: shown(results.council.theme(t).score) for t in ("culture", "technology")}


@pytest.fixture
def two_rounds(app, clean_database, tmp_path):
    """Last year's round, closed, whose leaders aimed for this round to reach its culture
    score (met) and a tenth above its technology score (not met); and this year's round,
    answered the same and closed, following it."""
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "reports")
    council = make_council(app, "roundshire", "lead@round.example")
    _answered_and_closed(app, council.assessment_id)
    scores = _scores(app, council.assessment_id)
    aimed = {
        "culture": round(scores["culture"] * 10),
        "technology": round(scores["technology"] * 10) + 1,
    }
    with app.app_context():
        last = assessments.assessment_by_id(council.assessment_id)
        targets.set_targets(last, aimed, None)
        this = assessments.create_assessment(last.council, "Roundshire 2027", 3, "test.1")
        this.previous_assessment_id = last.id
        database.commit()
        this_id = this.id
    _answered_and_closed(app, this_id)
    return council.assessment_id, this_id, aimed


def _text(tenths: int) -> str:
    return f"{tenths // 10}.{tenths % 10}"


def test_the_theme_chart_and_its_table_show_this_rounds_targets(app, client, two_rounds):
    last, _this, aimed = two_rounds
    sign_in(client, "lead@round.example")
    page = client.get(f"/assessments/{last}/results/themes").get_data(as_text=True)
    table = page[page.index('id="themes-table"') :]
    assert "Target for the next round" in table
    assert f'numeric">{_text(aimed["culture"])}</td>' in table
    figure = json.loads(
        re.search(r'data-figure="([^"]+)"', page)
        .group(1)
        .replace("&#34;", '"')
        .replace("&quot;", '"')
    )
    [target] = [trace for trace in figure["data"] if trace.get("name") == "Target"]
    assert target["x"] == [aimed["culture"] / 10, aimed["technology"] / 10]
    # The previous round has no round before it, so says nothing of met or not met.
    assert "Targets from the last round" not in page


def test_the_next_round_says_which_of_the_last_rounds_targets_it_met(app, client, two_rounds):
    _last, this, aimed = two_rounds
    sign_in(client, "lead@round.example")
    page = client.get(f"/assessments/{this}/results/themes").get_data(as_text=True)
    review = page[page.index("Targets from the last round") :]
    rows = re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]+)</th>(.*?)</tr>', review, re.S
    )
    cells = {label: re.findall(r'numeric">([^<]*)</td>', rest) for label, rest in rows[:2]}
    assert cells["Culture"][0] == _text(aimed["culture"]) and cells["Culture"][2] == "Met"
    assert cells["Technology"][0] == _text(aimed["technology"])
    assert cells["Technology"][2] == "Not met"


def _pdf_text(app, assessment_id: int) -> str:
    with app.test_request_context(), app.app_context():
        assessment = assessments.assessment_by_id(assessment_id)
        snapshot = closing.shown_snapshot(assessment, current_bank())
        pdf = report_module.report_pdf(assessment, snapshot)
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_shows_the_targets_and_whether_the_last_rounds_were_met(
    app, two_rounds, monkeypatch
):
    last, this, _aimed = two_rounds
    # The tables carry the figures; drawing the charts is another test's business.
    without_charts = chart_export.ChartExporter(chromium="/nonexistent/chromium")
    monkeypatch.setattr(chart_export, "exporter", lambda: without_charts)
    last_text = _pdf_text(app, last)
    assert "Target for the next round" in last_text
    assert "Targets from the last round" not in last_text
    this_text = _pdf_text(app, this)
    assert "Targets from the last round" in this_text
    assert "Not met" in this_text and re.search(r"\bMet\b", this_text)
