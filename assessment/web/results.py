"""Leaders read their council's results: charts with their tables, and downloads.

Every figure comes from the scoring core with suppression already applied, so
nothing here can show a group under the anonymity threshold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from flask import Blueprint, abort, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext

from ..bank import current_bank
from ..framework import insights
from ..framework.model import Bank
from ..framework.results_contract import results_json
from ..framework.scoring import Results
from ..reports import charts, exports, tables
from ..reports.panels import panel
from ..storage import queries
from ..storage.models import Assessment
from . import downloads, progress
from .access import assessment_view

blueprint = Blueprint("results", __name__, url_prefix="/assessments/<int:assessment_id>")

# The results pages' navigation; the names are translated when a page shows them.
PAGES = (
    ("results.overview", lazy_gettext("Overview")),
    ("results.radar", lazy_gettext("Themes at a glance")),
    ("results.themes", lazy_gettext("Scores and agreement")),
    ("results.perception", lazy_gettext("Leaders and frontline")),
    ("results.silos", lazy_gettext("Service areas")),
)


@dataclass(frozen=True)
class Chart:
    """A chart as a page shows it: figure, finding, reading, and the same data as a table."""

    id: str
    title: str
    figure: str
    reading: str
    table: tables.Table


def _chart(chart_id: str, figure, reading: str, table: tables.Table) -> Chart:
    return Chart(chart_id, figure.layout.title.text, charts.figure_json(figure), reading, table)


def _panel(name: str, bank: Bank, results: Results) -> Chart:
    shown = panel(name, bank, results)
    return _chart(name, shown.figure, shown.reading, shown.table)


def _render(template: str, assessment: Assessment, results: Results, **context):
    return render_template(
        template,
        assessment=assessment,
        results=results,
        bank=current_bank(),
        pages=PAGES,
        **context,
    )


def _results(assessment: Assessment) -> tuple[Bank, Results]:
    bank = current_bank()
    return bank, queries.scored_results(assessment, bank)


@blueprint.get("/results")
@assessment_view
def overview(assessment: Assessment):
    bank, results = _results(assessment)
    return _render(
        "results/overview.html",
        assessment,
        results,
        pillar=_panel("pillars", bank, results),
        strengths=insights.strengths(bank, results),
        priorities=insights.priorities(bank, results),
        groups=progress.respondent_groups(assessment, results),
    )


@blueprint.get("/results/radar")
@assessment_view
def radar(assessment: Assessment):
    bank, results = _results(assessment)
    chart = _panel("radar", bank, results)
    return _render(
        "results/chart_page.html",
        assessment,
        results,
        chart=chart,
        heading=_("Themes at a glance"),
    )


@blueprint.get("/results/themes")
@assessment_view
def themes(assessment: Assessment):
    bank, results = _results(assessment)
    chart = _panel("themes", bank, results)
    return _render(
        "results/themes.html",
        assessment,
        results,
        chart=chart,
        talking_points=insights.talking_points(bank, results),
    )


@blueprint.get("/results/perception")
@assessment_view
def perception(assessment: Assessment):
    bank, results = _results(assessment)
    chart = _panel("perception", bank, results)
    return _render(
        "results/chart_page.html",
        assessment,
        results,
        chart=chart,
        heading=_("Leaders and frontline"),
        sentences=insights.perception_sentences(bank, results),
    )


@blueprint.get("/results/silos")
@assessment_view
def silos(assessment: Assessment):
    bank, results = _results(assessment)
    chart = _panel("silos", bank, results)
    return _render(
        "results/chart_page.html",
        assessment,
        results,
        chart=chart,
        heading=_("Service areas"),
        sentences=insights.silo_sentences(bank, results),
    )


@blueprint.get("/results/themes/<theme_id>")
@assessment_view
def theme(assessment: Assessment, theme_id: str):
    bank, results = _results(assessment)
    if not bank.has_theme(theme_id):
        abort(404)
    theme = bank.theme(theme_id)
    theme_result = results.council.theme(theme_id)
    counts = queries.level_counts(assessment, theme)
    level_names = [level.name for level in bank.levels]
    chart = _chart(
        "distribution",
        charts.distribution_chart(theme, counts, theme_result, level_names=level_names),
        "",
        tables.distribution_table(theme, counts, theme_result, level_names=level_names),
    )
    # Comments only where the whole council is shown, and never with who wrote them.
    comments = [] if results.council.suppressed else queries.theme_comments(assessment, theme_id)
    return _render(
        "results/theme.html",
        assessment,
        results,
        theme=theme,
        theme_result=theme_result,
        chart=chart,
        recommendation=insights.recommendation(bank, theme_id, results),
        perception_gap=(results.perception_gap or {}).get(theme_id),
        comments=comments,
    )


@blueprint.get("/exports")
@assessment_view
def exports_page(assessment: Assessment):
    return render_template("results/exports.html", assessment=assessment)


@blueprint.get("/exports/results.<any(csv, xlsx, json):extension>")
@assessment_view
def download(assessment: Assessment, extension: str):
    bank, results = _results(assessment)
    about = downloads.export_about(assessment)
    if extension == "csv":
        body, mimetype = exports.results_csv(bank, results), "text/csv; charset=utf-8"
    elif extension == "xlsx":
        body = exports.results_xlsx(bank, results, about)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        document = results_json(bank, results, queries.assessment_info(assessment))
        body, mimetype = json.dumps(document, indent=2, ensure_ascii=False), "application/json"
    return downloads.attachment(body, mimetype, about, extension)
