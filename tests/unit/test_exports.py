"""The results exports: CSV bytes, the Excel workbook, and their file names.

One small council on the two-theme test bank, k = 3, worked by hand:

    who                          culture  technology
    4 leaders in housing         2.25     4.0        (the results contract's council)
    3 frontline in planning      1 each   don't know (too few for a technology cell)
    1 manager in other           4        4          (a group of one: hidden)
    2 elected members, area not said  2   4          (hidden too)

The two elected members keep the manager from being council minus the shown groups: hidden
together, the small groups hold three people (secondary suppression).
Council: culture (2+2+2+3+1+1+1+4+2+2)/10 = 2.0, technology (3+4+5+4+4+4)/6 = 4.0,
overall 3.0.
"""

import csv
import dataclasses
import datetime
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assessment.framework.loader import load_bank
from assessment.framework.model import Option
from assessment.framework.question_counts import ChosenCount, question_counts
from assessment.framework.results_contract import CSV_COLUMNS, results_csv_rows
from assessment.framework.scoring import DONT_KNOW, Respondent, score
from assessment.reports.exports import (
    CREATOR,
    ExportAbout,
    export_filename,
    neutralise,
    neutralise_row,
    results_csv,
    results_xlsx,
)

BANK = load_bank(Path(__file__).resolve().parents[1] / "fixtures" / "questions" / "two_themes")
K = 3
TEXT_COLUMNS = ("group_type", "group", "group_label", "theme", "level", "suppressed")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def person(role, area, learn, change, legacy):
    answers = {"culture.test_and_learn": learn, "culture.change": change}
    return Respondent(role, area, {**answers, "technology.legacy": legacy})


PEOPLE = [
    person("leadership", "housing", 2, 2, DONT_KNOW),
    person("leadership", "housing", 2, 2, 3),
    person("leadership", "housing", 2, 2, 4),
    person("leadership", "housing", 3, 3, 5),
    *[person("frontline", "planning", 1, 1, DONT_KNOW)] * 3,
    person("manager", "other", 4, 4, 4),
    *[person("elected_member", "prefer_not_to_say", 2, 2, 4)] * 2,
]
EVIL = {
    "leadership": '=HYPERLINK("http://evil")',
    "housing": "@SUM(1)",
    "planning": "\t=1+1",
    "culture": "-2+3",
    "Developing": "+cmd",
}


def evil_bank():
    """The test bank with labels an administrator could have typed into it."""

    def relabel(options):
        return tuple(Option(o.id, EVIL.get(o.id, o.label)) for o in options)

    return dataclasses.replace(
        BANK,
        roles=relabel(BANK.roles),
        service_areas=relabel(BANK.service_areas),
        themes=tuple(dataclasses.replace(t, title=EVIL.get(t.id, t.title)) for t in BANK.themes),
        levels=tuple(
            dataclasses.replace(lv, name=EVIL.get(lv.name, lv.name)) for lv in BANK.levels
        ),
    )


def parse_csv(data):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def about(title="Digital maturity 2026", council="exampleshire", as_of=datetime.date(2026, 11, 20)):
    return ExportAbout(
        council="Exampleshire Council",
        council_slug=council,
        assessment=title,
        as_of=as_of,
        on=datetime.date(2026, 11, 28),
    )


def workbook(bank=BANK, title="Digital maturity 2026", people=PEOPLE):
    return load_workbook(io.BytesIO(results_xlsx(bank, score(bank, people, K), about(title))))


