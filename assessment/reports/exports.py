"""The results exports leaders download: the CSV table, an Excel workbook, their file names.

Both exports are built from `results_csv_rows`, so the CSV, the workbook and the
command line's `results --format csv` always agree on every figure.

Labels, titles and level names come from the question bank and the assessment,
which administrators can edit, so every text cell is treated as untrusted: a
value a spreadsheet would read as a formula (OWASP "CSV injection") is given a
leading quote. Numeric columns are checked to be plain numbers instead, so a
negative figure stays a number rather than turning into quoted text.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assessment.framework.change import Change
from assessment.framework.display import one_decimal
from assessment.framework.model import Bank
from assessment.framework.question_counts import QuestionCounts
from assessment.framework.results_contract import (
    CSV_COLUMNS,
    QUESTION_COLUMNS,
    question_rows,
    results_csv_rows,
)
from assessment.framework.scoring import Results

CREATOR = "Digital maturity self-assessment"
RESULTS_SHEET = "Results"
THEMES_SHEET = "Themes by group"
QUESTIONS_SHEET = "Questions by group"
ABOUT_SHEET = "About"
SCORE_FORMAT = "0.0"
SCORING_SUMMARY = (
    "Scores run from 1 to 5: a person's theme score is the weighted mean of their answers "
    "(don't know left out), a group's theme score the mean of its people's theme scores, "
    "and its overall score the mean of its shown theme scores."
)

# Cells starting with these are formulas (or can become one) in Excel, LibreOffice and Sheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_INTEGER_COLUMNS = frozenset(
    {"respondents", "dont_know_percent", "answered", "dont_know"}
    | {f"level_{level}" for level in range(1, 6)}
)
_DECIMAL_COLUMNS = frozenset({"score", "spread", "previous_score", "change"})
# A change carries its sign ("+0.3"): a number, never a formula, so it is not neutralised.
_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?")
CHANGE_FORMAT = "+0.0;-0.0;0.0"
_BOM = "\ufeff"
_SLUG_LENGTH = 60
_BOLD = Font(bold=True)


@dataclass(frozen=True)
class ExportAbout:
    """Whose results an export holds, and as of when: for its file name and its About sheet."""

    council: str  # the council's name
    council_slug: str
    assessment: str  # the assessment's title
    as_of: datetime.date | None  # the results' date; None before anyone has answered
    on: datetime.date  # the day of the download, named in the file when there is no as_of

    @property
    def dated(self) -> datetime.date:
        return self.as_of or self.on


def neutralise(cell: str) -> str:
    """The text with a leading quote if a spreadsheet would otherwise read it as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def neutralise_row(row: Mapping[str, str]) -> dict[str, str]:
    """A results row safe for a spreadsheet: text neutralised, numbers checked to be numbers."""
    safe = {}
    for column in CSV_COLUMNS:
        value = row[column]
        if column in _INTEGER_COLUMNS or column in _DECIMAL_COLUMNS:
            _number(column, value)  # raises unless it is a plain number or empty
            safe[column] = value
        else:
            safe[column] = neutralise(value)
    return safe


def results_csv(bank: Bank, results: Results, change: Change | None = None) -> bytes:
    """The results table as UTF-8 CSV with a byte-order mark (so Excel reads it as UTF-8),
    with the change since the previous round (`change`; None when there is none)."""
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)  # CRLF line endings by default
    writer.writeheader()
    writer.writerows(neutralise_row(row) for row in results_csv_rows(bank, results, change))
    return (_BOM + stream.getvalue()).encode("utf-8")


def results_xlsx(
    bank: Bank,
    results: Results,
    about: ExportAbout,
    *,
    questions: Mapping[str, QuestionCounts] | None = None,
    change: Change | None = None,
) -> bytes:
    """An Excel workbook: the results table (with the change since the previous round),
    themes by group, each question's answers by group (`questions`: None where they were
    not kept), and what the figures are."""
    workbook = Workbook()
    workbook.properties.title = _clean(f"{about.council}: {about.assessment}")
    workbook.properties.creator = CREATOR
    _results_sheet(workbook.active, bank, results, change)
    _themes_sheet(workbook.create_sheet(THEMES_SHEET), bank, results)
    _questions_sheet(workbook.create_sheet(QUESTIONS_SHEET), bank, results, questions)
    _about_sheet(workbook.create_sheet(ABOUT_SHEET), bank, results, about)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def export_filename(about: ExportAbout, extension: str, what: str = "results") -> str:
    """'exampleshire-digital-maturity-2026-results-2026-11-28.csv': ASCII, no quotes or slashes.

    The CSV, the workbook, the JSON and the PDF are all named here, so the files
    of one set of results sort together and say whose they are and as of when; `what`
    tells apart two files of one type ("findings" beside "results")."""
    parts = (_slug(about.council_slug), _slug(about.assessment), what, about.dated.isoformat())
    suffix = re.sub(r"[^a-z0-9]", "", extension.lower())
    name = "-".join(part for part in parts if part)
    return f"{name}.{suffix}" if suffix else name


