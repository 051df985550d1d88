"""A leader downloads a PDF report they can take to cabinet."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment.bank import current_bank
from assessment.framework.display import one_decimal
from assessment.framework.responses_csv import ImportedResponse
from assessment.reports import chart_export
from assessment.services import closing
from assessment.services import report as report_module
from assessment.storage import assessments, database, imports, responses

from ..report_jobs_helper import download_report
from .people import SIX_LEADERS_AND_FRONTLINE, close, make_council, sign_in

HOSTILE = (
    "<script>alert('x')</script> " + "Supercalifragilistic" * 12 + " مرحبا بالعالم 🙂 <b>bold?</b>"
)
PEOPLE = [
    *SIX_LEADERS_AND_FRONTLINE,
    (
        "manager",
        "planning",
        {"culture.test_and_learn": 1, "culture.change": 1, "technology.legacy": 5},
    ),
]


@pytest.fixture
def council(app, clean_database, tmp_path):
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "reports")
    council = make_council(app, "reportshire", "lead@report.example")
    with app.app_context():
        assessment = assessments.assessment_by_id(council.assessment_id)
        rows = [ImportedResponse(n, f"r{n}", r, a, ans) for n, (r, a, ans) in enumerate(PEOPLE, 2)]
        imports.import_responses(assessment, rows, current_bank())
        responses.save_theme(assessment.responses[0], _theme(app, "culture"), {}, HOSTILE, True)
        database.commit()
    close(app, council.assessment_id)
    return council


def _theme(app, theme_id):
    from assessment.bank import current_bank

    return current_bank().theme(theme_id)


def _pdf(app, council, language: str = "en") -> bytes:
    with app.test_request_context(headers={"Accept-Language": language}), app.app_context():
        assessment = assessments.assessment_by_id(council.assessment_id)
        snapshot = closing.shown_snapshot(assessment, current_bank())
        return report_module.report_pdf(assessment, snapshot)


def _text(pdf: bytes) -> str:
    # pypdf reads the page margin boxes as UTF-16 with NULs between letters.
    pages = PdfReader(io.BytesIO(pdf)).pages
    return "\n".join(page.extract_text() for page in pages).replace("\x00", "")


def test_the_report_downloads_as_a_pdf_with_every_theme_and_the_dashboard_scores(
    app, client, council
):
    sign_in(client, "lead@report.example")
    response = download_report(client, f"/assessments/{council.assessment_id}/report.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    text = _text(response.data)

    with app.app_context():
        from assessment.bank import current_bank

        bank = current_bank()
        assessment = assessments.assessment_by_id(council.assessment_id)
        results = closing.shown_snapshot(assessment, bank).results
    for theme in bank.themes:
        assert theme.title in text
        score = one_decimal(results.council.theme(theme.id).score)
        assert f"{score}, {bank.level_name(results.council.theme(theme.id).level)}" in text
    assert "A 90-day action plan" in text
    assert "How the scores were made" in text
    assert "Page 1 of" in text or "Page 2 of" in text


def test_the_pdf_is_tagged_with_language_title_and_chart_alt_text(app, council):
    reader = PdfReader(io.BytesIO(_pdf(app, council)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]).startswith("en")
    assert "Reportshire" in reader.metadata.title
    alts = list(_figure_alts(root["/StructTreeRoot"]))
    # People and technology, the theme scores, leaders and frontline staff: the answers by
    # question and the service areas are tables, whose bars and colours need no words.
    assert len(alts) >= 3, "every chart is a tagged figure with alternative text"
    assert all(len(alt) > 20 for alt in alts)
    assert reader.outline, "headings become bookmarks"


def _figure_alts(node):
    node = node.get_object()
    if isinstance(node, dict):
        if node.get("/S") == "/Figure" and "/Alt" in node:
            yield str(node["/Alt"])
        kids = node.get("/K")
        if kids is not None:
            yield from _figure_alts(kids)
    elif isinstance(node, list):
        for kid in node:
            yield from _figure_alts(kid)


def test_suppressed_groups_appear_nowhere_in_the_report(app, council):
    text = _text(_pdf(app, council))
    # One manager (in planning) is under the threshold of 3: no figure of theirs is named.
    assert "Manager" not in text.split("Who answered")[0]
    planning_lines = [line for line in text.splitlines() if line.startswith("Planning")]
    assert planning_lines
    for line in planning_lines:
        assert not re.search(r"\d", re.sub(r"Fewer than \d+", "", line)), line


def test_hostile_comment_text_is_printed_as_text(app, council):
    text = _text(_pdf(app, council))
    assert "<script>alert('x')</script>" in text
    assert "مرحبا" in text or "ابحرم" in text  # right-to-left text survives, in some order


def test_without_chromium_the_report_still_renders_with_tables_and_a_note(
    app, council, monkeypatch, caplog
):
    broken = chart_export.ChartExporter(chromium="/nonexistent/chromium")
    monkeypatch.setattr(chart_export, "exporter", lambda: broken)
    pdf = _pdf(app, council)
    text = _text(pdf)
    assert "The chart could not be drawn for this copy of the report" in text
    assert "Scores and agreement" in text and "How people answered" in text
    assert "Chart left out of the PDF" in caplog.text
    # A copy without charts is not cached: the next download tries the charts again.
    assert not list(Path(app.config["REPORT_CACHE_DIR"]).glob("*.pdf"))


def test_a_repeated_download_comes_from_the_cache_and_new_results_refresh_it(
    app, council, monkeypatch
):
    renders = []
    real_render = report_module.render_pdf
    monkeypatch.setattr(
        report_module, "render_pdf", lambda html: renders.append(1) or real_render(html)
    )

    first = _pdf(app, council)
    second = _pdf(app, council)
    assert len(renders) == 1 and first == second

    # A late answer is not in the results until a close makes new ones (k = 3 more).
    _import_late(app, council, 1)
    assert _pdf(app, council) == first and len(renders) == 1
    _import_late(app, council, 2)
    close(app, council.assessment_id)
    third = _pdf(app, council)
    assert len(renders) == 2 and third != first


def _import_late(app, council, count: int) -> None:
    with app.app_context():
        assessment = assessments.assessment_by_id(council.assessment_id)
        rows = [
            ImportedResponse(n, f"late{n}-{count}", "frontline", "housing", {"culture.change": 1})
            for n in range(count)
        ]
        imports.import_responses(assessment, rows, current_bank())
        database.commit()


def test_each_language_has_its_own_cached_copy(app, council, monkeypatch):
    monkeypatch.setitem(app.config, "LANGUAGES", ["en", "cy"])
    rendered = []
    real_render = report_module.render_pdf
    monkeypatch.setattr(
        report_module, "render_pdf", lambda html: rendered.append(html) or real_render(html)
    )

    english, welsh = _pdf(app, council), _pdf(app, council, "cy")
    # Each is built once, then read from the cache: one language never evicts the other.
    assert _pdf(app, council) == english and _pdf(app, council, "cy") == welsh
    assert len(rendered) == 2
    assert '<html lang="en-GB">' in rendered[0] and '<html lang="cy">' in rendered[1]
    assert len(list(Path(app.config["REPORT_CACHE_DIR"]).glob("*.pdf"))) == 2


def test_an_assessment_without_enough_responses_gets_a_short_pdf_saying_why(
    app, clean_database, tmp_path
):
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "reports")
    council = make_council(app, "emptyshire", "lead@empty.example", threshold=5)
    close(app, council.assessment_id)
    text = _text(_pdf(app, council))
    assert "No results yet" in text
    assert "fewer than 5 have" in text


def test_the_command_line_writes_the_report(app, council, tmp_path):
    output = tmp_path / "cabinet.pdf"
    result = app.test_cli_runner().invoke(
        args=["report", "--assessment", str(council.assessment_id), "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(b"%PDF")
    missing = app.test_cli_runner().invoke(
        args=["report", "--assessment", "9999", "--output", str(output)]
    )
    assert missing.exit_code == 1


def test_the_command_line_makes_no_report_of_an_open_assessment(app, clean_database, tmp_path):
    council = make_council(app, "openshire", "lead@open.example")
    output = tmp_path / "cabinet.pdf"
    result = app.test_cli_runner().invoke(
        args=["report", "--assessment", str(council.assessment_id), "--output", str(output)]
    )
    assert result.exit_code == 1
    assert "is open: its report is made once it is closed" in result.output
    assert not output.exists()


def test_the_command_line_writes_the_summary_for_councillors(app, council, tmp_path):
    output = tmp_path / "councillors.pdf"
    result = app.test_cli_runner().invoke(
        args=[
            "report",
            "--assessment",
            str(council.assessment_id),
            "--document",
            "councillors",
            "--output",
            str(output),
        ]
    )
    assert result.exit_code == 0, result.output
    reader = PdfReader(io.BytesIO(output.read_bytes()))
    assert len(reader.pages) <= 2
    assert "summary for councillors" in reader.metadata.title
    unknown = app.test_cli_runner().invoke(
        args=[
            *("report", "--assessment", str(council.assessment_id)),
            *("--document", "x", "--output", str(output)),
        ]
    )
    assert unknown.exit_code == 2 and "'x' is not one of" in unknown.output


def test_the_report_and_the_councillors_summary_are_cached_side_by_side(app, council):
    with app.test_request_context(), app.app_context():
        assessment = assessments.assessment_by_id(council.assessment_id)
        snapshot = closing.shown_snapshot(assessment, current_bank())
        councillors = report_module.councillors_pdf(assessment, snapshot)
        full = report_module.report_pdf(assessment, snapshot)
        assert report_module.councillors_pdf(assessment, snapshot) == councillors
    assert len(list(Path(app.config["REPORT_CACHE_DIR"]).glob("*.pdf"))) == 2
    assert councillors != full and len(PdfReader(io.BytesIO(councillors)).pages) <= 2


def test_the_councillors_summary_of_too_few_answers_says_why(app, clean_database, tmp_path):
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "reports")
    council = make_council(app, "quietshire", "lead@quiet.example", threshold=5)
    close(app, council.assessment_id)
    with app.test_request_context(), app.app_context():
        assessment = assessments.assessment_by_id(council.assessment_id)
        snapshot = closing.shown_snapshot(assessment, current_bank())
        pdf = report_module.councillors_pdf(assessment, snapshot)
    text = _text(pdf)
    assert "No results yet" in text and "at least 5 people have answered" in text
    assert "What we found" not in text
