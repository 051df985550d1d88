"""A leader turns the suggested 90-day plan into the council's own actions, with an
owner, a due date, a measure and a status; the results overview, the CSV, the command
line and the PDF show them (issue 24, item 4)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from werkzeug.datastructures import MultiDict

from assessment.storage import actions, assessments

from ..page_checks import csrf_token
from ..report_jobs_helper import download_report
from .people import close, make_council, sign_in
from .test_report import _text
from .test_results_snapshot import _import

LEADER = "lead@east.example"
PEOPLE = [
    ("leadership", "housing", {"culture.test_and_learn": 5, "technology.legacy": 4}),
    ("leadership", "housing", {"culture.test_and_learn": 5, "technology.legacy": 4}),
    ("leadership", "housing", {"culture.test_and_learn": 4, "technology.legacy": 4}),
    ("frontline", "other", {"culture.test_and_learn": 2, "technology.legacy": 2}),
    ("frontline", "other", {"culture.test_and_learn": 1, "technology.legacy": 2}),
    ("frontline", "other", {"culture.test_and_learn": 1, "technology.legacy": 1}),
]


@pytest.fixture
def closed(app, clean_database, tmp_path):
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "reports")
    council = make_council(app, "eastshire", LEADER)
    _import(app, council.assessment_id, PEOPLE)
    close(app, council.assessment_id)
    return council


def _plan_url(council) -> str:
    return f"/assessments/{council.assessment_id}/actions"


def _suggestion_keys(page: str) -> list[str]:
    return re.findall(r"/actions/new\?suggestion=(step-\d+)", page)


def _form(client, url: str) -> dict[str, str]:
    """What the form at `url` holds now, as a browser would post it back."""
    page = client.get(url).get_data(as_text=True)
    fields = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', page))
    for name in ("detail", "measure"):
        found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
        fields[name] = found.group(1).strip() if found else ""
    selected = dict(
        re.findall(r'<select[^>]*name="(\w+)".*?<option value="([^"]*)" selected', page, re.S)
    )
    return {**fields, **selected, "csrf_token": csrf_token(page)}


def _due(day: str, month: str, year: str) -> list[tuple[str, str]]:
    return [("due", day), ("due", month), ("due", year)]


def _post(client, url: str, fields: dict[str, str], due=("", "", "")):
    data = [(k, v) for k, v in fields.items() if k != "due"] + _due(*due)
    return client.post(url, data=MultiDict(data))


def test_a_leader_accepts_edits_drops_adds_and_finishes_actions(app, client, closed):
    sign_in(client, LEADER)
    # Before any action, the report has the suggested plan; the page offers its steps.
    report = _text(download_report(client, f"/assessments/{closed.assessment_id}/report.pdf").data)
    assert "A 90-day action plan" in report
    plan_page = client.get(_plan_url(closed)).get_data(as_text=True)
    keys = _suggestion_keys(plan_page)
    assert len(keys) >= 3, plan_page

    # Accept two suggestions: each opens prefilled with the step's words.
    for key, owner in zip(keys[:2], ["Head of Digital", "Chief Executive"], strict=True):
        url = f"{_plan_url(closed)}/new?suggestion={key}"
        fields = _form(client, url)
        assert fields["title"]
        fields["owner"] = owner
        response = _post(client, url, fields, due=("31", "3", "2027"))
        assert response.status_code == 302, response.get_data(as_text=True)

    # Drop the third.
    token = csrf_token(client.get(_plan_url(closed)).get_data(as_text=True))
    dropped = client.post(
        f"{_plan_url(closed)}/suggestions/{keys[2]}/drop", data={"csrf_token": token}
    )
    assert dropped.status_code == 302
    still_offered = _suggestion_keys(client.get(_plan_url(closed)).get_data(as_text=True))
    assert not set(keys[:3]) & set(still_offered)

    # Add their own.
    url = f"{_plan_url(closed)}/new"
    own = _form(client, url)
    own.update(
        title="Run a show and tell every fortnight",
        detail="Teams show what they changed",
        theme_id="culture",
        owner="Service design lead",
        measure="Half of teams have shown something by June",
    )
    assert _post(client, url, own, due=("1", "6", "2027")).status_code == 302

    with app.app_context():
        made = actions.actions_of(assessments.assessment_by_id(closed.assessment_id))
        assert len(made) == 3
        first, own_id = made[0], next(a.id for a in made if a.suggested_from is None)
        assert {a.suggested_from for a in made} == {keys[0], keys[1], None}

    # Edit one: a new title; and mark their own done.
    edit_url = f"{_plan_url(closed)}/{first.id}"
    fields = _form(client, edit_url)
    fields["title"] = "Listen first, then act"
    assert _post(client, edit_url, fields, due=("30", "4", "2027")).status_code == 302
    done_url = f"{_plan_url(closed)}/{own_id}"
    fields = _form(client, done_url)
    fields["status"] = "done"
    assert _post(client, done_url, fields, due=("1", "6", "2027")).status_code == 302

    page = client.get(_plan_url(closed)).get_data(as_text=True)
    assert "Listen first, then act" in page and "Head of Digital" in page
    assert "30 April 2027" in page and "Done" in page

    # The PDF shows the council's actions in place of the suggested plan.
    report = _text(download_report(client, f"/assessments/{closed.assessment_id}/report.pdf").data)
    assert "What the council is doing" in report and "A 90-day action plan" not in report
    assert "Listen first, then act" in report and "Service design lead" in report

    # The overview lists them with their status.
    overview = client.get(f"/assessments/{closed.assessment_id}/results").get_data(as_text=True)
    assert "Listen first, then act" in overview and "Run a show and tell" in overview
    assert "Done" in overview

    # The CSV download.
    download = client.get(f"{_plan_url(closed)}/download.csv")
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    assert list(rows[0]) == ["id", "title", "detail", "theme", "owner", "due", "measure", "status"]
    own_row = next(r for r in rows if r["title"].startswith("Run a show"))
    assert own_row["status"] == "done" and own_row["due"] == "2027-06-01"
    assert own_row["theme"] == "culture"

    # The command line prints the same rows.
    printed = app.test_cli_runner().invoke(
        args=["actions", "--assessment", str(closed.assessment_id), "--format", "csv"]
    )
    assert printed.exit_code == 0, printed.output
    assert list(csv.DictReader(io.StringIO(printed.output))) == rows


def _story_with_one_action(app, closed) -> None:
    with app.app_context():
        assessment = assessments.assessment_by_id(closed.assessment_id)
        actions.add_action(
            assessment, None, {"title": "Fix the intranet search", "status": "in_progress"}
        )
        from assessment.storage import database

        database.commit()


BAD = [
    ({"title": "x" * 100_000}, ("", "", ""), "Action must be 200 characters or fewer"),
    ({"title": ""}, ("", "", ""), "Enter the action"),
    ({}, ("31", "2", "2027"), "Due date must be a real date"),
    ({}, ("1", "", "2027"), "Due date must include a month"),
    ({}, ("1", "2", "27"), "Due date must be a real date"),
    ({}, ("1", "2", "２０２７"), "Due date must be a real date"),
    ({"status": "finished"}, ("", "", ""), "Choose a status from the list"),
    ({"theme_id": "astrology"}, ("", "", ""), "Choose a theme from the list"),
]


@pytest.mark.parametrize(("change", "due", "message"), BAD)
def test_bad_input_is_refused_clearly_and_nothing_changes(
    app, client, closed, change, due, message
):
    _story_with_one_action(app, closed)
    sign_in(client, LEADER)
    with app.app_context():
        action_id = actions.actions_of(assessments.assessment_by_id(closed.assessment_id))[0].id
    for url in (f"{_plan_url(closed)}/new", f"{_plan_url(closed)}/{action_id}"):
        fields = {**_form(client, url), **change}
        response = _post(client, url, fields, due=due)
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert "There is a problem" in page and message in page
    with app.app_context():
        kept = actions.actions_of(assessments.assessment_by_id(closed.assessment_id))
        assert [(a.title, a.status) for a in kept] == [("Fix the intranet search", "in_progress")]


def test_a_date_posted_in_too_many_or_too_few_boxes_is_an_error_not_a_crash(app, client, closed):
    sign_in(client, LEADER)
    url = f"{_plan_url(closed)}/new"
    fields = {**_form(client, url), "title": "Something"}
    for parts in (["1"], ["1", "2", "2027", "9"]):
        data = [(k, v) for k, v in fields.items() if k != "due"] + [("due", p) for p in parts]
        response = client.post(url, data=MultiDict(data))
        assert response.status_code in (302, 400)
        if response.status_code == 400:
            assert "Due date" in response.get_data(as_text=True)


def test_unknown_suggestions_and_actions_are_not_found(app, client, closed):
    sign_in(client, LEADER)
    assert client.get(f"{_plan_url(closed)}/new?suggestion=step-99").status_code == 404
    assert client.get(f"{_plan_url(closed)}/999999").status_code == 404
    token = csrf_token(client.get(_plan_url(closed)).get_data(as_text=True))
    assert (
        client.post(
            f"{_plan_url(closed)}/suggestions/nope/drop", data={"csrf_token": token}
        ).status_code
        == 404
    )
    with app.app_context():
        assert actions.actions_of(assessments.assessment_by_id(closed.assessment_id)) == []


def test_an_open_assessment_has_no_suggestions_but_takes_actions(app, client, clean_database):
    council = make_council(app, "eastshire", LEADER)
    sign_in(client, LEADER)
    page = client.get(_plan_url(council)).get_data(as_text=True)
    assert _suggestion_keys(page) == []
    assert "No suggested steps are waiting" in page


def test_the_next_round_lists_the_previous_rounds_actions_by_theme_with_status(app, clean_database):
    council = make_council(app, "eastshire", LEADER)
    with app.app_context():
        from flask import render_template_string

        from assessment.bank import current_bank
        from assessment.storage import councils, database

        previous = assessments.assessment_by_id(council.assessment_id)
        actions.add_action(
            previous,
            None,
            {"title": "Fix the intranet", "theme_id": "technology", "status": "done"},
        )
        actions.add_action(
            previous, None, {"title": "Tell staff what we heard", "status": "in_progress"}
        )
        actions.add_action(
            previous,
            None,
            {"title": "Try things in small steps", "theme_id": "culture", "status": "dropped"},
        )
        later = assessments.create_assessment(
            councils.council_by_slug("eastshire"), "Eastshire 2027", 3, "test.1"
        )
        later.previous_assessment_id = previous.id
        database.commit()

        found = assessments.previous_round(later)
        by_theme = actions.actions_by_theme(found)
        with app.test_request_context():
            page = render_template_string(
                '{% from "actions/previous.html" import previous_actions, theme_actions %}'
                "{{ previous_actions(previous, bank, by_theme) }}"
                "<section id=culture>{{ theme_actions(by_theme, 'culture') }}</section>",
                previous=found,
                bank=current_bank(),
                by_theme=by_theme,
            )
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Fix the intranet: Done" in text
    assert "Tell staff what we heard: In progress" in text and "Not about one theme" in text
    culture = page.split("<section id=culture>")[1]
    assert "Try things in small steps: Dropped" in culture and "Fix the intranet" not in culture
