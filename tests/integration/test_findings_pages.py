"""A leader opens the results and reads first the few findings that matter most.

Nine people answer the two-theme test bank (k = 3): three leaders in housing
see the council most kindly, three frontline staff in housing less so, and
three frontline staff in planning least. So leaders score above frontline
staff on both themes by 1.5, technology trails culture by 1.0, and planning
sits 1.0 below the council on both themes.
"""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest

from assessment.bank import current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.storage import assessments, database, imports

from .people import close, make_council, sign_in


def _answers(culture: int, technology: int) -> dict:
    return {
        "culture.test_and_learn": culture,
        "culture.change": culture,
        "technology.legacy": technology,
    }


PEOPLE = [
    *[("leadership", "housing", _answers(4, 3))] * 3,
    *[("frontline", "housing", _answers(3, 2))] * 3,
    *[("frontline", "planning", _answers(2, 1))] * 3,
]
LEAD = [
    "Leaders score above frontline staff on all 2 themes, by 1.5.",
    "Technology scores 2.0 (Developing), the lowest of 2 themes and 1.0 below the strongest, "
    "Culture (3.0).",
    "Planning scores 2.0 on Culture, 1.0 below the council as a whole (3.0).",
]


def _import(app, assessment_id: int, people) -> None:
    with app.app_context():
        assessment = assessments.assessment_by_id(assessment_id)
        rows = [
            ImportedResponse(n, f"r{n}", role, area, answers)
            for n, (role, area, answers) in enumerate(people, start=2)
        ]
        imports.import_responses(assessment, rows, current_bank())
        database.commit()


@pytest.fixture
def findings_ready(app, clean_database):
    council = make_council(app, "findingshire", "lead@findings.example")
    _import(app, council.assessment_id, PEOPLE)
    close(app, council.assessment_id)
    return council


@pytest.fixture
def leader(client, findings_ready):
    sign_in(client, "lead@findings.example")
    return client


def _list_after(page: str, heading: str) -> list[str]:
    """The items of the list that follows a heading, as text, links left out."""
    section = page.split(f">{heading}</h2>", 1)[1]
    items = re.findall(r"<li>(.*?)</li>", section.split("</ol>", 1)[0], flags=re.S)
    return [" ".join(unescape(re.sub(r"<a .*?</a>", "", item)).split()) for item in items]


def test_the_overview_leads_with_the_three_biggest_findings(leader, findings_ready):
    page = leader.get(f"/assessments/{findings_ready.assessment_id}/results").get_data(as_text=True)
    assert _list_after(page, "What stands out") == LEAD
    # The fixed advice that used to head the page does not lead it.
    assert page.index("What stands out") < page.index("modern, shared platforms")
    more = _list_after(page, "Also worth a look")
    assert "Planning scores 1.0 on Technology, 1.0 below the council as a whole (2.0)." in more
    assert "People and culture score 1.0 higher than the technology estate." in more


def test_a_lead_finding_about_one_theme_links_to_its_page(leader, findings_ready):
    base = f"/assessments/{findings_ready.assessment_id}"
    page = leader.get(f"{base}/results").get_data(as_text=True)
    assert f'href="{base}/results/themes/technology">More about Technology</a>' in page
    assert f'href="{base}/results/perception">Leaders and frontline staff, theme by theme' in page


def test_the_leaders_page_says_once_that_leaders_are_above_on_every_theme(leader, findings_ready):
    base = f"/assessments/{findings_ready.assessment_id}/results"
    perception = leader.get(f"{base}/perception").get_data(as_text=True)
    assert re.findall(r"<li>([^<]*)</li>", perception.split(">What stands out<", 1)[1]) == [LEAD[0]]
    silos = leader.get(f"{base}/silos").get_data(as_text=True)
    assert "Planning scores 1.0 on Technology, 1.0 below the council as a whole (2.0)." in silos
    assert "Housing scores 3.5 on Culture, 0.5 above the council as a whole (3.0)." in silos


def test_the_findings_csv_ranks_every_finding_with_its_size(leader, findings_ready):
    exports = leader.get(f"/assessments/{findings_ready.assessment_id}/exports")
    assert "/exports/findings.csv" in exports.get_data(as_text=True)
    response = leader.get(f"/assessments/{findings_ready.assessment_id}/exports/findings.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert re.search(r'filename="findingshire-findingshire-2026-findings-[0-9-]+\.csv"',
                     response.headers["Content-Disposition"])  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert list(rows[0]) == [
        "rank", "kind", "size", "theme", "group_type", "group", "question", "finding",
    ]  # fmt: skip
    assert [row["finding"] for row in rows[:3]] == LEAD
    assert rows[0] | {"finding": ""} == {
        "rank": "1",
        "kind": "leaders_frontline",
        "size": "1.50",
        "theme": "culture;technology",
        "group_type": "role",
        "group": "",
        "question": "",
        "finding": "",
    }
    assert [row["rank"] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    sizes = [float(row["size"]) for row in rows]
    assert sizes == sorted(sizes, reverse=True)
    planning = next(row for row in rows if row["group"] == "planning")
    assert (planning["kind"], planning["group_type"], planning["theme"]) == (
        "service_area",
        "service_area",
        "culture",
    )


def test_an_open_assessment_has_no_findings_to_download_yet(app, client, clean_database):
    council = make_council(app, "openshire", "lead@open.example")
    _import(app, council.assessment_id, PEOPLE)
    sign_in(client, "lead@open.example")
    response = client.get(f"/assessments/{council.assessment_id}/exports/findings.csv")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "Leaders score" not in response.get_data(as_text=True)


def test_the_report_for_cabinet_opens_its_summary_with_the_biggest_findings(
    app, findings_ready, monkeypatch
):
    from assessment.services import report
    from assessment.storage import snapshots

    # The summary's words are what this checks; drawing the charts would only slow it down.
    monkeypatch.setattr(report, "svg_or_none", lambda figure, **size: None)
    with app.test_request_context("/"):
        assessment = assessments.assessment_by_id(findings_ready.assessment_id)
        html, _ = report.report_html(current_bank(), assessment, snapshots.stored(assessment))
    summary = html.split(">Summary</h2>", 1)[1].split("</section>", 1)[0]
    assert _list_after(summary.replace("</h3>", "</h2>"), "What stands out")[:3] == LEAD
    # The leaders' section says it once, not theme by theme.
    leaders = summary.split(">Leaders and frontline staff</h3>", 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"<li>([^<]*)</li>", leaders) == [LEAD[0]]
