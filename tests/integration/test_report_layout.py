"""The demo council's report as a cabinet reads it: short, with no half-empty pages, a
two-page summary first and a legible service areas table; and the councillors' summary.

The charts here are stand-ins of each figure's own size, drawn without Chromium: the
point is where things fall on the pages, and the real export is tested in test_report.py.
"""

from __future__ import annotations

import io
from html import escape

import pytest
from flask_migrate import upgrade
from pypdf import PdfReader
from weasyprint import HTML

from assessment import create_app
from assessment.bank import bank_of
from assessment.demo import ASSESSMENT_TITLE
from assessment.services import key_findings, report
from assessment.storage import assessments, councils, snapshots
from assessment.storage.base import db

from ..cli.conftest import REAL_BANK
from ..conftest import TEST_SECRET_KEY

MAX_PAGES = 20
MM = 72 / 25.4  # PDF points in a millimetre
# The page margins in templates/pdf/report.css: (top, bottom), in millimetres.
PORTRAIT_MARGINS = (22, 20)
LANDSCAPE_MARGINS = (16, 14)


def _stand_in_chart(figure, width: int, height: int | None = None) -> str:
    """An SVG the size the figure would export at, its title at the top and a line at the
    bottom where a real chart has its axis title, so both ends of it are text on the page."""
    tall = int(height or figure.layout.height or 450)
    title = escape((figure.layout.title.text or "")[:60])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{tall}">'
        f'<rect width="{width}" height="{tall}" fill="#f3f2f1"/>'
        f'<text x="4" y="18" font-size="14">{title}</text>'
        f'<text x="4" y="{tall - 4}" font-size="12">Number of people</text></svg>'
    )


class Rendered:
    def __init__(self, html: str) -> None:
        self.html = html
        self.document = HTML(string=html).render()
        self.pdf = PdfReader(io.BytesIO(self.document.write_pdf(pdf_variant="pdf/ua-1")))

    def text(self, number: int) -> str:
        # pypdf reads the page margin boxes as UTF-16 with NULs between letters.
        return self.pdf.pages[number - 1].extract_text().replace("\x00", "")

    def chapter_starts(self) -> set[int]:
        """The page numbers on which a chapter (an element id'd chapter-...) begins."""
        return {
            number
            for number, page in enumerate(self.document.pages, 1)
            if any(anchor.startswith("chapter-") for anchor in page.anchors)
        }

    def fullness(self, number: int) -> float:
        """How far down its printable area the page's lowest line of text sits, 0 to 1."""
        page = self.pdf.pages[number - 1]
        height, width = float(page.mediabox.height), float(page.mediabox.width)
        top, bottom = LANDSCAPE_MARGINS if width > height else PORTRAIT_MARGINS
        area_top, area_bottom = height - top * MM, bottom * MM
        lowest = [area_top]

        def visit(text, cm, tm, font, size) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and area_bottom - 1 <= y <= area_top + 1:  # not the margin boxes
                lowest.append(y)

        page.extract_text(visitor_text=visit)
        return (area_top - min(lowest)) / (area_top - area_bottom)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    app = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SECRET_KEY": TEST_SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.db'}",
            "QUESTION_BANK_PATH": str(REAL_BANK),
            "BASE_URL": "http://localhost",
            "REPORT_CACHE_DIR": str(folder / "reports"),
        }
    )
    with app.app_context():
        upgrade()
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report, "svg_or_none", _stand_in_chart)
        with app.test_request_context("/"):
            council = councils.council_by_slug("exampleshire")
            assessment = next(
                a for a in assessments.assessments_for(council) if a.title == ASSESSMENT_TITLE
            )
            bank, snapshot = bank_of(assessment), snapshots.stored(assessment)
            made = {
                "report": Rendered(report.report_html(bank, assessment, snapshot)[0]),
                "councillors": Rendered(report.councillors_html(bank, assessment, snapshot)[0]),
                "findings": key_findings.snapshot_findings(bank, snapshot)[: key_findings.LEAD],
                "results": snapshot.results,
                "bank": bank,
            }
    yield made
    with app.app_context():
        db.engine.dispose()


def test_the_demo_report_is_at_most_twenty_pages(demo):
    assert 12 <= len(demo["report"].pdf.pages) <= MAX_PAGES


