"""An administrator imports a spreadsheet of answers collected on paper or in another tool.

The file is all or nothing: any problem rejects it with one line naming the
line and the column to fix, and not one response is stored.
"""

import pytest
from sqlalchemy import select

from assessment.bank import current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.framework.scoring import score
from assessment.storage import assessments, imports, responses, results, snapshots
from assessment.storage.base import Conflict, db
from assessment.storage.models import Response, ResponseTally

from .conftest import assert_one_line_error

HEADER = "respondent,role,service_area,culture.test_and_learn,culture.change,technology.legacy"
GOOD_ROWS = ("R1,leadership,housing,4,5,3", "R2,frontline,planning,2,dk,1")


@pytest.fixture
def assessment_id(make_assessment) -> str:
    return make_assessment(threshold=3)


@pytest.fixture
def write_csv(tmp_path):
    def write(*lines: str, name: str = "answers.csv", prefix: bytes = b"") -> str:
        path = tmp_path / name
        path.write_bytes(prefix + "\r\n".join(lines).encode("utf-8") + b"\r\n")
        return str(path)

    return write


def run_import(runner, assessment_id: str, path: str):
    return runner.invoke(args=["responses", "import", "--assessment", assessment_id, path])


def counts(assessment_id: str) -> tuple[int, int]:
    """(started, submitted) responses stored for the assessment."""
    return results.response_counts(assessments.assessment_by_id(int(assessment_id)))


def stored(assessment_id: str):
    return responses.submitted_respondents(assessments.assessment_by_id(int(assessment_id)))


def test_a_spreadsheet_of_answers_is_imported_as_submitted_responses(
    runner, assessment_id, write_csv
):
    result = run_import(runner, assessment_id, write_csv(HEADER, *GOOD_ROWS))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Imported 2 responses into assessment {assessment_id}"
    assert counts(assessment_id) == (2, 2)
    first, second = stored(assessment_id)
    assert (first.role, first.service_area) == ("leadership", "housing")
    assert first.answers == {
        "culture.test_and_learn": 4,
        "culture.change": 5,
        "technology.legacy": 3,
    }
    assert second.answers == {
        "culture.test_and_learn": 2,
        "culture.change": "dk",
        "technology.legacy": 1,
    }


def test_imported_responses_are_tallied_for_results_as_submitted_ones_are(
    runner, assessment_id, write_csv
):
    assert run_import(runner, assessment_id, write_csv(HEADER, *GOOD_ROWS)).exit_code == 0
    assessment = assessments.assessment_by_id(int(assessment_id))
    bank = current_bank()
    tallied = db.session.scalars(
        select(ResponseTally.theme_id)
        .join(Response, Response.id == ResponseTally.response_id)
        .where(Response.assessment_id == assessment.id, ResponseTally.bank_version == bank.version)
    ).all()
    assert sorted(tallied) == sorted([t.id for t in bank.themes] * 2)
    assert snapshots.live_results(assessment, bank) == score(bank, stored(assessment_id), 3)


def test_an_excel_file_with_a_byte_order_mark_is_accepted(runner, assessment_id, write_csv):
    path = write_csv(HEADER, *GOOD_ROWS, prefix=b"\xef\xbb\xbf")
    result = run_import(runner, assessment_id, path)
    assert result.exit_code == 0, result.output
    assert counts(assessment_id) == (2, 2)


def test_a_hand_made_file_is_read_generously(runner, assessment_id, write_csv):
    """Columns in any order, a question left out, spaces, DK in capitals, blank lines,
    and an empty role or area."""
    path = write_csv(
        "technology.legacy, respondent ,role,service_area,culture.change",
        " DK , R1 , manager , other , 4 ",
        "",
        "dk,R2,,,",
    )
    result = run_import(runner, assessment_id, path)
    assert result.exit_code == 0, result.output
    assert "Imported 2 responses" in result.stdout
    manager, unknown = stored(assessment_id)
    assert (manager.role, manager.service_area) == ("manager", "other")
    assert manager.answers == {"technology.legacy": "dk", "culture.change": 4}
    assert (unknown.role, unknown.service_area) == ("prefer_not_to_say", "prefer_not_to_say")
    assert unknown.answers == {"technology.legacy": "dk"}


