"""Leaders read their council's results: charts with their tables, and downloads.

Every figure comes from the results snapshot stored when the assessment closed
(services/closing.py), with suppression already applied by the scoring core, so
nothing here can show a group under the anonymity threshold, nor change while
officers are still answering. While the assessment is open each of these pages
says when results appear instead (web/not_yet.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from flask import Blueprint, abort, render_template, request
from flask_babel import force_locale, lazy_gettext
from flask_babel import gettext as _

from ..bank import bank_of
from ..forms.comments import CommentFilterForm
from ..framework import insights, ranked_findings
from ..framework.comment_search import search
from ..framework.model import Bank
from ..framework.results_contract import results_json
from ..framework.scoring import Results
from ..framework.snapshot import Snapshot, texts
from ..reports import change_report, charts, exports, findings_export, tables
from ..reports.panels import panel
from ..services import key_findings, progress, targets
from ..services.change import since_last_round, trend
from ..storage import actions, assessments
from ..storage.models import Assessment
from . import downloads
from .access import assessment_view
from .not_yet import with_snapshot

MIN_TREND_ROUNDS = 3
blueprint = Blueprint("results", __name__, url_prefix="/assessments/<int:assessment_id>")

# The results pages' navigation; the names are translated when a page shows them.
PAGES = (
    ("results.overview", lazy_gettext("Overview")),
    ("results.radar", lazy_gettext("Themes at a glance")),
    ("results.themes", lazy_gettext("Scores and agreement")),
    ("results.perception", lazy_gettext("Leaders and frontline")),
    ("results.silos", lazy_gettext("Service areas")),
    ("results.since_the_last_round", lazy_gettext("Since the last round")),
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


def _panel(name: str, bank: Bank, results: Results, targets=None) -> Chart:
    shown = panel(name, bank, results, targets)
    return _chart(name, shown.figure, shown.reading, shown.table)


def _render(template: str, assessment: Assessment, snapshot: Snapshot, **context):
    return render_template(
        template,
        assessment=assessment,
        results=snapshot.results,
        as_of=snapshot.as_of,
        bank=bank_of(assessment),
        pages=PAGES,
        **context,
    )


@blueprint.get("/results")
@assessment_view
@with_snapshot
def overview(assessment: Assessment, snapshot: Snapshot):
    bank, results = bank_of(assessment), snapshot.results
    findings = key_findings.snapshot_findings(bank, snapshot)
    return _render(
        "results/overview.html",
        assessment,
        snapshot,
        lead=findings[: key_findings.LEAD],
        more=findings[key_findings.LEAD : key_findings.SUMMARY + key_findings.LEAD],
        pillar=_panel("pillars", bank, results),
        strengths=insights.strengths(bank, results),
        priorities=insights.priorities(bank, results),
        groups=progress.respondent_groups(assessment, results),
        actions=actions.actions_of(assessment),
    )


@blueprint.get("/results/radar")
@assessment_view
@with_snapshot
def radar(assessment: Assessment, snapshot: Snapshot):
    chart = _panel("radar", bank_of(assessment), snapshot.results)
    return _render(
        "results/chart_page.html",
        assessment,
        snapshot,
        chart=chart,
        heading=_("Themes at a glance"),
    )


@blueprint.get("/results/themes")
@assessment_view
@with_snapshot
def themes(assessment: Assessment, snapshot: Snapshot):
    bank, results = bank_of(assessment), snapshot.results
    chart = _panel("themes", bank, results, targets.for_next_round(assessment))
    return _render(
        "results/themes.html",
        assessment,
        snapshot,
        chart=chart,
        last_round_targets=targets.last_round_review(bank, assessment, results),
        talking_points=insights.talking_points(bank, results),
    )


@blueprint.get("/results/perception")
@assessment_view
@with_snapshot
def perception(assessment: Assessment, snapshot: Snapshot):
    bank, results = bank_of(assessment), snapshot.results
    chart = _panel("perception", bank, results)
    return _render(
        "results/chart_page.html",
        assessment,
        snapshot,
        chart=chart,
        heading=_("Leaders and frontline"),
        sentences=key_findings.of_kind(
            key_findings.snapshot_findings(bank, snapshot), ranked_findings.LEADERS_FRONTLINE
        ),
    )


@blueprint.get("/results/silos")
@assessment_view
@with_snapshot
def silos(assessment: Assessment, snapshot: Snapshot):
    bank, results = bank_of(assessment), snapshot.results
    chart = _panel("silos", bank, results)
    return _render(
        "results/chart_page.html",
        assessment,
        snapshot,
        chart=chart,
        heading=_("Service areas"),
        sentences=key_findings.of_kind(
            key_findings.snapshot_findings(bank, snapshot), ranked_findings.SERVICE_AREA
        ),
    )


@blueprint.get("/results/change")
@assessment_view
@with_snapshot
def since_the_last_round(assessment: Assessment, snapshot: Snapshot):
    bank = bank_of(assessment)
    since = since_last_round(assessment, bank, snapshot)
    shown = None
    if since is not None:
        figure = change_report.change_chart(bank, since)
        shown = {
            "change": since,
            "chart": _chart("change", figure, "", change_report.change_table(bank, since)),
            "compared": change_report.compared_sentence(since),
            "groups": change_report.groups_table(bank, since),
        }
        shown["trend"] = _trend(bank, assessment, snapshot)
        # What the council said it would do last round, beside how each theme moved.
        previous = assessments.previous_round(assessment)
        shown["previous"], shown["previous_bank"] = previous, bank_of(previous)
        shown["previous_actions"] = actions.actions_by_theme(previous)
    return _render("results/change.html", assessment, snapshot, since=shown)


def _trend(bank: Bank, assessment: Assessment, snapshot: Snapshot) -> Chart | None:
    """Every round's full scores, when three or more rounds have results."""
    found = [(a.title, s.bank_version, s.results) for a, s in trend(assessment, snapshot)]
    if len(found) < MIN_TREND_ROUNDS:
        return None
    figure = change_report.trend_chart(bank, found)
    return _chart("trend", figure, "", change_report.trend_table(bank, found))


