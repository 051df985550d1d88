"""Stand-ins for the report jobs' slow parts, where Chromium is not the point."""

from __future__ import annotations

import threading

from assessment.reports import chart_export

TINY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'


class FastExporter:
    """Draws every chart at once, as a report worker may; can be held mid-report."""

    def __init__(self) -> None:
        self.calls = 0
        self.outside_a_report_worker = 0
        self.hold = threading.Event()
        self.hold.set()
        self.drawing = threading.Event()  # set once a chart has been asked for

    def svg(self, figure, width: int = 800, height: int | None = None) -> str:
        self.calls += 1
        if not chart_export._in_report_worker.get():
            self.outside_a_report_worker += 1
        self.drawing.set()
        self.hold.wait(60)
        return TINY_SVG

    def held(self) -> FastExporter:
        self.hold.clear()
        return self


def closed_council(app, slug: str, leader_email: str):
    """A council whose assessment six people answered, closed: its results can be reported."""
    from assessment.bank import current_bank
    from assessment.framework.responses_csv import ImportedResponse
    from assessment.storage import assessments, database, imports

    from .people import SIX_LEADERS_AND_FRONTLINE, close, make_council

    council = make_council(app, slug, leader_email)
    with app.app_context():
        assessment = assessments.assessment_by_id(council.assessment_id)
        rows = [
            ImportedResponse(n, f"r{n}", role, area, answers)
            for n, (role, area, answers) in enumerate(SIX_LEADERS_AND_FRONTLINE, 2)
        ]
        imports.import_responses(assessment, rows, current_bank())
        database.commit()
    close(app, council.assessment_id)
    return council