BAD_FILES = {
    "unknown column": (
        [HEADER + ",culture.typo", "R1,leadership,housing,4,5,3,1"],
        ["line 1", "column 'culture.typo'", "unknown column"],
    ),
    "bad value": (
        [HEADER, *GOOD_ROWS, "R3,manager,other,3,6,3"],
        ["line 4", "column culture.change", "'6' is not an answer"],
    ),
    "unknown role": (
        [HEADER, *GOOD_ROWS, "R3,chief,other,3,3,3"],
        ["line 4", "column role", "'chief' is not a role"],
    ),
    "unknown service area": (
        [HEADER, *GOOD_ROWS, "R3,manager,parks,3,3,3"],
        ["line 4", "column service_area", "'parks' is not a service area"],
    ),
    "repeated respondent": (
        [HEADER, *GOOD_ROWS, "R1,manager,other,3,3,3"],
        ["line 4", "column respondent", "'R1' is repeated", "line 2"],
    ),
    "empty respondent": (
        [HEADER, *GOOD_ROWS, ",manager,other,3,3,3"],
        ["line 4", "column respondent", "empty"],
    ),
    "missing column": (
        ["respondent,role,culture.change", "R1,leadership,4"],
        ["line 1", "no service_area column"],
    ),
    "short row": (
        [HEADER, *GOOD_ROWS, "R3,manager,other,3"],
        ["line 4", "4 cells", "6 columns"],
    ),
    "row with no answers": (
        [HEADER, *GOOD_ROWS, "R3,manager,other,,,"],
        ["line 4", "no answers"],
    ),
    "header only": ([HEADER], ["no responses"]),
}


@pytest.mark.parametrize(("lines", "fragments"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_whole_naming_the_line_and_column(
    runner, assessment_id, write_csv, lines, fragments
):
    path = write_csv(*lines)
    result = run_import(runner, assessment_id, path)
    assert_one_line_error(result, path, *fragments)
    assert result.stdout == ""
    assert counts(assessment_id) == (0, 0)


def test_a_file_that_is_not_utf8_is_refused_naming_the_line(runner, assessment_id, tmp_path):
    path = tmp_path / "latin1.csv"
    rows = [HEADER, *GOOD_ROWS, "Zoë,manager,other,3,3,3"]
    path.write_bytes("\r\n".join(rows).encode("latin-1"))
    result = run_import(runner, assessment_id, str(path))
    assert_one_line_error(result, "line 4", "not UTF-8")
    assert counts(assessment_id) == (0, 0)


def test_importing_the_same_file_twice_is_refused_the_second_time(runner, assessment_id, write_csv):
    path = write_csv(HEADER, *GOOD_ROWS)
    assert run_import(runner, assessment_id, path).exit_code == 0
    result = run_import(runner, assessment_id, path)
    assert_one_line_error(result, "line 2", "column respondent", "'R1' was already imported")
    assert counts(assessment_id) == (2, 2)


def test_a_respondent_already_imported_elsewhere_in_a_new_file_is_refused(
    runner, assessment_id, write_csv
):
    assert run_import(runner, assessment_id, write_csv(HEADER, GOOD_ROWS[0])).exit_code == 0
    later = write_csv(HEADER, "R9,manager,other,3,3,3", GOOD_ROWS[0], name="later.csv")
    result = run_import(runner, assessment_id, later)
    assert_one_line_error(result, "line 3", "column respondent", "already imported")
    assert counts(assessment_id) == (1, 1)


def test_the_same_respondent_may_be_imported_into_another_assessment(
    runner, make_assessment, write_csv
):
    path = write_csv(HEADER, *GOOD_ROWS)
    first, second = make_assessment(threshold=3), make_assessment(threshold=3)
    assert run_import(runner, first, path).exit_code == 0
    assert run_import(runner, second, path).exit_code == 0
    assert counts(first) == counts(second) == (2, 2)


def test_importing_into_an_unknown_assessment_is_refused(runner, assessment_id, write_csv):
    result = run_import(runner, "424242", write_csv(HEADER, *GOOD_ROWS))
    assert_one_line_error(result, "assessment 424242", "no assessment")
    assert counts(assessment_id) == (0, 0)


def test_a_file_that_does_not_exist_is_a_usage_error(runner, assessment_id, tmp_path):
    result = run_import(runner, assessment_id, str(tmp_path / "missing.csv"))
    assert result.exit_code == 2
    assert "missing.csv" in result.stderr


def test_a_respondent_imported_at_the_same_time_is_a_conflict_and_nothing_is_kept(
    runner, assessment_id, write_csv
):
    """Two imports at once each check the file against what was stored before either:
    the database's unique constraint is the last word, on COPY as on INSERT."""
    assert run_import(runner, assessment_id, write_csv(HEADER, *GOOD_ROWS)).exit_code == 0
    racing = [
        ImportedResponse(2, "R9", "manager", "other", {"culture.change": 3}),
        ImportedResponse(3, "R1", "manager", "other", {"culture.change": 4}),
    ]
    with pytest.raises(Conflict):
        imports.import_responses(
            assessments.assessment_by_id(int(assessment_id)), racing, current_bank()
        )
    assert counts(assessment_id) == (2, 2)
