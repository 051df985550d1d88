"""The "you said, we're doing" page: what a council's leaders publish to the officers
who took part, reached from the same invitation link once the assessment is closed.

Officers see the council as a whole only: its overall level and score, each theme
the snapshot shows, the biggest findings about the whole council, and the actions.
Nothing here is broken down by role tier or service area: an officer is one of a
group and may know who else is in it, so group figures stay with leaders (who see
them under k and secondary suppression). The findings are ranked from the snapshot
with every group taken out before ranking, not filtered after it: a filtered list
would still say, by what it lacks, that some group stood out more.

The content is made from the closed snapshot each time it is shown, and the snapshot
changes only when the assessment is closed again with k or more new responses;
reopening unpublishes the page (storage/assessments.py), so officers never see a
snapshot a leader has not previewed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..framework.model import Bank
from ..framework.question_counts import QuestionCounts
from ..framework.ranked_findings import COUNCIL, ranked_findings
from ..framework.scoring import Results
from ..framework.snapshot import Snapshot
from ..storage import actions
from ..storage.models import Assessment
from . import closing
from .key_findings import LEAD


@dataclass(frozen=True)
class ThemeLine:
    title: str
    score: float
    level: int


@dataclass(frozen=True)
class PublishedAction:
    title: str
    status: str  # one of framework/actions.py STATUSES
    due: date | None
    theme_title: str | None


@dataclass(frozen=True)
class StaffPage:
    respondents: int
    overall: float | None
    overall_level: int | None
    themes: tuple[ThemeLine, ...]  # the themes whose council score is shown, in bank order
    themes_hidden: int  # themes too few people answered to show
    findings: tuple[str, ...]  # the biggest findings about the whole council
    actions: tuple[PublishedAction, ...]


def published_actions(assessment: Assessment, bank: Bank) -> list[PublishedAction]:
    """The assessment's actions, for officers to read with their status: what leaders
    plan is not about anyone, so officers see the whole plan."""
    return [
        PublishedAction(
            action.title,
            action.status,
            action.due,
            bank.theme(action.theme_id).title if bank.has_theme(action.theme_id or "") else None,
        )
        for action in actions.actions_of(assessment)
    ]


def is_published(assessment: Assessment) -> bool:
    return assessment.status == "closed" and assessment.staff_page_published_at is not None


def staff_page(assessment: Assessment, bank: Bank) -> StaffPage | None:
    """What the page shows, published or not (the leader's preview is exactly this);
    None while the assessment has no results to show."""
    snapshot = closing.shown_snapshot(assessment, bank)
    if snapshot is None or snapshot.results.council.suppressed:
        return None
    council = snapshot.results.council
    shown = [(t, council.theme(t.id)) for t in bank.themes]
    return StaffPage(
        respondents=council.respondents or 0,
        overall=council.overall,
        overall_level=council.overall_level,
        themes=tuple(ThemeLine(t.title, r.score, r.level) for t, r in shown if r.score is not None),
        themes_hidden=sum(1 for _, r in shown if r.score is None),
        findings=tuple(council_findings(bank, snapshot)[:LEAD]),
        actions=tuple(published_actions(assessment, bank)),
    )


def council_findings(bank: Bank, snapshot: Snapshot) -> list[str]:
    """The snapshot's findings about the whole council, biggest first."""
    found = ranked_findings(
        bank, council_only(snapshot.results), question_counts=_council_counts(snapshot.questions)
    )
    # Belt and braces: a kind added later that names a group must not reach officers.
    return [finding.sentence for finding in found if finding.group_type == COUNCIL]


def council_only(results: Results) -> Results:
    return dataclasses.replace(results, roles=(), service_areas=(), perception_gap=None)


def _council_counts(
    questions: Mapping[str, QuestionCounts] | None,
) -> dict[str, QuestionCounts]:
    return {
        question_id: dataclasses.replace(counts, roles={}, service_areas={})
        for question_id, counts in (questions or {}).items()
    }