def values(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Housing", "Housing"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise_quotes_only_what_a_spreadsheet_would_run(cell, expected):
    assert neutralise(cell) == expected


def test_numeric_columns_keep_negative_numbers_and_refuse_anything_else():
    row = dict.fromkeys(CSV_COLUMNS, "")
    assert neutralise_row({**row, "spread": "-0.5", "respondents": "12"})["spread"] == "-0.5"
    for bad in ("=1+1", "nan", "1e5", " 2.0", "-"):
        with pytest.raises(ValueError, match="score"):
            neutralise_row({**row, "score": bad})


def test_the_csv_has_a_bom_crlf_lines_and_parses_back_to_the_results_rows():
    results = score(BANK, PEOPLE, K)
    data = results_csv(BANK, results)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").startswith(",".join(CSV_COLUMNS) + "\r\n")
    assert parse_csv(data) == results_csv_rows(BANK, results)


def test_labels_that_look_like_formulas_are_quoted_in_the_csv():
    bank = evil_bank()
    rows = parse_csv(results_csv(bank, score(bank, PEOPLE, K)))
    leaders_culture = next(
        r for r in rows if r["group"] == "leadership" and r["theme"] == "culture"
    )
    assert leaders_culture["group_label"] == "'" + EVIL["leadership"]
    assert leaders_culture["level"] == "'+cmd"
    assert {r["group_label"] for r in rows if r["group"] == "planning"} == {"'\t=1+1"}
    for row in rows:
        assert not any(row[c].startswith(FORMULA_STARTS) for c in TEXT_COLUMNS), row
    # Take the quotes off and it is the results table again.
    unquoted = [{k: v.removeprefix("'") for k, v in row.items()} for row in rows]
    assert unquoted == results_csv_rows(bank, score(bank, PEOPLE, K))


def test_no_cell_in_the_workbook_is_a_formula_and_evil_text_is_quoted():
    book = workbook(evil_bank(), title="=cmd|' /C calc'!A0")
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert not [t for t in texts if t.startswith(FORMULA_STARTS)]
    for evil in [*EVIL.values(), "=cmd|' /C calc'!A0"]:
        assert "'" + evil in texts
    assert book["Themes by group"]["A3"].value == "'-2+3"


def test_the_results_sheet_holds_the_csv_table_with_numbers_as_numbers():
    sheet = workbook()["Results"]
    rows = values(sheet)
    assert rows[0] == list(CSV_COLUMNS)
    numeric = {"respondents": int, "score": float, "spread": float, "dont_know_percent": int}
    expected = [
        [numeric[c](row[c]) if c in numeric and row[c] else row[c] or None for c in CSV_COLUMNS]
        for row in results_csv_rows(BANK, score(BANK, PEOPLE, K))
    ]
    assert rows[1:] == expected
    leaders_tech = next(r for r in rows if r[1] == "leadership" and r[3] == "technology")
    assert leaders_tech == [
        *("role", "leadership", "Leadership", "technology"),
        *(3, 4.0, "Advanced", 1.0, 25, "no"),
        *(None, None),  # no previous round, so no change
    ]
    # Excel keeps every number as a double, so check the cells are numbers, not text.
    assert {cell.data_type for cell in sheet["E"][1:] + sheet["F"][1:]} == {"n"}
    assert sheet["F2"].number_format == "0.0" and sheet["H2"].number_format == "0.0"
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"


def test_themes_by_group_has_themes_as_rows_groups_as_columns_and_blank_hidden_cells():
    sheet = workbook()["Themes by group"]
    rows = values(sheet)
    groups = ["Whole council", "Elected member", "Leadership", "Manager", "Frontline"]
    groups += ["Prefer not to say", "Housing", "Planning", "Other", "Prefer not to say"]
    assert rows[0] == ["Group type", "Council", *["Role"] * 5, *["Service area"] * 4]
    assert rows[1] == ["Theme", *groups]
    # Council, elected, leaders, manager, frontline, pnts, housing, planning, other, pnts.
    assert rows[2] == ["Culture", 2.0, None, 2.3, None, 1.0, None, 2.3, 1.0, None, None]
    assert rows[3] == ["Technology", 4.0, None, 4.0, None, None, None, 4.0, None, None, None]
    assert rows[4] == ["Overall", 3.0, None, 3.1, None, 1.0, None, 3.1, 1.0, None, None]
    assert rows[-1][0] == "Blank: fewer than 3 people answered"
    assert sheet["B3"].number_format == "0.0" and sheet["B3"].data_type == "n"


def test_the_about_sheet_says_whose_results_as_of_when_from_how_many_and_how_hidden():
    book = workbook(title="Autumn 2026")
    sheet = {row[0]: row[1] for row in values(book["About"])}
    assert sheet["Council"] == "Exampleshire Council"
    assert sheet["Assessment"] == "Autumn 2026"
    assert sheet["Results as of"] == "2026-11-20"
    assert sheet["Respondents"] == len(PEOPLE)
    assert sheet["Anonymity threshold"] == K
    assert sheet["Question bank version"] == BANK.version
    assert "mean" in sheet["How scores are worked out"]
    assert book.sheetnames == ["Results", "Themes by group", "Questions by group", "About"]
    assert book.properties.title == "Exampleshire Council: Autumn 2026"
    assert book.properties.creator == CREATOR


def test_the_about_sheet_hides_a_count_under_the_threshold_like_any_other_figure():
    sheet = {row[0]: row[1] for row in values(workbook(people=PEOPLE[:2])["About"])}
    assert sheet["Respondents"] == f"Fewer than {K}"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Digital maturity 2026", "exampleshire-digital-maturity-2026-results-2026-11-28.csv"),
        (
            'Autumn/Winter 2026: "Pilot" — Café',
            "exampleshire-autumn-winter-2026-pilot-cafe-results-2026-11-28.csv",
        ),
        ("../../etc/passwd", "exampleshire-etc-passwd-results-2026-11-28.csv"),
        ("日本語", "exampleshire-results-2026-11-28.csv"),
        ("  --Ünïcödé--  ", "exampleshire-unicode-results-2026-11-28.csv"),
    ],
)
def test_export_filenames_are_safe_for_odd_titles(title, expected):
    assert export_filename(about(title, as_of=None), "csv") == expected


