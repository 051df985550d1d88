"""A leader reads and changes only their own council's assessments."""

from __future__ import annotations

import pytest
from flask import url_for

from assessment.storage import actions, assessments, database
from assessment.web.access import ADMIN_ONLY, COUNCIL_CHECKED

from ..page_checks import csrf_token
from .people import make_admin, make_council, sign_in

# Values for a route's other arguments, so every council-scoped URL can be built.
SAMPLE_ARGUMENTS = {
    "theme_id": "culture",
    "action": "close",
    "publishing": "publish",
    "extension": "csv",
    "ref": "a" * 24,
    "suggestion": "step-1",
    # A report job and its files (web/report.py), named as real ones are.
    "job_id": "report-1-en-" + "0" * 32,
    "language": "en",
    "key": "0" * 64,
    "document": "report",
}
# Routes to what exists only once a report job has run: with the sample names above, even
# the leader's own council gets 404 (test_report_jobs.py follows real ones).
MADE_BY_A_REPORT_JOB = {"report.job", "report.job_status", "report.document_file"}


def _council_scoped_routes(app) -> list[tuple[str, str, set[str]]]:
    return [
        (rule.endpoint, rule.rule, rule.methods - {"HEAD", "OPTIONS"})
        for rule in app.url_map.iter_rules()
        if "assessment_id" in rule.arguments
    ]


def test_every_route_that_takes_an_assessment_id_checks_the_council(app):
    """Adding a route with an assessment id but without @assessment_view fails here."""
    unchecked = [
        endpoint
        for endpoint, _, _ in _council_scoped_routes(app)
        if not getattr(app.view_functions[endpoint], COUNCIL_CHECKED, False)
    ]
    assert _council_scoped_routes(app), "no council-scoped routes found"
    assert unchecked == []


def test_every_route_that_takes_a_council_id_is_for_administrators(app):
    routes = [r for r in app.url_map.iter_rules() if "council_id" in r.arguments]
    assert routes
    assert [
        r.endpoint for r in routes if not getattr(app.view_functions[r.endpoint], ADMIN_ONLY, False)
    ] == []


@pytest.fixture
def two_councils(app, clean_database):
    return make_council(app, "eastshire", "lead@east.example"), make_council(
        app, "westshire", "lead@west.example"
    )


def _an_action(app, assessment_id: int) -> int:
    """An action of the assessment's plan, so its page is a real one to reach for."""
    with app.app_context():
        made = actions.add_action(
            assessments.assessment_by_id(assessment_id), None, {"title": "Fix the intranet"}
        )
        database.commit()
        return made.id


def _urls(app, assessment_id: int, made_by_a_job: bool = True):
    samples = {**SAMPLE_ARGUMENTS, "action_id": _an_action(app, assessment_id)}
    with app.test_request_context():
        for endpoint, rule, methods in _council_scoped_routes(app):
            if endpoint in MADE_BY_A_REPORT_JOB and not made_by_a_job:
                continue
            arguments = {k: v for k, v in samples.items() if f"<{k}>" in rule or f":{k}>" in rule}
            yield url_for(endpoint, assessment_id=assessment_id, **arguments), methods


def test_a_leader_of_another_council_gets_page_not_found_on_every_route(app, client, two_councils):
    east, west = two_councils
    sign_in(client, "lead@west.example")
    token = csrf_token(client.get("/assessments/new").get_data(as_text=True))
    checked = 0
    for url, methods in _urls(app, east.assessment_id):
        for method in methods:
            response = client.open(url, method=method, data={"csrf_token": token})
            assert response.status_code == 404, f"{method} {url} gave {response.status_code}"
            checked += 1
    assert checked >= 13
    # The other council's actions are untouched, none dropped or added...
    with app.app_context():
        east_assessment = assessments.assessment_by_id(east.assessment_id)
        assert {a.title for a in actions.actions_of(east_assessment)} == {"Fix the intranet"}
        assert actions.taken_suggestions(east_assessment) == set()
    # ...the other council's assessment is untouched and their own still works.
    assert client.get(f"/assessments/{west.assessment_id}").status_code == 200


def test_the_leaders_own_council_works_on_every_get_route(app, client, two_councils):
    east, _ = two_councils
    sign_in(client, "lead@east.example")
    for url, methods in _urls(app, east.assessment_id, made_by_a_job=False):
        if "GET" in methods:
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("bad_id", ["999999", "0", "99999999999999999999"])
def test_ids_that_do_not_exist_are_page_not_found(client, two_councils, bad_id):
    sign_in(client, "lead@east.example")
    assert client.get(f"/assessments/{bad_id}").status_code == 404
    assert client.get(f"/assessments/{bad_id}/results").status_code == 404


@pytest.mark.parametrize("bad_id", ["abc", "-1", "1.5", "1%00"])
def test_malformed_ids_are_page_not_found(client, two_councils, bad_id):
    sign_in(client, "lead@east.example")
    assert client.get(f"/assessments/{bad_id}").status_code == 404


def test_the_assessment_list_shows_only_the_leaders_council(client, two_councils):
    sign_in(client, "lead@east.example")
    page = client.get("/assessments").get_data(as_text=True)
    assert "Eastshire 2026" in page and "Westshire 2026" not in page


def test_signed_out_people_are_sent_to_sign_in(app, client, two_councils):
    east, _ = two_councils
    for url, methods in _urls(app, east.assessment_id):
        if "GET" in methods:
            response = client.get(url)
            assert response.status_code == 302 and "/auth/sign-in" in response.headers["Location"]


def test_a_leader_cannot_reach_admin_pages(client, two_councils):
    east, _ = two_councils
    sign_in(client, "lead@east.example")
    assert client.get("/admin/councils").status_code == 403
    assert client.get(f"/admin/councils/{east.id}").status_code == 403
    # Not even their own council's privacy details: the administrator writes those.
    assert client.get(f"/admin/councils/{east.id}/privacy").status_code == 403


def test_an_administrator_sees_every_council(app, client, two_councils):
    east, west = two_councils
    sign_in(client, make_admin(app))
    assert client.get(f"/assessments/{east.assessment_id}").status_code == 200
    assert client.get(f"/assessments/{west.assessment_id}/results").status_code == 200
    page = client.get("/assessments").get_data(as_text=True)
    assert "Eastshire 2026" in page and "Westshire 2026" in page
