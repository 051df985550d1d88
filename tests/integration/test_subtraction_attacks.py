"""A leader tries to work out a hidden group from the pages alone, by subtraction.

Nine officers answer every question with a level (so a group's respondents are
its scorers of each theme, as the attacker may assume): two elected members in
planning, who score culture 1 and technology 5 unlike anyone else, three leaders
in housing and four frontline staff in other. With k = 3 the elected members and
planning are hidden; before secondary suppression the leaders and housing were
shown, and the council minus them gave the two elected members' count and scores.
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from assessment.bank import current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.storage import assessments, database, imports

from ..subtraction import Figure, from_counts, subtractions
from .people import make_council, sign_in

K = 3


def answers(culture: int, technology: int) -> dict:
    return {
        "culture.test_and_learn": culture,
        "culture.change": culture,
        "technology.legacy": technology,
    }


PEOPLE = [
    *[("elected_member", "planning", answers(1, 5))] * 2,
    *[("leadership", "housing", answers(4, 2))] * 3,
    *[("frontline", "other", answers(3, 3))] * 4,
]
# The radar names tiers its own way; the tables use the bank's labels.
RADAR_NAMES = {"Leaders": "Leadership", "Frontline staff": "Frontline"}
THEMES = ["Culture", "Technology"]


@pytest.fixture
def attacker(app, client, clean_database):
    council = make_council(app, "smallshire", "lead@small.example", threshold=K)
    with app.app_context():
        assessment = assessments.assessment_by_id(council.assessment_id)
        rows = [
            ImportedResponse(n, f"r{n}", role, area, given)
            for n, (role, area, given) in enumerate(PEOPLE, start=2)
        ]
        imports.import_responses(assessment, rows, current_bank())
        database.commit()
    sign_in(client, "lead@small.example")
    return client, council.assessment_id


def _close(app, assessment_id: int) -> None:
    # The way the leader's close button does it, so that results made at close still count.
    with app.app_context():
        assessments.set_status(assessments.assessment_by_id(assessment_id), "closed")
        database.commit()


def _tables(page: str) -> list[dict[str, str]]:
    """Each table on the page: its row header -> its first numeric cell."""
    found = []
    for table in re.findall(r"<table.*?</table>", page, flags=re.S):
        found.append(
            dict(
                re.findall(
                    r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*'
                    r'<td class="govuk-table__cell govuk-table__cell--numeric">([^<]+)</td>',
                    table,
                )
            )
        )
    return found


def _count(text: str) -> int | None:
    text = text.replace(",", "").strip()
    return int(text) if text.isdigit() else None


def _figure(page: str, chart_id: str) -> dict:
    match = re.search(rf'id="{chart_id}-chart" data-app-chart data-figure="([^"]*)"', page)
    assert match, f"no {chart_id} chart on the page"
    return json.loads(unescape(match.group(1)))


def test_the_progress_page_gives_no_small_group_away(app, attacker):
    client, assessment_id = attacker
    home = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    total = _count(re.search(r"Responses submitted\s*</dt>\s*<dd[^>]*>\s*([^<]+)<", home).group(1))
    assert total == 9
    page = client.get(f"/assessments/{assessment_id}/progress").get_data(as_text=True)
    roles, areas = _tables(page)
    found = from_counts("roles", total, {g: _count(n) for g, n in roles.items()}, K)
    found += from_counts("areas", total, {g: _count(n) for g, n in areas.items()}, K)
    assert found == []
    assert roles["Frontline"] == "4" and roles["Elected member"] == "Not shown"


def test_the_results_pages_give_no_small_group_away(app, attacker):
    client, assessment_id = attacker
    _close(app, assessment_id)
    base = f"/assessments/{assessment_id}/results"
    overview = client.get(base).get_data(as_text=True)
    total = int(re.search(r"from (\d+) people", overview).group(1))
    role_counts, area_counts = (
        {g: n for g, n in ((g, _count(n)) for g, n in table.items()) if n is not None}
        for table in _tables(overview)[-2:]
    )
    radar = _figure(client.get(f"{base}/radar").get_data(as_text=True), "radar")
    traces = {trace["name"]: trace["r"][: len(THEMES)] for trace in radar["data"]}
    council = traces.pop("Whole council")
    # The heatmap colours each cell by the area's score minus the council's: add it back.
    area_scores: dict[str, list] = {}
    for trace in _figure(client.get(f"{base}/silos").get_data(as_text=True), "silos")["data"]:
        for area, row in zip(trace["y"], trace["z"], strict=True):
            cells = area_scores.setdefault(area, [None] * len(row))
            for index, difference in enumerate(row if trace["name"] == "Scores" else []):
                if difference is not None:
                    cells[index] = council[index] + difference

    found = list(subtractions("roles", Figure(total), _figures(role_counts), K))
    found += subtractions("areas", Figure(total), _figures(area_counts), K)
    for index, theme in enumerate(THEMES):
        tiers = {RADAR_NAMES[name]: scores[index] for name, scores in traces.items()}
        areas = {area: scores[index] for area, scores in area_scores.items()}
        for what, counts, scores in (("roles", role_counts, tiers), ("areas", area_counts, areas)):
            shown = {
                group: Figure(counts[group], scores[group])
                for group in counts
                if scores.get(group) is not None
            }
            found += subtractions(f"{what} {theme}", Figure(total, council[index]), shown, K)
    assert found == []
    # The leaders and housing, the smallest shown groups, are hidden to protect the others.
    assert "Leadership" not in role_counts and "Housing" not in area_counts
    assert role_counts == {"Frontline": 4} and area_counts == {"Other": 4}


def _figures(counts: dict[str, int]) -> dict[str, Figure]:
    return {group: Figure(count) for group, count in counts.items()}
