"""A leader opens a theme's questions and sees how the council, each role tier and each
service area answered each one, with small groups hidden and nothing a subtraction
could give away; the same figures are in the JSON and the Excel downloads."""

from __future__ import annotations

import io
import json
import re
from html import unescape

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from assessment.bank import current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.storage import assessments, database, imports
from assessment.storage.base import db
from assessment.storage.models import ResultsSnapshot

from ..subtraction import from_counts
from .people import close, make_council, sign_in

K = 3


def answers(tries, change, legacy=3):
    return {"culture.test_and_learn": tries, "culture.change": change, "technology.legacy": legacy}


# Two elected members in planning: hidden, and with them the smaller tier of the
# same size as the leaders and managers (three each; the later in bank order, the
# managers) and housing, or the council minus the rest would give the two away.
PEOPLE = [
    *[("elected_member", "planning", answers(1, 1))] * 2,
    *[("leadership", "housing", answers(5, 4))] * 3,
    *[("frontline", "other", answers(2, "dk"))] * 2,
    *[("frontline", "other", answers(4, 2))] * 2,
    *[("manager", "other", answers(4, 3))] * 3,
]


@pytest.fixture
def council(app, clean_database):
    made = make_council(app, "drillshire", "lead@drill.example", threshold=K)
    with app.app_context():
        assessment = assessments.assessment_by_id(made.assessment_id)
        rows = [
            ImportedResponse(n, f"r{n}", role, area, given)
            for n, (role, area, given) in enumerate(PEOPLE, start=2)
        ]
        imports.import_responses(assessment, rows, current_bank())
        database.commit()
    return made


@pytest.fixture
def leader(client, council):
    sign_in(client, "lead@drill.example")
    return client


def _page(client, council, theme="culture") -> str:
    response = client.get(f"/assessments/{council.assessment_id}/results/themes/{theme}/questions")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _tables(page: str) -> list[dict[str, list[str]]]:
    """Each table on the page: row header -> its cells."""
    found = []
    for table in re.findall(r"<tbody.*?</tbody>", page, flags=re.S):
        rows = {}
        for row in re.findall(r"<tr.*?</tr>", table, flags=re.S):
            [header] = re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', row)
            rows[unescape(header)] = [
                unescape(c) for c in re.findall(r"<td[^>]*>([^<]*)</td>", row)
            ]
        found.append(rows)
    return found


def test_before_closing_the_page_says_results_are_not_ready(leader, council):
    assert "Results appear when you close the assessment" in _page(leader, council)


def test_every_question_is_shown_by_role_tier_and_service_area_with_small_groups_hidden(
    app, leader, council
):
    close(app, council.assessment_id)
    page = _page(leader, council)
    assert "Question 1: How does the council try new things?" in page
    assert "Question 2: How do teams respond to change?" in page
    tries, change = _tables(page)
    # Levels 1 to 5, "Don't know", then the share who didn't know.
    assert tries["Whole council"] == ["2", "2", "0", "5", "3", "0", "0%"]
    assert tries["Role: Frontline"] == ["0", "2", "0", "2", "0", "0", "0%"]
    assert tries["Role: Leadership"] == ["0", "0", "0", "0", "3", "0", "0%"]
    assert tries["Service area: Other"] == ["0", "2", "0", "5", "0", "0", "0%"]
    for hidden in ("Role: Elected member", "Role: Manager", "Service area: Planning"):
        assert set(tries[hidden]) == {"Not shown"}, hidden
    assert set(tries["Service area: Housing"]) == {"Not shown"}
    assert change["Role: Frontline"] == ["0", "2", "0", "0", "0", "2", "50%"]
    # In words, with the statement the most people chose.
    assert "Most people said: “Often tries.”" in page
    assert "Not shown: fewer than 3 people answered" in page
    # Hidden groups are left out of the chart, never drawn as nothing.
    figure = json.loads(
        unescape(re.search(r'id="question-1-chart"[^>]*data-figure="([^"]*)"', page).group(1))
    )
    assert figure["data"][0]["y"] == [
        "Whole council",
        "Role: Leadership",
        "Role: Frontline",
        "Service area: Other",
    ]


def test_no_subtraction_of_the_pages_figures_gives_a_small_group_away(app, leader, council):
    close(app, council.assessment_id)
    for table in _tables(_page(leader, council)):
        answered = {label: _people(cells) for label, cells in table.items()}
        for prefix in ("Role: ", "Service area: "):
            groups = {label: n for label, n in answered.items() if label.startswith(prefix)}
            assert from_counts(prefix, answered["Whole council"], groups, K) == []


def _people(cells: list[str]) -> int | None:
    """How many people a table row counts (levels and "Don't know"); None if hidden."""
    return None if "Not shown" in cells else sum(int(c) for c in cells[:6])


def test_the_json_and_the_workbook_carry_the_same_counts(app, leader, council):
    close(app, council.assessment_id)
    base = f"/assessments/{council.assessment_id}/exports/results"
    document = json.loads(leader.get(f"{base}.json").get_data(as_text=True))
    tries = document["questions"]["culture.test_and_learn"]
    assert tries["theme"] == "culture"
    assert tries["roles"]["elected_member"] is None and tries["roles"]["manager"] is None
    assert tries["roles"]["leadership"] == {
        "counts": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 3, "dk": 0},
        "answered": 3,
        "dont_know_share": 0.0,
        "most_chosen": [5],
    }
    assert tries["council"]["most_chosen"] == [4]
    book = load_workbook(io.BytesIO(leader.get(f"{base}.xlsx").data))
    sheet = book["Questions by group"]
    head = [cell.value for cell in sheet[1]]
    rows = [
        dict(zip(head, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    leaders = next(
        r for r in rows if r["question"] == "culture.test_and_learn" and r["group"] == "leadership"
    )
    assert (leaders["answered"], leaders["level_5"], leaders["suppressed"]) == (3, 3, "no")


def test_results_closed_before_counts_by_group_were_kept_show_the_council_only(
    app, leader, council
):
    close(app, council.assessment_id)
    with app.app_context():  # the snapshot as a closing before this version stored it
        row = db.session.get(ResultsSnapshot, council.assessment_id)
        content = {k: v for k, v in row.content.items() if k != "questions"}
        db.session.execute(
            sa.update(ResultsSnapshot)
            .where(ResultsSnapshot.assessment_id == council.assessment_id)
            .values(content={**content, "format": 2})
        )
        database.commit()
    page = _page(leader, council)
    assert "closed before answers were kept by role tier and service area" in page
    tries, _ = _tables(page)
    assert list(tries) == ["Whole council"]
    assert tries["Whole council"][:6] == ["2", "2", "0", "5", "3", "0"]
    document = leader.get(f"/assessments/{council.assessment_id}/exports/results.json").get_json()
    assert document["questions"] is None and document["respondents"] == len(PEOPLE)


def test_a_theme_that_does_not_exist_is_page_not_found(app, leader, council):
    close(app, council.assessment_id)
    path = f"/assessments/{council.assessment_id}/results/themes/nonsense/questions"
    assert leader.get(path).status_code == 404


def test_the_theme_page_and_the_overview_link_to_the_questions(app, leader, council):
    close(app, council.assessment_id)
    base = f"/assessments/{council.assessment_id}/results"
    link = f'href="{base}/themes/culture/questions"'
    assert link in leader.get(f"{base}/themes/culture").get_data(as_text=True)
    assert link in leader.get(base).get_data(as_text=True)
