import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessment.framework import responses_csv
from assessment.framework.loader import load_bank
from assessment.framework.responses_csv import (
    CsvImportError,
    ImportedResponse,
    read_responses_csv,
)

BANK = load_bank(Path(__file__).parents[1] / "fixtures" / "questions" / "two_themes")
HEADER = "respondent,role,service_area,culture.test_and_learn,culture.change,technology.legacy"


def csv_bytes(*lines: str) -> bytes:
    # Excel writes CRLF line endings, so the tests do too.
    return "\r\n".join(lines).encode("utf-8")


def parse_responses_csv(bank, data: bytes, already_imported=()) -> list[ImportedResponse]:
    return list(read_responses_csv(bank, io.BytesIO(data), already_imported))


def parse(*lines: str, already_imported: tuple[str, ...] = ()) -> list[ImportedResponse]:
    return parse_responses_csv(BANK, csv_bytes(*lines), already_imported)


def test_reads_an_excel_file_with_a_byte_order_mark():
    data = b"\xef\xbb\xbf" + csv_bytes(HEADER, "R1,leadership,housing,1,2,3")
    assert parse_responses_csv(BANK, data) == [
        ImportedResponse(
            line=2,
            respondent="R1",
            role="leadership",
            service_area="housing",
            answers={"culture.test_and_learn": 1, "culture.change": 2, "technology.legacy": 3},
        )
    ]


def test_dont_know_in_any_case_and_surrounding_spaces_are_accepted():
    [response] = parse(
        " respondent , role ,service_area, culture.change ,"
        "technology.legacy,culture.test_and_learn",
        "  R1 , manager , planning ,  DK , Dk ,  5 ",
    )
    assert response.respondent == "R1"
    assert (response.role, response.service_area) == ("manager", "planning")
    assert response.answers == {
        "culture.change": "dk",
        "technology.legacy": "dk",
        "culture.test_and_learn": 5,
    }


def test_empty_role_and_service_area_mean_prefer_not_to_say():
    [response] = parse(HEADER, "R1,,,1,1,1")
    assert (response.role, response.service_area) == ("prefer_not_to_say", "prefer_not_to_say")


def test_question_columns_may_be_absent_and_empty_cells_are_missing_answers():
    [response] = parse("respondent,role,service_area,culture.change", "R1,frontline,other,dk")
    assert response.answers == {"culture.change": "dk"}
    [response] = parse(HEADER, "R1,frontline,other,,4,")
    assert response.answers == {"culture.change": 4}


def test_blank_lines_are_skipped_and_lines_are_counted_as_in_the_file():
    responses = parse(HEADER, "", "R1,frontline,housing,1,,", " , , , , , ", "R2,manager,other,,4,")
    assert [(r.line, r.respondent, dict(r.answers)) for r in responses] == [
        (3, "R1", {"culture.test_and_learn": 1}),
        (5, "R2", {"culture.change": 4}),
    ]


def test_a_row_with_no_answers_is_refused_but_dont_know_is_an_answer():
    [response] = parse(HEADER, "R2,frontline,housing,dk,,")
    assert response.answers == {"culture.test_and_learn": "dk"}
    with pytest.raises(CsvImportError) as caught:
        parse(HEADER, "R2,frontline,housing,dk,,", "R1,leadership,housing, ,,")
    assert str(caught.value) == (
        "line 3: the row has no answers; give at least one (1 to 5 or dk) or delete the row"
    )
    assert caught.value.line == 3


def test_a_respondent_not_yet_imported_is_accepted():
    [response] = parse(HEADER, "R2,leadership,housing,1,,", already_imported=("R1",))
    assert response.respondent == "R2"


