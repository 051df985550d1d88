"""`actions --assessment ID --format csv|json`: the action plan for other tools."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from assessment.storage import actions, assessments, database

from .conftest import assert_one_line_error


def _plan(assessment_id: str) -> None:
    assessment = assessments.assessment_by_id(int(assessment_id))
    actions.add_action(
        assessment,
        None,
        {
            "title": "=Fix the intranet search",
            "detail": "Ask staff, then fix it",
            "theme_id": "technology",
            "owner": "Head of Digital",
            "due": date(2027, 3, 31),
            "measure": "Staff find a policy in two clicks",
            "status": "in_progress",
        },
    )
    actions.add_action(assessment, None, {"title": "Tell staff", "status": "planned"})
    database.commit()


def test_actions_print_as_csv_and_json(runner, make_assessment):
    assessment_id = make_assessment()
    _plan(assessment_id)

    as_csv = runner.invoke(args=["actions", "--assessment", assessment_id, "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["title"] for r in rows] == ["'=Fix the intranet search", "Tell staff"]
    assert rows[0]["due"] == "2027-03-31" and rows[0]["theme"] == "technology"
    assert rows[1]["due"] == "" and rows[1]["status"] == "planned"

    as_json = runner.invoke(args=["actions", "--assessment", assessment_id, "--format", "json"])
    document = json.loads(as_json.stdout)
    assert list(document["actions"][0]) == [
        "id",
        "title",
        "detail",
        "theme",
        "owner",
        "due",
        "measure",
        "status",
    ]
    assert document["actions"][0]["title"] == "=Fix the intranet search"  # JSON holds it as typed
    assert document["actions"][0]["owner"] == "Head of Digital"


def test_an_unknown_assessment_or_format_is_one_line_and_exit_1(runner, make_assessment):
    missing = runner.invoke(args=["actions", "--assessment", "999999"])
    assert_one_line_error(missing, "assessment 999999")
    wrong = runner.invoke(args=["actions", "--assessment", make_assessment(), "--format", "pdf"])
    assert wrong.exit_code == 2 and "pdf" in wrong.stderr
