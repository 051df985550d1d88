"""A council's rounds: which earlier assessment each one follows (FRAMEWORK.md "Rounds
and change"), so its results can say what changed since.

A new assessment follows the council's latest closed one unless its leader says
otherwise. A round may follow only another round of the same council, never itself,
and never one that already follows it, directly or further back: a loop would leave
"the previous round" without an end, and change since it without a meaning.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..storage import assessments
from ..storage.models import Assessment, Council


class RoundRefused(ValueError):
    """The round asked for cannot be the previous one; the message says why, to the user."""


def latest_closed(council: Council, other_than: Assessment | None = None) -> Assessment | None:
    """The council's most recently made closed assessment (other than `other_than`)."""
    for found in assessments.assessments_for(council):  # newest first
        if found.status == "closed" and found is not other_than:
            return found
    return None


def choices(assessment: Assessment | None, council: Council) -> list[Assessment]:
    """The rounds `assessment` (None: a new one) could follow: the council's others, newest
    first, less any that would make a loop."""
    return [
        found
        for found in assessments.assessments_for(council)
        if assessment is None or (found is not assessment and not _follows(found, assessment))
    ]


def set_previous(assessment: Assessment, previous_id: int | None) -> None:
    """Make `assessment` follow the round `previous_id` (None: no previous round), or raise
    RoundRefused with nothing changed."""
    if previous_id is None:
        assessment.previous_assessment_id = None
        return
    previous = assessments.assessment_by_id(previous_id)
    # Another council's round is refused just as a missing one is: nothing says it exists.
    if previous is None or previous.council_id != assessment.council_id:
        raise RoundRefused(
            _("Assessment %(id)s is not one of this council's rounds", id=previous_id)
        )
    if previous.id == assessment.id:
        raise RoundRefused(_("An assessment cannot be its own previous round"))
    if _follows(previous, assessment):
        raise RoundRefused(
            _(
                "Assessment %(id)s already comes after this one, so it cannot also be its "
                "previous round",
                id=previous.id,
            )
        )
    assessment.previous_assessment_id = previous.id


def chain(assessment: Assessment) -> list[Assessment]:
    """`assessment` and the rounds before it, newest first, as far back as they go."""
    found, seen = [assessment], {assessment.id}
    while (previous := assessments.previous_round(found[-1])) is not None:
        if previous.id in seen:  # never stored (set_previous refuses loops), but never endless
            break
        found.append(previous)
        seen.add(previous.id)
    return found


def _follows(later: Assessment, earlier: Assessment) -> bool:
    """Whether `earlier` is among the rounds before `later`."""
    return any(found.id == earlier.id for found in chain(later)[1:])
