"""The PDF report a chief executive takes to cabinet, built and cached: leaders
download it (web/report.py) and operators write it (`flask --app assessment report`).

The PDF shows the results snapshot stored when the assessment closed, and is
cached by a hash of everything it shows (the snapshot's results, distributions
and the comments moderation lets it show now, the bank version, the names on the
cover and the language it is written in), so a repeated download is a file read,
a new snapshot or a comment released or hidden changes the hash and so the PDF,
and a leader reading in Welsh never gets an English copy.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app, render_template
from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup

from ..bank import bank_of
from ..framework import insights
from ..framework.action_plan import action_plan
from ..framework.display import band_texts
from ..framework.model import Bank
from ..framework.ranked_findings import LEADERS_FRONTLINE, SERVICE_AREA
from ..framework.results_contract import results_json
from ..framework.scoring import Results
from ..framework.snapshot import Snapshot, texts
from ..framework.snapshot import to_dict as snapshot_dict
from ..reports import change_report, charts, heatmap, print_bars, tables
from ..reports.actions_export import action_records
from ..reports.chart_export import svg_or_none
from ..reports.panels import PANELS, panel
from ..reports.pdf import render_pdf
from ..storage import actions, assessments
from ..storage.models import Assessment
from . import change, key_findings, progress, targets
from .change import since_last_round
from .language import current_language
from .report_cache import ReportCache

# The report's name among the documents a report job makes (services/report_jobs.py).
REPORT = "report"
# Bump when the template changes what a PDF shows, so cached copies are rebuilt.
REPORT_VERSION = "5"  # 5: the two-page summary first, themes flowing, heatmap as a table
# The cache's name for the councillors' summary, kept beside the report.
COUNCILLORS = "councillors"
# The panels drawn as charts in the PDF. The service areas are a coloured table there;
# the radar is left out, as the theme scores and the leaders' and frontline chart show
# the same figures in a form that prints more clearly.
PRINTED_PANELS = [name for name in PANELS if name not in ("silos", "radar")]
# Stand-ins for the page numbers while the footer's words are translated (see _page_numbers).
_PAGE_NUMBER = re.compile("\x00(page|pages)\x00")


# Told (charts begun, charts in all) as the report's charts are drawn.
ChartProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class ReportChart:
    image: str | None  # an SVG data URI, or None when the chart could not be drawn
    alt: str
    reading: str
    table: tables.Table


@dataclass(frozen=True)
class ThemeSection:
    theme: object
    result: object
    gap: float | None
    recommendation: str | None
    distribution: print_bars.Distribution
    comments: list[str]


def report_pdf(assessment: Assessment, snapshot: Snapshot) -> bytes:
    """The report made here and now (the `report` command: an operator's own worker);
    leaders' downloads are made by report jobs (services/report_jobs.py)."""
    return _made_here(REPORT, report_html, assessment, snapshot)


def councillors_pdf(assessment: Assessment, snapshot: Snapshot) -> bytes:
    """The councillors' summary made here and now, cached beside the report."""
    return _made_here(COUNCILLORS, councillors_html, assessment, snapshot)


def _made_here(document: str, build, assessment: Assessment, snapshot: Snapshot) -> bytes:
    bank = bank_of(assessment)
    cache = ReportCache(current_app.config["REPORT_CACHE_DIR"])
    language = current_language()
    key = fingerprint(bank, assessment, snapshot)
    cached = cache.get(assessment.id, document, language, key)
    if cached is not None:
        return cached
    html, complete = build(bank, assessment, snapshot)
    pdf = render_pdf(html)
    if complete:  # a copy missing its charts is not kept: the next download tries again
        cache.put(assessment.id, document, language, key, pdf)
    return pdf


def fingerprint(bank: Bank, assessment: Assessment, snapshot: Snapshot) -> str:
    """The hash of everything the PDFs of this snapshot show, in the current language."""
    shown = {
        "results": results_json(bank, snapshot.results, assessments.assessment_info(assessment)),
        # "Since the last round" by what it is made from: cheap to hash, unlike the change.
        "change": change.inputs(assessment, snapshot),
        "distributions": snapshot.distributions,
        # The findings in the summary read the answer counts by question.
        "questions": snapshot_dict(snapshot)["questions"],
        # The snapshot as shown: releasing or hiding a comment makes a new PDF.
        "comments": {theme_id: texts(snapshot, theme_id) for theme_id in snapshot.comments},
        "bank": bank.version,
        "council": assessment.council.name,
        "as_of": str(snapshot.as_of),
        "language": current_language(),
        "report": REPORT_VERSION,
        # Setting or changing a target (this round's or the last's) makes a new PDF.
        "targets": targets.for_next_round(assessment),
        "last_round_targets": targets.last_round_review(bank, assessment, snapshot.results),
        # Adding, changing or finishing an action makes a new PDF.
        "actions": action_records(actions.actions_of(assessment)),
    }
    return hashlib.sha256(json.dumps(shown, sort_keys=True, default=str).encode()).hexdigest()


def report_html(
    bank: Bank, assessment: Assessment, snapshot: Snapshot, drawing: ChartProgress | None = None
) -> tuple[str, bool]:
    """The print HTML, and whether every chart could be drawn; drawing(begun, of) is told
    before each chart, so a leader waiting sees "Drawing charts (3 of 12)"."""
    results = snapshot.results
    drawn: list[bool] = []
    charts_in_all = _chart_count(bank, assessment, snapshot) if drawing else 0

    def chart(figure, reading: str, table: tables.Table) -> ReportChart:
        if drawing is not None:
            drawing(len(drawn) + 1, charts_in_all)
        # After one failure, don't wait on the rest: the tables carry the figures.
        svg = None
        if all(drawn):
            svg = svg_or_none(charts.for_print(figure), width=charts.PRINT_WIDTH)
        drawn.append(svg is not None)
        title = figure.layout.title.text
        return ReportChart(_data_uri(svg), f"{title}. {reading}".strip(), reading, table)

    context: dict[str, object] = {}
    if not results.council.suppressed:
        findings = key_findings.snapshot_findings(bank, snapshot)
        context = {
            **_summary(bank, assessment, results, findings),
            "charts": _overview_charts(bank, results, chart, targets.for_next_round(assessment)),
            "heatmap": heatmap.print_grid(bank, results),
            "silos_reading": insights.heatmap_reading(bank, results),
            "heatmap_key": insights.heatmap_key(),
            "last_round_targets": targets.last_round_review(bank, assessment, results),
            "theme_sections": _theme_sections(bank, snapshot),
            "talking_points": insights.talking_points(bank, results),
            "silo_sentences": key_findings.of_kind(findings, SERVICE_AREA),
            **_change_section(bank, assessment, snapshot, chart),
        }
    html = render_template("pdf/report.html", **_document(bank, assessment, snapshot), **context)
    return html, all(drawn)


def councillors_html(bank: Bank, assessment: Assessment, snapshot: Snapshot) -> tuple[str, bool]:
    """The two-page summary for councillors, in plain words and without charts, so it is
    always complete; the bool matches report_html's."""
    results = snapshot.results
    context: dict[str, object] = {}
    if not results.council.suppressed:
        findings = key_findings.snapshot_findings(bank, snapshot)
        context = _summary(bank, assessment, results, findings)
    html = render_template(
        "pdf/councillors.html", **_document(bank, assessment, snapshot), **context
    )
    return html, True


def _document(bank: Bank, assessment: Assessment, snapshot: Snapshot) -> dict:
    """What every print template shows: the cover's facts, the footer, who answered."""
    results = snapshot.results
    return {
        "language": _report_language(),
        "page_numbers": _page_numbers(),
        "assessment": assessment,
        "council_name": assessment.council.name,
        "bank": bank,
        "results": results,
        "as_of": _as_of(snapshot.as_of),
        "respondents_text": progress.shown(results.council.respondents or 0, results.threshold),
        "bands": list(zip(bank.levels, band_texts(), strict=True)),
        "groups": progress.respondent_groups(assessment, results),
    }


def _summary(bank: Bank, assessment: Assessment, results: Results, findings) -> dict:
    """The summary's content, the same in the report and in the councillors' summary."""
    return {
        "lead_findings": findings[: key_findings.LEAD],
        "gap_meaning": insights.gap_meaning(results),
        "strengths": insights.strengths(bank, results),
        "priorities": insights.priorities(bank, results),
        "perception_sentences": key_findings.of_kind(findings, LEADERS_FRONTLINE),
        "perception_reading": insights.perception_reading(bank, results),
        "plan": action_plan(bank, results),
        # Once leaders plan an action, the report shows theirs instead of the suggestions.
        "actions": actions.actions_of(assessment),
    }


def _chart_count(bank: Bank, assessment: Assessment, snapshot: Snapshot) -> int:
    if snapshot.results.council.suppressed:
        return 0
    since_last = since_last_round(assessment, bank, snapshot) is not None
    # The print panels and the change chart: the themes' answers are drawn by the page.
    return len(PRINTED_PANELS) + int(since_last)


def _change_section(bank: Bank, assessment: Assessment, snapshot: Snapshot, chart) -> dict:
    """The section "Since the last round": nothing when there is no previous round."""
    since = since_last_round(assessment, bank, snapshot)
    if since is None:
        return {}
    return {
        "change": chart(
            change_report.change_chart(bank, since),
            change_report.compared_sentence(since),
            change_report.change_table(bank, since),
        ),
        "change_groups": change_report.groups_table(bank, since),
    }


def _overview_charts(
    bank: Bank, results: Results, chart, next_round_targets: dict[str, int]
) -> dict[str, ReportChart]:
    drawn = {}
    for name in PRINTED_PANELS:
        shown = panel(name, bank, results, next_round_targets)
        drawn[name] = chart(shown.figure, shown.reading, shown.table)
    return drawn


def _theme_sections(bank: Bank, snapshot: Snapshot) -> list[ThemeSection]:
    level_names = [level.name for level in bank.levels]
    results = snapshot.results
    sections = []
    for theme in bank.themes:
        result = results.council.theme(theme.id)
        # Distributions and comments are in the snapshot only where the theme is shown.
        counts = snapshot.distributions.get(theme.id, {})
        distribution = print_bars.distribution(theme, counts, result, level_names=level_names)
        sections.append(
            ThemeSection(
                theme=theme,
                result=result,
                gap=(results.perception_gap or {}).get(theme.id),
                recommendation=insights.recommendation(bank, theme.id, results),
                distribution=distribution,
                comments=texts(snapshot, theme.id),
            )
        )
    return sections


def _data_uri(svg: str | None) -> str | None:
    if svg is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _as_of(moment: datetime | None) -> str:
    if moment is None:
        return _("No answers yet")
    # "28 November 2026", with the month's name in the reader's language.
    return format_date(moment, "d MMMM y", rebase=False)


def _report_language() -> str:
    """The PDF's <html lang>, which WeasyPrint also writes as the document's /Lang."""
    language = current_language()
    # The English is British English, which a screen reader can pronounce as such.
    return "en-GB" if language == "en" else language


def _page_numbers() -> Markup:
    """CSS content for the footer's "Page 3 of 12": the translation's words as CSS strings,
    and its %(page)s and %(pages)s as page counters, in whichever order it puts them."""
    words = _("Page %(page)s of %(pages)s", page="\x00page\x00", pages="\x00pages\x00")
    parts = _PAGE_NUMBER.split(words)
    # split() alternates the words between the numbers and the counters' names.
    content = [
        css_string(part) if i % 2 == 0 else Markup(f"counter({part})")
        for i, part in enumerate(parts)
        if part
    ]
    return Markup(" ").join(content)


def css_string(text: str) -> Markup:
    """Text as a quoted CSS string, safe inside <style> (the PDF's running header)."""
    escaped = "".join(
        f"\\{ord(ch):x} " if ch in '"\\<>&' or ord(ch) < 32 else ch for ch in str(text)
    )
    return Markup(f'"{escaped}"')
