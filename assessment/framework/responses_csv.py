"""Reading a responses CSV (`responses import`) into checked, ready-to-store rows.

The contract is FRAMEWORK.md, "Responses CSV". Import is all or nothing: the
first problem raises CsvImportError, and the import reads the whole file once to
check it before it stores a row, so a council never ends up with half a file in
its results. Rows are read one at a time, never the whole file at once, so a
large file cannot exhaust the host. Messages are written for the person who made
the spreadsheet: one line, naming the line and the column to fix.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import BinaryIO, Literal

from assessment.framework.model import PREFER_NOT_TO_SAY, Bank

DONT_KNOW = "dk"
REQUIRED_COLUMNS = ("respondent", "role", "service_area")
MAX_RESPONDENT_LENGTH = 200  # the width of the column that keeps it
_LEVELS = {str(level): level for level in range(1, 6)}
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# Long enough to recognise a value, short enough to keep the message one line.
_SHOWN_CHARS = 40
_CHUNK = 1 << 16

Answer = int | Literal["dk"]
# Every well-formed answer, looked up before _answer checks (and words) a bad one.
_ANSWERS: dict[str, Answer] = {
    **_LEVELS,
    **{spelling: DONT_KNOW for spelling in ("dk", "dK", "Dk", "DK")},
}


@dataclass(frozen=True)
class ImportedResponse:
    line: int
    respondent: str
    role: str
    service_area: str
    # Only questions with a value; an empty cell is a missing answer, left out.
    answers: Mapping[str, Answer]


class CsvImportError(ValueError):
    """Why a responses file was rejected; str() is one line for the person fixing it."""

    def __init__(self, message: str, line: int | None = None, column: str | None = None):
        super().__init__(message)
        self.line = line
        self.column = column


def read_responses_csv(
    bank: Bank, stream: BinaryIO, already_imported: Collection[str] = ()
) -> Iterator[ImportedResponse]:
    """Each row of the file, checked, as it is read: a file of any length costs the
    memory of one row and of the respondent ids seen so far.

    The first problem raises CsvImportError, so a caller that stores rows as they
    come must do so in a transaction it can roll back. `stream` must be seekable:
    a file that is not UTF-8 is read again to name the line of the first bad byte.
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield from _responses(bank, _rows(text), frozenset(already_imported))
    except UnicodeDecodeError:
        line = _line_of_first_undecodable_byte(stream)
        raise CsvImportError(
            f"line {line}: the file is not UTF-8 text; save it as CSV UTF-8", line=line
        ) from None
    finally:
        text.detach()  # the caller opened the stream and closes it


def _responses(
    bank: Bank, rows: Iterator[tuple[int, list[str]]], imported: frozenset[str]
) -> Iterator[ImportedResponse]:
    header = next(rows, None)
    if header is None:
        raise CsvImportError(
            "the file is empty; the first line must be a header naming "
            "respondent, role, service_area and the question ids"
        )
    header_line, columns = header
    _check_header(bank, header_line, columns)
    options = ([o.id for o in bank.roles], [o.id for o in bank.service_areas])

    # Only the ids, to name the line a repeated one was first seen on.
    seen: dict[str, int] = {}
    for line, cells in rows:
        response = _response(columns, options, line, cells)
        if response.respondent in seen:
            raise _error(
                line,
                "respondent",
                f"{_show(response.respondent)} is repeated; it is also on line "
                f"{seen[response.respondent]}",
            )
        if response.respondent in imported:
            raise _error(
                line,
                "respondent",
                f"{_show(response.respondent)} was already imported into this assessment",
            )
        seen[response.respondent] = line
        yield response
    if not seen:
        raise CsvImportError("no responses found: the file has a header but no rows of answers")


def _line_of_first_undecodable_byte(stream: BinaryIO) -> int:
    """The line (as the csv reader counts them) holding the first byte that is not UTF-8."""
    stream.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    breaks, last = 0, ""
    while True:
        chunk = stream.read(_CHUNK)
        try:
            decoded = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            # error.object is what the decoder held back plus this chunk.
            decoded = error.object[: error.start].decode("utf-8")
            return breaks + _line_breaks(last + decoded) - _line_breaks(last) + 1
        breaks += _line_breaks(last + decoded) - _line_breaks(last)
        last = (last + decoded)[-1:]
        if not chunk:
            return breaks + 1  # not reached: the text wrapper found a bad byte


