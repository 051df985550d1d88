"""A theme's questions, one by one: how the council and each shown role tier and
service area answered, for leaders (issue 23, the question drill-down).

Like every results page it reads the snapshot made at close (web/not_yet.py says
results are not ready while the assessment is open), whose counts are already
suppressed by framework/question_counts.py.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from ..bank import bank_of
from ..framework.snapshot import Snapshot
from ..reports import charts
from ..reports.question_charts import question_panels
from ..storage.models import Assessment
from .access import assessment_view
from .not_yet import with_snapshot
from .results import PAGES, Chart

blueprint = Blueprint(
    "question_results", __name__, url_prefix="/assessments/<int:assessment_id>/results"
)


@blueprint.get("/themes/<theme_id>/questions")
@assessment_view
def theme(assessment: Assessment, theme_id: str):
    if not bank_of(assessment).has_theme(theme_id):
        abort(404)
    return _questions_page(assessment, theme_id=theme_id)


@with_snapshot
def _questions_page(assessment: Assessment, snapshot: Snapshot, theme_id: str):
    bank, results = bank_of(assessment), snapshot.results
    theme = bank.theme(theme_id)
    panels = question_panels(
        theme,
        results,
        snapshot.questions,
        snapshot.distributions.get(theme_id, {}),
        [level.name for level in bank.levels],
    )
    shown = [
        (
            panel,
            Chart(
                f"question-{panel.number}",
                panel.figure.layout.title.text,
                charts.figure_json(panel.figure),
                panel.reading,
                panel.table,
            ),
        )
        for panel in panels
    ]
    return render_template(
        "results/questions.html",
        assessment=assessment,
        results=results,
        as_of=snapshot.as_of,
        bank=bank,
        pages=PAGES,
        theme=theme,
        panels=shown,
        by_group_kept=snapshot.questions is not None,
    )