def test_no_page_is_under_half_full_except_the_last_of_a_chapter(demo):
    rendered = demo["report"]
    pages = len(rendered.pdf.pages)
    starts = rendered.chapter_starts()
    assert {2, 4} <= starts, "the summary takes pages 2 and 3, and the next chapter follows"
    chapter_ends = {start - 1 for start in starts} | {pages}
    short = {
        number: round(rendered.fullness(number), 2)
        for number in range(2, pages + 1)  # the cover is a page of its own
        if number not in chapter_ends and rendered.fullness(number) < 0.5
    }
    assert not short, f"pages under half full (page: share used): {short}"


def test_each_theme_takes_at_most_two_pages(demo):
    rendered, bank = demo["report"], demo["bank"]
    on_page = {
        anchor: number
        for number, page in enumerate(rendered.document.pages, 1)
        for anchor in page.anchors
    }
    starts = [on_page[f"theme-{theme.id}"] for theme in bank.themes]
    # A theme runs to the page where the next begins; the last, to the page before the
    # service areas, which start a page of their own.
    ends = [*starts[1:], on_page["chapter-service-areas"] - 1]
    spans = {
        theme.id: end - start + 1
        for theme, start, end in zip(bank.themes, starts, ends, strict=True)
    }
    assert all(pages <= 2 for pages in spans.values()), spans


def test_the_summary_on_pages_two_and_three_says_what_a_cabinet_needs(demo):
    rendered, results = demo["report"], demo["results"]
    summary = " ".join(rendered.text(2).split() + rendered.text(3).split())
    assert "Summary" in summary
    assert f"at level {results.council.overall_level}" in summary
    for finding in demo["findings"]:
        assert " ".join(finding.sentence.split()) in summary
    assert "People first" in summary and "people and culture" in summary.lower()
    assert "Leaders and frontline staff" in summary
    assert "Who answered" in summary and "Response rate" in summary
    # The demo's leaders have planned no actions yet: the suggested plan stands in, briefly.
    assert "What to do in the next 90 days" in summary and "Days 1 to 30" in summary
    assert "People and technology" not in summary, "the charts start after the summary"


def test_the_service_areas_are_on_a_landscape_page_with_every_label_legible(demo):
    rendered, bank = demo["report"], demo["bank"]
    [number] = [
        n
        for n, page in enumerate(rendered.document.pages, 1)
        if "chapter-service-areas" in page.anchors
    ]
    page = rendered.document.pages[number - 1]
    assert page.width > page.height, "a landscape page"
    text = " ".join(rendered.text(number).split())
    for area in demo["results"].service_areas:
        assert area.label in text
    # Each column's label links to its theme; the links' boxes are the labels' boxes.
    boxes = {}
    for _kind, target, rectangle, _box in page.links:  # (left, top, right, bottom)
        if target.startswith("theme-"):
            boxes.setdefault(target, []).append(tuple(rectangle))
    assert set(boxes) == {f"theme-{theme.id}" for theme in bank.themes}
    for theme in bank.themes:  # a label may wrap, at a space or after a hyphen
        assert "".join(theme.title.split()) in "".join(text.split())
    labelled = [(target, box) for target, found in boxes.items() for box in found]
    for i, (one, a) in enumerate(labelled):
        assert a[0] >= 0 and a[2] <= page.width, f"{one} runs off the page"
        for other, b in labelled[i + 1 :]:
            if one != other:
                overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                assert not overlap, f"{one} and {other} overlap"


def test_the_councillors_summary_is_two_pages_in_plain_words(demo):
    rendered, results = demo["councillors"], demo["results"]
    assert len(rendered.pdf.pages) <= 2
    text = " ".join(" ".join(rendered.text(n) for n in (1, 2)).split())
    assert "A summary for councillors" in text
    assert f"at level {results.council.overall_level}" in text
    for finding in demo["findings"]:
        assert " ".join(finding.sentence.split()) in text
    assert "People and technology" in text and "people and culture" in text.lower()
    assert "What the council is doing" in text and "Days 1 to 30" in text
    assert "Who took part" in text and "Response rate" in text
    assert not any(image for page in rendered.pdf.pages for image in page.images)
