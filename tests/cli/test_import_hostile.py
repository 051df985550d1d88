"""Any file at all given to `responses import`: a one-line error or a clean import,
never a traceback, and never part of a file stored."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.storage import assessments, results

HEADER = ["respondent", "role", "service_area", "culture.test_and_learn", "culture.change"]
HOSTILE_CELLS = [
    "",
    "\x00",
    "R\x00",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil")',
    "' OR 1=1 --",
    "{{7*7}}",
    "../../etc/passwd",
    "\u202eevil",
    "\ufeff",
    "x" * 10_000,
    "１",
    "5.0",
    "dk",
    "DK",
    " 3 ",
]


def hostile() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE_CELLS), st.text(max_size=20))


VALID_ROW = ["R{n}", "frontline", "housing", "4", "dk"]


@st.composite
def csv_files(draw) -> bytes:
    """Mostly well-formed files with a hostile cell or two, so hostile values get past the
    header and row checks as far as the database."""
    header = list(HEADER)
    if draw(st.integers(0, 3)) == 0:
        header[draw(st.integers(0, len(header) - 1))] = draw(hostile())
    rows = []
    for n in range(draw(st.integers(0, 3))):
        row = [cell.format(n=n) for cell in VALID_ROW]
        for _ in range(draw(st.integers(0, 2))):
            row[draw(st.integers(0, len(row) - 1))] = draw(hostile())
        rows.append(row[: draw(st.integers(len(row) - 1, len(row)))])
    text = io.StringIO()
    writer = csv.writer(text, lineterminator=draw(st.sampled_from(["\r\n", "\n", "\r"])))
    writer.writerow(header)
    writer.writerows(rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]))
    return text.getvalue().encode(encoding, errors="replace")


files = st.one_of(csv_files(), csv_files(), csv_files(), st.binary(max_size=400))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=files)
def test_any_file_is_imported_whole_or_refused_in_one_line(runner, make_assessment, tmp_path, data):
    assessment_id = _assessment(make_assessment)
    path = tmp_path / "answers.csv"
    path.write_bytes(data)
    before = _counts(assessment_id)

    result = runner.invoke(args=["responses", "import", "--assessment", assessment_id, str(path)])

    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output + (result.stderr or "")
    if result.exit_code == 0:
        imported = int(result.stdout.split()[1])
        assert _counts(assessment_id) == (before[0] + imported, before[1] + imported)
    else:
        assert len(result.stderr.strip().splitlines()) == 1
        assert _counts(assessment_id) == before


_made: dict[int, str] = {}


def _assessment(make_assessment) -> str:
    # One assessment for all of a test's examples: made on the first, through the CLI.
    key = id(make_assessment)
    if key not in _made:
        _made.clear()
        _made[key] = make_assessment(threshold=3)
    return _made[key]


def _counts(assessment_id: str) -> tuple[int, int]:
    return results.response_counts(assessments.assessment_by_id(int(assessment_id)))


def test_every_hostile_cell_in_every_column_is_refused_or_imported_cleanly(
    runner, make_assessment, tmp_path
):
    assessment_id = make_assessment(threshold=3)
    path = tmp_path / "answers.csv"
    for column in range(len(VALID_ROW)):
        for n, cell in enumerate(HOSTILE_CELLS):
            row = [value.format(n=f"{column}-{n}") for value in VALID_ROW]
            row[column] = cell
            text = io.StringIO()
            csv.writer(text).writerows([HEADER, row])
            path.write_bytes(text.getvalue().encode())
            before = _counts(assessment_id)

            result = runner.invoke(
                args=["responses", "import", "--assessment", assessment_id, str(path)]
            )

            where = f"column {HEADER[column]}, cell {cell[:20]!r}"
            assert result.exception is None or isinstance(result.exception, SystemExit), (
                where,
                repr(result.exception)[:300],
            )
            assert result.exit_code in (0, 1), where
            expected = 1 if result.exit_code == 0 else 0
            assert _counts(assessment_id) == (before[0] + expected, before[1] + expected), where
