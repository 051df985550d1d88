"""Retention and data rights at the command line: unsubmitted answers are not kept
for ever, a council or an assessment can be erased for good, and a council can take
all its data away in one archive."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from assessment.bank import current_bank
from assessment.framework.responses_csv import read_responses_csv
from assessment.storage.base import db
from assessment.storage.models import Response

from ..conftest import _click_mixes_stderr
from ..integration.officer import Officer
from ..integration.people import make_council
from ..integration.test_retention import TABLES, all_rows, assessment_rows, council_rows, fill
from .conftest import assert_one_line_error


@pytest.fixture
def runner(app, clean_database):
    """The command line without an app context held open around the test: officers
    answer in the web between commands, and requests inside a held context would
    share its flask.g (and so one CSRF token) between browsers."""
    return app.test_cli_runner(mix_stderr=False) if _click_mixes_stderr() else app.test_cli_runner()


@pytest.fixture
def councils(app, runner):
    east = make_council(app, "eastshire", "lead@east.example")
    west = make_council(app, "westshire", "lead@west.example")
    second = fill(app, east)
    fill(app, west)
    return east, west, second


# Retention: purge


def _officer_left(app, invitation: str, role: str, days_ago: int, submit: bool) -> Officer:
    """An officer who last changed their answers `days_ago` days ago."""
    officer = Officer(app.test_client(), invitation)
    assert officer.say_about_me(role=role, area="housing").status_code == 302
    officer.answer("culture", {"culture.test_and_learn": "3"}, f"Comment by {role}")
    if submit:
        officer.submit()
    then = datetime.now(UTC) - timedelta(days=days_ago)
    with app.app_context():
        db.session.execute(
            sa.update(Response).where(Response.role_tier == role).values(updated_at=then)
        )
        db.session.commit()
    return officer


def _roles_left(app) -> list[str]:
    with app.app_context():
        return sorted(db.session.scalars(sa.select(Response.role_tier)))


def _rows(app, table: str) -> int:
    return all_rows(app)[table]


def test_purge_deletes_unsubmitted_answers_left_past_retention_and_keeps_submitted_ones(
    app, runner, open_assessment
):
    _officer_left(app, open_assessment, "elected_member", days_ago=400, submit=True)
    gone = _officer_left(app, open_assessment, "manager", days_ago=31, submit=False)
    _officer_left(app, open_assessment, "frontline", days_ago=29, submit=False)
    _officer_left(app, open_assessment, "leadership", days_ago=0, submit=False)
    answers, entries = _rows(app, "answer"), _rows(app, "theme_entry")

    result = runner.invoke(args=["purge", "--older-than", "30"])

    assert result.exit_code == 0, result.output
    assert result.stdout == "Deleted 1 unsubmitted response last changed more than 30 days ago.\n"
    assert _roles_left(app) == ["elected_member", "frontline", "leadership"]
    assert (_rows(app, "answer"), _rows(app, "theme_entry")) == (answers - 1, entries - 1)
    # The officer who left it too long finds their session over, not their old answers.
    assert gone.get(f"{gone.base}/tasks").status_code == 302


def test_purge_never_deletes_a_submitted_response_however_old(app, runner, open_assessment):
    _officer_left(app, open_assessment, "frontline", days_ago=3650, submit=True)

    result = runner.invoke(args=["purge", "--older-than", "1"])

    assert result.stdout == "Deleted 0 unsubmitted responses last changed more than 1 day ago.\n"
    assert _roles_left(app) == ["frontline"]


@pytest.mark.parametrize("days", ["0", "-30"])
def test_purge_refuses_a_retention_of_less_than_a_day(app, runner, open_assessment, days):
    _officer_left(app, open_assessment, "frontline", days_ago=5, submit=False)

    result = runner.invoke(args=["purge", "--older-than", days])

    assert_one_line_error(result, f"--older-than {days}", "from 1")
    assert _roles_left(app) == ["frontline"]


# Erasure: deleting an assessment or a council


def test_deleting_an_assessment_asks_for_yes_then_removes_every_row_of_it(app, runner, councils):
    east, _, _ = councils
    before = {
        "doomed": assessment_rows(app, east.assessment_id),
        "east": council_rows(app, "eastshire"),
        "west": council_rows(app, "westshire"),
    }

    refused = runner.invoke(args=["assessments", "delete", str(east.assessment_id)])
    assert_one_line_error(refused, "add --yes", "4 responses")
    assert council_rows(app, "eastshire") == before["east"]

    done = runner.invoke(args=["assessments", "delete", str(east.assessment_id), "--yes"])
    assert done.exit_code == 0, done.output
    assert done.stdout == (
        f"Deleted assessment {east.assessment_id} (Eastshire 2026) and 4 responses.\n"
    )
    assert assessment_rows(app, east.assessment_id) == dict.fromkeys(TABLES, 0)
    east_after = council_rows(app, "eastshire")
    assert east_after == {t: before["east"][t] - before["doomed"][t] for t in TABLES}
    assert council_rows(app, "westshire") == before["west"]


def test_deleting_a_council_asks_for_yes_then_removes_every_row_of_it(app, runner, councils):
    before = {"east": council_rows(app, "eastshire"), "west": council_rows(app, "westshire")}
    totals = all_rows(app)

    refused = runner.invoke(args=["councils", "delete", "eastshire"])
    assert_one_line_error(refused, "add --yes", "2 assessments", "5 responses")
    assert all_rows(app) == totals

    done = runner.invoke(args=["councils", "delete", "eastshire", "--yes"])
    assert done.exit_code == 0, done.output
    assert done.stdout == (
        "Deleted council eastshire with 2 assessments, 5 responses and 1 leader account.\n"
    )
    assert council_rows(app, "eastshire") == dict.fromkeys(TABLES, 0)
    assert council_rows(app, "westshire") == before["west"]
    assert all_rows(app) == {t: totals[t] - before["east"][t] for t in TABLES}


def test_deleting_what_does_not_exist_says_so(runner, councils):
    assert_one_line_error(runner.invoke(args=["councils", "delete", "nowhere", "--yes"]), "nowhere")
    assert_one_line_error(
        runner.invoke(args=["assessments", "delete", "999999", "--yes"]), "999999"
    )


# Data rights: a council's data in one archive


@pytest.fixture
def archive(runner, councils, tmp_path):
    path = tmp_path / "eastshire.zip"
    result = runner.invoke(args=["councils", "export", "eastshire", "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {path} (")
    with zipfile.ZipFile(path) as opened:
        return {name: opened.read(name) for name in opened.namelist()}


def test_the_archive_holds_the_council_its_assessments_and_their_files(runner, councils, archive):
    east, _, second = councils
    document = json.loads(archive["council.json"])
    ids = [str(east.assessment_id), str(second)]
    assert set(archive) == {"council.json"} | {
        f"assessment-{i}-{kind}.csv" for i in ids for kind in ("results", "responses")
    }
    assert document["council"] == {
        "slug": "eastshire",
        "name": "Eastshire Council",
        "created_at": document["council"]["created_at"],
    }
    assert [leader["email"] for leader in document["leaders"]] == ["lead@east.example"]
    first = document["assessments"][0]
    assert [a["id"] for a in document["assessments"]] == ids
    assert {key: first[key] for key in ("title", "status", "anonymity_threshold")} == {
        "title": "Eastshire 2026",
        "status": "open",
        "anonymity_threshold": 3,
    }
    assert first["bank_version"] == "test.1"
    assert first["responses"] == {"started": 4, "submitted": 3}
    assert first["results_snapshot"] is None  # still open: leaders have been shown nothing
    closed = document["assessments"][1]
    assert closed["status"] == "closed" and closed["results_snapshot"]["submitted"] == 1
    assert first["comments"] == {
        "culture": [
            {"text": text, "moderation": "shown", "reason": None}
            for text in (
                "From frontline in housing",
                "From leadership in other",
                "From manager in planning",
            )
        ]
    }
    results = runner.invoke(args=["results", "--assessment", ids[0], "--format", "json"])
    assert first["results"] == json.loads(results.stdout)


def test_the_archive_holds_nothing_of_another_council(archive):
    everything = b"".join(archive.values()).decode("utf-8").lower()
    assert "westshire" not in everything and "lead@west.example" not in everything


def test_the_results_csv_is_the_one_leaders_download(runner, councils, archive):
    east, _, _ = councils
    exported = archive[f"assessment-{east.assessment_id}-results.csv"].decode("utf-8-sig")
    printed = runner.invoke(
        args=["results", "--assessment", str(east.assessment_id), "--format", "csv"]
    ).stdout
    assert list(csv.reader(io.StringIO(exported))) == list(csv.reader(io.StringIO(printed)))


def test_the_responses_csv_holds_only_submitted_answers_and_no_one_s_identity(
    runner, councils, archive
):
    east, _, _ = councils
    data = archive[f"assessment-{east.assessment_id}-responses.csv"]
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 3  # the officer still answering is not in it
    assert sorted(row["respondent"] for row in rows) == [
        "respondent-1",
        "respondent-2",
        "respondent-3",
    ]
    assert sorted((r["role"], r["service_area"], r["culture.change"]) for r in rows) == [
        ("frontline", "housing", "dk"),
        ("leadership", "other", "4"),
        ("manager", "planning", "dk"),  # left to the end, then answered Don't know
    ]
    assert "From" not in data.decode("utf-8")  # comments stay in council.json, unattributed


def test_the_responses_csv_imports_back_to_the_same_results(
    app, runner, councils, archive, tmp_path
):
    east, _, _ = councils
    data = archive[f"assessment-{east.assessment_id}-responses.csv"]
    with app.app_context():  # the import format, as written
        assert len(list(read_responses_csv(current_bank(), io.BytesIO(data)))) == 3
    path = tmp_path / "responses.csv"
    path.write_bytes(data)
    copy = runner.invoke(
        args=[
            *("assessments", "create", "--council", "westshire", "--title", "Copy"),
            *("--anonymity-threshold", "3"),
            *("--previous", "none"),  # a restored copy, not a round after Westshire's own
        ]
    ).stdout.strip()

    imported = runner.invoke(args=["responses", "import", "--assessment", copy, str(path)])

    assert imported.exit_code == 0, imported.output
    original, restored = (
        json.loads(runner.invoke(args=["results", "--assessment", i, "--format", "json"]).stdout)
        for i in (str(east.assessment_id), copy)
    )
    for document in (original, restored):
        del document["assessment"]
    assert restored == original


def test_exporting_a_council_that_does_not_exist_or_to_nowhere_says_so(runner, councils, tmp_path):
    missing = runner.invoke(args=["councils", "export", "nowhere", "--output", "x.zip"])
    assert_one_line_error(missing, "nowhere", "no council")
    unwritable = tmp_path / "no-such-folder" / "east.zip"
    failed = runner.invoke(args=["councils", "export", "eastshire", "--output", str(unwritable)])
    assert_one_line_error(failed, str(unwritable), "cannot write")


def test_purge_without_a_number_of_days_uses_the_retention_setting(app, runner, open_assessment):
    _officer_left(app, open_assessment, "manager", days_ago=31, submit=False)
    _officer_left(app, open_assessment, "frontline", days_ago=29, submit=False)
    app.config["RETENTION_DAYS"] = 30
    try:
        result = runner.invoke(args=["purge"])
    finally:
        app.config["RETENTION_DAYS"] = 90

    assert result.exit_code == 0, result.output
    assert result.stdout == "Deleted 1 unsubmitted response last changed more than 30 days ago.\n"
    assert _roles_left(app) == ["frontline"]
