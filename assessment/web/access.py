"""Who may see what: the one place that checks a council-scoped id.

Every view that takes an assessment id is wrapped in @assessment_view, which
loads the assessment and answers 404 (not 403: another council's ids are not
even confirmed to exist) unless the signed-in user may see its council. The
wrapper marks the view, and a test walks every route to prove none skips it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import abort
from flask_login import current_user, login_required

from ..storage import assessments, councils

COUNCIL_CHECKED = "_council_checked"
ADMIN_ONLY = "_admin_only"


def assessment_view(view: Callable) -> Callable:
    @functools.wraps(view)
    @login_required
    def checked(assessment_id: int, **kwargs):
        assessment = assessments.assessment_by_id(assessment_id)
        if assessment is None or not current_user.can_see(assessment.council_id):
            abort(404)
        return view(assessment, **kwargs)

    setattr(checked, COUNCIL_CHECKED, True)
    return checked


def admin_only(view: Callable) -> Callable:
    @functools.wraps(view)
    @login_required
    def checked(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    setattr(checked, ADMIN_ONLY, True)
    return checked


def visible_councils():
    """The councils the signed-in user may work with."""
    if current_user.is_admin:
        return councils.all_councils()
    return [current_user.council]