def _line_breaks(text: str) -> int:
    """Line ends as the csv reader counts them: CRLF, a lone CR or a lone LF."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _rows(text: io.TextIOWrapper) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows, stripped, with the line each ends on."""
    reader = csv.reader(text)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line = reader.line_num
            raise CsvImportError(
                f"line {line}: the file is not valid CSV ({error})", line=line
            ) from None
        cells = [cell.strip() for cell in row]
        if any(cells):
            yield reader.line_num, cells


def _check_header(bank: Bank, line: int, columns: list[str]) -> None:
    seen: set[str] = set()
    for position, column in enumerate(columns, start=1):
        if not column:
            raise CsvImportError(
                f"line {line}: column {position} has no name in the header; "
                "name it or delete the column",
                line=line,
            )
        if column not in REQUIRED_COLUMNS and not bank.has_question(column):
            example = f" such as {bank.questions[0].id}" if bank.questions else ""
            raise CsvImportError(
                f"line {line}, column {_show(column)}: unknown column; expected "
                f"respondent, role, service_area or a question id{example}",
                line=line,
                column=column,
            )
        if column in seen:
            raise _error(line, column, "the header names this column more than once")
        seen.add(column)
    for required in REQUIRED_COLUMNS:
        if required not in seen:
            raise CsvImportError(
                f"line {line}: the header has no {required} column; it needs "
                "respondent, role and service_area",
                line=line,
            )


def _response(
    columns: list[str], options: tuple[list[str], list[str]], line: int, cells: list[str]
) -> ImportedResponse:
    if len(cells) != len(columns):
        raise CsvImportError(
            f"line {line}: the row has {len(cells)} cell{'' if len(cells) == 1 else 's'} "
            f"but the header has {len(columns)} columns",
            line=line,
        )
    row = dict(zip(columns, cells, strict=True))
    if not row["respondent"]:
        raise _error(line, "respondent", "empty; every row needs a respondent id")
    if _CONTROL_CHARACTERS.search(row["respondent"]):
        # Databases refuse some (PostgreSQL cannot store NUL); no real id has them.
        raise _error(line, "respondent", "contains control characters; use letters and numbers")
    if len(row["respondent"]) > MAX_RESPONDENT_LENGTH:
        raise _error(line, "respondent", f"longer than {MAX_RESPONDENT_LENGTH} characters")
    role = _option(line, "role", row["role"], options[0])
    area = _option(line, "service_area", row["service_area"], options[1])
    answers = {
        column: _ANSWERS.get(value) or _answer(line, column, value)
        for column, value in row.items()
        if value and column not in REQUIRED_COLUMNS
    }
    if not answers:
        raise CsvImportError(
            f"line {line}: the row has no answers; give at least one (1 to 5 or dk) "
            "or delete the row",
            line=line,
        )
    return ImportedResponse(line, row["respondent"], role, area, answers)


def _answer(line: int, column: str, value: str) -> Answer:
    if value.lower() == DONT_KNOW:
        return DONT_KNOW
    if value in _LEVELS:
        return _LEVELS[value]
    raise _error(
        line, column, f"{_show(value)} is not an answer (use 1 to 5, dk, or leave it empty)"
    )


def _option(line: int, column: str, value: str, ids: list[str]) -> str:
    if not value:
        return PREFER_NOT_TO_SAY
    if value in ids:
        return value
    kind = "role" if column == "role" else "service area"
    raise _error(line, column, f"{_show(value)} is not a {kind}; use one of {', '.join(ids)}")


def _error(line: int, column: str, problem: str) -> CsvImportError:
    return CsvImportError(f"line {line}, column {column}: {problem}", line=line, column=column)


def _show(value: str) -> str:
    """A cell's text, quoted; repr() keeps a newline inside a cell from breaking the line."""
    if len(value) > _SHOWN_CHARS:
        value = value[:_SHOWN_CHARS] + "..."
    return repr(value)
