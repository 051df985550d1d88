"""The privacy notice: a general one, and each council's, reached from its invitation link.

The council's notice sits under the invitation token, so an officer who has the link can
read who holds their answers before starting, and nobody learns a council's details
without it. An unknown token counts towards the same scanning pause as the survey's
(web/throttle.py).
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from ..framework.scoring import DEFAULT_THRESHOLD, MIN_THRESHOLD
from ..storage import assessments
from . import throttle

blueprint = Blueprint("privacy", __name__)


@blueprint.get("/privacy")
def general() -> str:
    return _notice(council=None, threshold=None)


@blueprint.get("/s/<token:invitation>/privacy")
def for_invitation(invitation: str) -> str:
    assessment = assessments.assessment_by_invitation(invitation)
    if assessment is None:
        throttle.unknown_link()
    return _notice(
        council=assessment.council,
        threshold=assessment.anonymity_threshold,
        invitation=invitation,
    )


def _notice(council, threshold: int | None, invitation: str | None = None) -> str:
    return render_template(
        "privacy/notice.html",
        council=council,
        threshold=threshold,
        invitation=invitation,
        usual_threshold=DEFAULT_THRESHOLD,
        least_threshold=MIN_THRESHOLD,
        retention_days=current_app.config["RETENTION_DAYS"],
    )