@pytest.mark.parametrize(
    ("lines", "message", "line", "column"),
    [
        pytest.param(
            [
                HEADER,
                "R1,leadership,housing,1,2,3",
                "R2,leadership,housing,1,2,3",
                "R3,manager,other,1,7,1",
            ],
            "line 4, column culture.change: '7' is not an answer "
            "(use 1 to 5, dk, or leave it empty)",
            4,
            "culture.change",
            id="value out of range",
        ),
        pytest.param(
            [HEADER, "R1,leadership,housing,1,2,3.0"],
            "line 2, column technology.legacy: '3.0' is not an answer "
            "(use 1 to 5, dk, or leave it empty)",
            2,
            "technology.legacy",
            id="value not a whole level",
        ),
        pytest.param(
            ["respondent,role,service_area,foo", "R1,leadership,housing,1"],
            "line 1, column 'foo': unknown column; expected respondent, role, service_area "
            "or a question id such as culture.test_and_learn",
            1,
            "foo",
            id="unknown column",
        ),
        pytest.param(
            ["respondent,role,service_area,culture.change,culture.change", "R1,manager,other,1,1"],
            "line 1, column culture.change: the header names this column more than once",
            1,
            "culture.change",
            id="repeated column",
        ),
        pytest.param(
            ["respondent,role,service_area,", "R1,manager,other,"],
            "line 1: column 4 has no name in the header; name it or delete the column",
            1,
            None,
            id="unnamed column",
        ),
        pytest.param(
            ["respondent,service_area,culture.change", "R1,other,1"],
            "line 1: the header has no role column; it needs respondent, role and service_area",
            1,
            None,
            id="missing required column",
        ),
        pytest.param(
            [HEADER, "R1,leadership,housing,1,2"],
            "line 2: the row has 5 cells but the header has 6 columns",
            2,
            None,
            id="too few cells",
        ),
        pytest.param(
            [HEADER, "", "R1,leadership,housing,1,2,3,4"],
            "line 3: the row has 7 cells but the header has 6 columns",
            3,
            None,
            id="too many cells",
        ),
        pytest.param(
            [HEADER, "R1,leadership,housing,1,2,3", "  ,manager,housing,1,2,3"],
            "line 3, column respondent: empty; every row needs a respondent id",
            3,
            "respondent",
            id="empty respondent",
        ),
        pytest.param(
            [HEADER, "R1,boss,housing,1,2,3"],
            "line 2, column role: 'boss' is not a role; use one of elected_member, leadership, "
            "manager, frontline, prefer_not_to_say",
            2,
            "role",
            id="unknown role",
        ),
        pytest.param(
            [HEADER, "R1,manager,Housing,1,2,3"],
            "line 2, column service_area: 'Housing' is not a service area; use one of housing, "
            "planning, other, prefer_not_to_say",
            2,
            "service_area",
            id="unknown service area",
        ),
        pytest.param(
            [HEADER, "R1,manager,housing,1,,", "R2,manager,housing,,dk,", "R1,frontline,other,,,3"],
            "line 4, column respondent: 'R1' is repeated; it is also on line 2",
            4,
            "respondent",
            id="respondent repeated in the file",
        ),
        pytest.param(
            [HEADER, "", ""],
            "no responses found: the file has a header but no rows of answers",
            None,
            None,
            id="header but no rows",
        ),
    ],
)
def test_a_bad_file_is_rejected_naming_the_line_and_column(lines, message, line, column):
    with pytest.raises(CsvImportError) as caught:
        parse(*lines)
    assert str(caught.value) == message
    assert (caught.value.line, caught.value.column) == (line, column)


def test_a_respondent_already_imported_is_rejected():
    lines = [
        HEADER,
        "R10,manager,housing,1,,",
        "R11,manager,housing,2,,",
        "",
        "R12,manager,other,3,,",
    ]
    with pytest.raises(CsvImportError) as caught:
        parse(*lines, already_imported=["R12"])
    assert str(caught.value) == (
        "line 5, column respondent: 'R12' was already imported into this assessment"
    )


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b" , ,\n"])
def test_an_empty_file_is_rejected(data):
    with pytest.raises(
        CsvImportError, match=r"^the file is empty; the first line must be a header"
    ):
        parse_responses_csv(BANK, data)