@blueprint.get("/results/themes/<theme_id>")
@assessment_view
def theme(assessment: Assessment, theme_id: str):
    if not bank_of(assessment).has_theme(theme_id):
        abort(404)
    return _theme_page(assessment, theme_id=theme_id)


@with_snapshot
def _theme_page(assessment: Assessment, snapshot: Snapshot, theme_id: str):
    bank, results = bank_of(assessment), snapshot.results
    theme = bank.theme(theme_id)
    theme_result = results.council.theme(theme_id)
    # Both are in the snapshot only where the theme's council cell is shown.
    counts = snapshot.distributions.get(theme_id, {})
    level_names = [level.name for level in bank.levels]
    chart = _chart(
        "distribution",
        charts.distribution_chart(theme, counts, theme_result, level_names=level_names),
        "",
        tables.distribution_table(theme, counts, theme_result, level_names=level_names),
    )
    return _render(
        "results/theme.html",
        assessment,
        snapshot,
        theme=theme,
        theme_result=theme_result,
        chart=chart,
        recommendation=insights.recommendation(bank, theme_id, results),
        perception_gap=(results.perception_gap or {}).get(theme_id),
        **_comments(texts(snapshot, theme_id)),
    )


def _comments(comments: list[str]) -> dict:
    """The theme's comments, filtered by the word in the address if it is a fair one."""
    form = CommentFilterForm(request.args)
    # An over-long word is refused with a message, and every comment is shown.
    word = form.word.data if form.validate() else None
    return {"form": form, "comments": search(comments, word)}


@blueprint.get("/exports")
@assessment_view
@with_snapshot
def exports_page(assessment: Assessment, snapshot: Snapshot):
    return render_template("results/exports.html", assessment=assessment)


@blueprint.get("/exports/results.<any(csv, xlsx, json):extension>")
@assessment_view
@with_snapshot
def download(assessment: Assessment, snapshot: Snapshot, extension: str):
    bank, results = bank_of(assessment), snapshot.results
    about = downloads.export_about(assessment, snapshot)
    change = since_last_round(assessment, bank, snapshot)
    if extension == "csv":
        body, content_type = exports.results_csv(bank, results, change), "text/csv; charset=utf-8"
    elif extension == "xlsx":
        body = exports.results_xlsx(
            bank, results, about, questions=snapshot.questions, change=change
        )
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        info = assessments.assessment_info(assessment)
        document = results_json(bank, results, info, questions=snapshot.questions, change=change)
        body, content_type = json.dumps(document, indent=2, ensure_ascii=False), "application/json"
    return downloads.attachment(body, content_type, about, extension)


@blueprint.get("/exports/findings.csv")
@assessment_view
@with_snapshot
def findings_download(assessment: Assessment, snapshot: Snapshot):
    """Every finding, ranked, for a leader who wants more than the overview's few."""
    # In English whatever the page's language, like every export (ADR 0005): files are
    # for other tools and are shared beyond the reader.
    with force_locale("en"):
        findings = key_findings.snapshot_findings(bank_of(assessment), snapshot)
    body = findings_export.findings_csv(findings)
    about = downloads.export_about(assessment, snapshot)
    return downloads.attachment(body, "text/csv; charset=utf-8", about, "csv", what="findings")