def _results_sheet(sheet: Worksheet, bank: Bank, results: Results, change: Change | None) -> None:
    sheet.title = RESULTS_SHEET
    _header(sheet, CSV_COLUMNS)
    for row in results_csv_rows(bank, results, change):
        sheet.append([_cell_value(column, row[column]) for column in CSV_COLUMNS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            _protect(cell)
            column = CSV_COLUMNS[cell.column - 1]
            if column in _DECIMAL_COLUMNS:
                cell.number_format = CHANGE_FORMAT if column == "change" else SCORE_FORMAT
    sheet.freeze_panes = "A2"
    _fit_columns(sheet)


def _themes_sheet(sheet: Worksheet, bank: Bank, results: Results) -> None:
    groups = (results.council, *results.roles, *results.service_areas)
    kinds = {"council": "Council", "role": "Role", "service_area": "Service area"}
    _header(sheet, ["Group type", *(kinds[g.group_type] for g in groups)])
    _header(sheet, ["Theme", *(g.label for g in groups)])
    for theme in bank.themes:
        scores = [None if g.suppressed else g.theme(theme.id).score for g in groups]
        sheet.append([theme.title, *(_one_decimal(s) for s in scores)])
    sheet.append(["Overall", *(_one_decimal(g.overall) for g in groups)])
    sheet.append([])
    sheet.append([f"Blank: fewer than {results.threshold} people answered"])
    for row in sheet.iter_rows():
        for cell in row:
            _protect(cell)
            if cell.data_type == "n" and cell.value is not None:
                cell.number_format = SCORE_FORMAT
    sheet.freeze_panes = "B3"
    _fit_columns(sheet, skip_last_row=True)


def _questions_sheet(
    sheet: Worksheet,
    bank: Bank,
    results: Results,
    questions: Mapping[str, QuestionCounts] | None,
) -> None:
    if questions is None:
        sheet.append(
            ["Answers to each question by group were not kept for results closed before them."]
        )
        return
    _header(sheet, QUESTION_COLUMNS)
    for row in question_rows(bank, results, questions):
        sheet.append([_cell_value(column, row[column]) for column in QUESTION_COLUMNS])
    sheet.append([])
    sheet.append(
        [
            f"Blank: fewer than {results.threshold} people answered, or hidden so that no "
            "smaller group can be worked out by subtracting one figure from another"
        ]
    )
    for row in sheet.iter_rows():
        for cell in row:
            _protect(cell)
    sheet.freeze_panes = "A2"
    _fit_columns(sheet, skip_last_row=True)


def _about_sheet(sheet: Worksheet, bank: Bank, results: Results, about: ExportAbout) -> None:
    threshold = results.threshold
    respondents = results.council.respondents
    sheet.append(["Council", about.council])
    sheet.append(["Assessment", about.assessment])
    sheet.append(["Results as of", about.as_of.isoformat() if about.as_of else "No answers yet"])
    # A council under the threshold has its count hidden like every other figure.
    sheet.append(["Respondents", f"Fewer than {threshold}" if respondents is None else respondents])
    sheet.append(["Anonymity threshold", threshold])
    sheet.append(["Hidden figures", f"Any group or theme with fewer than {threshold} people"])
    sheet.append(["How scores are worked out", SCORING_SUMMARY])
    sheet.append(["Question bank version", bank.version])
    for row in sheet.iter_rows():
        row[0].font = _BOLD
        for cell in row:
            _protect(cell)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100


def _header(sheet: Worksheet, values: Iterable[str]) -> None:
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD


def _protect(cell) -> None:
    """Neutralise a text cell and make sure openpyxl stores it as a string, never a formula."""
    if isinstance(cell.value, str):
        cell.value = neutralise(_clean(cell.value))
        cell.data_type = "s"


def _cell_value(column: str, text: str) -> str | int | float | None:
    if column in _INTEGER_COLUMNS or column in _DECIMAL_COLUMNS:
        return _number(column, text)
    return text or None


def _number(column: str, text: str) -> int | float | None:
    """The figure in a numeric column: None when empty; anything but a plain number is a bug."""
    if text == "":
        return None
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"the {column} column must hold a number, not {text!r}")
    return int(text) if column in _INTEGER_COLUMNS else float(text)


def _one_decimal(score: float | None) -> float | None:
    # Through the display rounding (half up), so the sheet shows what pages and the CSV show.
    return None if score is None else float(one_decimal(score))


def _clean(text: str) -> str:
    # Control characters are not allowed in an .xlsx file; openpyxl refuses them.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _fit_columns(sheet: Worksheet, skip_last_row: bool = False) -> None:
    last = sheet.max_row - 1 if skip_last_row else sheet.max_row
    for column in sheet.iter_cols(max_row=last):
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=0)
        width = min(max(longest + 2, 8), 50)
        sheet.column_dimensions[get_column_letter(column[0].column)].width = width


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_SLUG_LENGTH].rstrip("-")
