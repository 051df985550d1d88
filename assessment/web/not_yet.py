"""While an assessment is open, leaders follow its progress and read no results:
every results page, download and the PDF answers with one page that says when
results appear (FRAMEWORK.md, "Anonymity"). A page, with status 200, rather than a
redirect or an empty file: a leader who follows a saved link to a download learns
why there is nothing yet and where to follow progress meanwhile."""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import render_template

from ..bank import bank_of
from ..services import closing
from ..storage.models import Assessment


def with_snapshot(view: Callable) -> Callable:
    """Call view(assessment, snapshot, ...) with the results leaders may see, or show
    the page saying they appear at close."""

    @functools.wraps(view)
    def shown(assessment: Assessment, **kwargs):
        snapshot = closing.shown_snapshot(assessment, bank_of(assessment))
        if snapshot is None:
            return render_template("results/not_yet.html", assessment=assessment)
        return view(assessment, snapshot, **kwargs)

    return shown