def test_a_file_that_is_not_utf8_is_rejected_naming_the_line():
    data = csv_bytes(HEADER, "R1,manager,housing,1,2,3", "Ren\xe9e,manager,housing,1,2,3")
    with pytest.raises(CsvImportError) as caught:
        parse_responses_csv(BANK, b"\xef\xbb\xbf" + data.replace("é".encode(), b"\xe9"))
    assert str(caught.value) == "line 3: the file is not UTF-8 text; save it as CSV UTF-8"
    assert caught.value.line == 3


def test_a_cell_over_the_csv_size_limit_is_rejected_naming_the_line():
    data = csv_bytes(HEADER, "R1,manager,housing,1,2,3", "R2,manager,housing,1,2," + "9" * 200_000)
    with pytest.raises(CsvImportError, match=r"^line 3: the file is not valid CSV \(field larger"):
        parse_responses_csv(BANK, data)


def test_a_multiline_cell_is_shown_on_one_line_in_the_message():
    with pytest.raises(CsvImportError) as caught:
        parse(HEADER, 'R1,manager,housing,1,2,"3', "R2,manager,housing,1,2,3")
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith("line 3, column technology.legacy: '3\\r\\nR2,")


@given(st.binary())
def test_any_bytes_either_parse_or_raise_csv_import_error(data):
    try:
        parse_responses_csv(BANK, data)
    except CsvImportError as error:
        assert "\n" not in str(error)


@given(st.lists(st.lists(st.sampled_from(["R1", "R2", "dk", "1", "7", "", " ", '"', "\n"]))))
def test_any_rows_under_a_good_header_either_parse_or_raise_csv_import_error(rows):
    data = csv_bytes(HEADER, *(",".join(row) for row in rows))
    try:
        parse_responses_csv(BANK, data)
    except CsvImportError as error:
        assert "\n" not in str(error)


class _CountingStream(io.BytesIO):
    """A file that remembers how far it has been read."""

    furthest = 0

    def read(self, size=-1):
        data = super().read(size)
        self.furthest = max(self.furthest, self.tell())
        return data

    read1 = read

    def readinto(self, buffer):
        count = super().readinto(buffer)
        self.furthest = max(self.furthest, self.tell())
        return count

    readinto1 = readinto


def test_rows_come_out_as_the_file_is_read_not_after_all_of_it():
    rows = [f"R{n},manager,housing,1,2,3" for n in range(50_000)]
    stream = _CountingStream(csv_bytes(HEADER, *rows))
    reader = read_responses_csv(BANK, stream)
    assert next(reader).respondent == "R0"
    assert stream.furthest < len(stream.getvalue()) / 10


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_bad_byte_far_into_a_file_is_found_on_its_own_line(newline, bom):
    rows = [f"R{n},manager,housing,1,2,3" for n in range(2, 20_000)]
    rows[9_000] = "Ren\xe9e,manager,housing,1,2,3"  # on line 9,002 counting the header
    text = newline.join([HEADER, *rows]).encode("utf-8").replace("é".encode(), b"\xe9")
    with pytest.raises(CsvImportError) as caught:
        parse_responses_csv(BANK, bom + text)
    assert str(caught.value) == "line 9002: the file is not UTF-8 text; save it as CSV UTF-8"


@pytest.mark.parametrize("chunk", [1, 2, 3, 7])
def test_the_bad_line_is_counted_right_whichever_way_the_file_is_read_in_pieces(monkeypatch, chunk):
    monkeypatch.setattr(responses_csv, "_CHUNK", chunk)
    data = b"\xef\xbb\xbf" + csv_bytes(
        HEADER, "R1,manager,housing,1,2,3", "\r", '"Zo\xc3\xab\r\nX",manager,housing,1,2,3'
    )
    with pytest.raises(CsvImportError, match=r"^line 7: the file is not UTF-8"):
        parse_responses_csv(BANK, data + b"\r\n\xe9,manager,housing,1,2,3")
