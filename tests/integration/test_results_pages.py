"""A leader reads the results as charts with tables, and downloads them."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import pytest
from openpyxl import load_workbook

from assessment.bank import current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.storage import assessments, database, imports, responses

from .people import SIX_LEADERS_AND_FRONTLINE, close, make_council, sign_in

# Threshold 3: leadership (3 people) and frontline (4) are shown; one planner is not.
PEOPLE = [
    *SIX_LEADERS_AND_FRONTLINE,
    (
        "frontline",
        "planning",
        {"culture.test_and_learn": 3, "culture.change": 1, "technology.legacy": 1},
    ),
]


@pytest.fixture
def results_ready(app, clean_database):
    council = make_council(app, "resultshire", "lead@results.example")
    with app.app_context():
        assessment = assessments.assessment_by_id(council.assessment_id)
        rows = [
            ImportedResponse(n, f"r{n}", role, area, answers)
            for n, (role, area, answers) in enumerate(PEOPLE, start=2)
        ]
        imports.import_responses(assessment, rows, current_bank())
        response = assessment.responses[0]
        responses.save_theme(
            response, _culture(app), {}, "Leaders try <script>alert(1)</script>", True
        )
        database.commit()
    close(app, council.assessment_id)
    return council


def _culture(app):
    from assessment.bank import current_bank

    return current_bank().theme("culture")


@pytest.fixture
def leader(client, results_ready):
    sign_in(client, "lead@results.example")
    return client


def _figure(page: str, chart_id: str) -> dict:
    match = re.search(rf'id="{chart_id}-chart" data-app-chart data-figure="([^"]*)"', page)
    assert match, f"no {chart_id} chart on the page"
    return json.loads(unescape(match.group(1)))


def test_the_overview_gives_the_level_the_gap_and_who_answered(leader, results_ready):
    page = leader.get(f"/assessments/{results_ready.assessment_id}/results").get_data(as_text=True)
    assert "from 7 people" in page
    assert "People-first gap" in page  # the pillar table, with the reading above it
    figure = _figure(page, "pillars")
    assert figure["layout"]["title"]["text"]
    assert 'id="pillars-table"' in page
    assert "Not shown" in page  # planning, the empty groups, and Other to protect planning
    assert "Strengths" in page and "Priorities" in page
    assert "Results made when the assessment closed, from the answers submitted up to" in page


@pytest.mark.parametrize(
    ("path", "chart_id"),
    [("radar", "radar"), ("themes", "themes"), ("perception", "perception"), ("silos", "silos")],
)
def test_every_chart_page_has_a_finding_a_chart_and_its_table(
    leader, results_ready, path, chart_id
):
    page = leader.get(f"/assessments/{results_ready.assessment_id}/results/{path}").get_data(
        as_text=True
    )
    figure = _figure(page, chart_id)
    assert figure["data"], "the chart has traces"
    assert f'id="{chart_id}-title">{_escaped(figure["layout"]["title"]["text"])}<' in page
    assert f'id="{chart_id}-table"' in page


def _escaped(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_the_silo_heatmap_leaves_a_group_under_the_threshold_blank(leader, results_ready):
    page = leader.get(f"/assessments/{results_ready.assessment_id}/results/silos").get_data(
        as_text=True
    )
    traces = _figure(page, "silos")["data"]
    [hidden] = [trace for trace in traces if trace["name"] == "Not shown"]
    printed = {}
    for trace in traces:
        for area, row in zip(trace["y"], trace["text"], strict=True):
            printed.setdefault(area, []).extend(cell for cell in row if cell)
    assert printed["Planning"] == ["Not<br>shown"] * len(hidden["x"])
    assert "Not<br>shown" not in printed["Housing"]
    assert "Not shown: fewer than 3 people answered" in page


def test_a_theme_page_shows_its_recommendation_distribution_and_comments(leader, results_ready):
    page = leader.get(
        f"/assessments/{results_ready.assessment_id}/results/themes/culture"
    ).get_data(as_text=True)
    assert "What to do next" in page
    assert _figure(page, "distribution")["data"]
    assert "Leaders try &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_results_say_why_they_are_hidden_under_the_threshold(app, client, clean_database):
    council = make_council(app, "smallshire", "lead@small.example", threshold=5)
    close(app, council.assessment_id)
    sign_in(client, "lead@small.example")
    page = client.get(f"/assessments/{council.assessment_id}/results").get_data(as_text=True)
    assert "Results appear once at least 5 people have submitted" in page
    assert "data-app-chart" not in page


def test_pages_carry_no_inline_script_without_the_nonce(leader, results_ready):
    response = leader.get(f"/assessments/{results_ready.assessment_id}/results/radar")
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in policy and "script-src 'self' 'nonce-" in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    inline = [
        t for t in re.findall(r"<script[^>]*>", response.get_data(as_text=True)) if "src=" not in t
    ]
    assert inline, "no inline script to check"
    for tag in inline:
        assert f'nonce="{nonce}"' in tag, tag
    assert re.search(r"/static/assets/js/plotly-[A-Z2-7]{8}\.js", response.get_data(as_text=True))


def test_csv_excel_and_json_downloads_hold_the_same_figures(leader, results_ready):
    base = f"/assessments/{results_ready.assessment_id}/exports/results"
    as_json = leader.get(f"{base}.json")
    assert as_json.headers["Content-Disposition"].startswith('attachment; filename="resultshire-')
    document = as_json.get_json()
    culture = next(t for t in document["themes"] if t["id"] == "culture")

    as_csv = leader.get(f"{base}.csv")
    assert as_csv.headers["Content-Disposition"].endswith('.csv"')
    assert as_csv.headers["Content-Type"] == "text/csv; charset=utf-8"  # the charset once
    rows = list(csv.DictReader(io.StringIO(as_csv.get_data(as_text=True).lstrip("\ufeff"))))
    council_culture = next(
        r for r in rows if r["group_type"] == "council" and r["theme"] == "culture"
    )
    assert council_culture["score"] == f"{culture['score']:.1f}"
    planning = [r for r in rows if r["group"] == "planning"]
    assert planning and all(r["suppressed"] == "yes" and r["score"] == "" for r in planning)

    as_xlsx = leader.get(f"{base}.xlsx")
    sheet = load_workbook(io.BytesIO(as_xlsx.data))["Results"]
    header = [cell.value for cell in sheet[1]]
    excel_rows = [
        dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)
    ]
    assert len(excel_rows) == len(rows)
    excel_culture = next(
        r for r in excel_rows if r["group_type"] == "council" and r["theme"] == "culture"
    )
    assert excel_culture["score"] == pytest.approx(float(council_culture["score"]))


def test_the_method_page_explains_the_rules(client):
    page = client.get("/how-scores-work").get_data(as_text=True)
    for words in (
        "is left out of the averages",
        "Anonymity",
        "People-first gap",
        "1.8 to 2.5",
        "2.6 to 3.3",
        "rounded half up",
        "2.55 shows as 2.6 and is Established",
    ):
        assert words in page