def test_every_export_is_named_by_council_assessment_and_the_results_date():
    names = [export_filename(about("Autumn 2026"), ext) for ext in ("csv", "xlsx", "json", "pdf")]
    assert names == [
        f"exampleshire-autumn-2026-results-2026-11-20.{ext}"
        for ext in ("csv", "xlsx", "json", "pdf")
    ]


def test_a_long_title_is_cut_and_any_name_is_header_safe():
    name = export_filename(
        about("word " * 40, council='Ex"ample/shire', as_of=datetime.date(2026, 1, 2)), ".XLSX"
    )
    title_part = name.removeprefix("ex-ample-shire-").removesuffix("-results-2026-01-02.xlsx")
    assert len(title_part) <= 60 and not title_part.endswith("-")
    assert re.fullmatch(r"[a-z0-9-]+\.xlsx", name)


def test_the_questions_sheet_has_a_row_a_question_and_group_blank_where_hidden():
    results = score(BANK, PEOPLE, K)
    rows = [
        ChosenCount(p.role, p.service_area, q, str(a), 1)
        for p in PEOPLE
        for q, a in p.answers.items()
    ]
    questions = question_counts(BANK, rows, results)
    book = load_workbook(io.BytesIO(results_xlsx(BANK, results, about(), questions=questions)))
    [head, *rest] = values(book["Questions by group"])
    assert head[:7] == [
        "theme",
        "question",
        "question_text",
        "group_type",
        "group",
        "group_label",
        "answered",
    ]
    table = [dict(zip(head, row, strict=True)) for row in rest if row[1]]
    groups = 1 + len(BANK.roles) + len(BANK.service_areas)
    assert len(table) == len(BANK.questions) * groups
    by = {(r["question"], r["group_type"], r["group"]): r for r in table}
    learn = by["culture.test_and_learn", "role", "leadership"]
    assert (learn["answered"], learn["level_2"], learn["level_3"]) == (4, 3, 1)
    assert (learn["most_chosen"], learn["dont_know_percent"], learn["suppressed"]) == ("2", 0, "no")
    manager = by["culture.test_and_learn", "role", "manager"]
    assert (manager["answered"], manager["level_4"], manager["suppressed"]) == (None, None, "yes")
    assert by["technology.legacy", "council", "council"]["dont_know"] == 4


def test_the_questions_sheet_says_when_the_counts_were_not_kept():
    book = workbook()
    [[note]] = values(book["Questions by group"])
    assert "not kept" in note
