"""Results snapshots: stored, read, and made from the live responses.

What a snapshot may hold, and when one replaces another, is the pure core's
(framework/snapshot.py); when one is made is services/closing.py's.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..framework.model import Bank
from ..framework.question_counts import QuestionCounts, question_counts
from ..framework.scoring import Results, score_cells
from ..framework.snapshot import Snapshot, from_dict, make_snapshot, to_dict
from . import comments, question_answers, results
from .base import db, utcnow
from .models import Assessment, ResultsSnapshot


def live_results(assessment: Assessment, bank: Bank) -> Results:
    """The results of the responses submitted so far, scored now: for the operator's
    `results` command and for making a snapshot, never for a leader's page."""
    return score_cells(bank, results.cells(assessment, bank), assessment.anonymity_threshold)


def live_questions(
    assessment: Assessment, bank: Bank, scored: Results
) -> dict[str, QuestionCounts]:
    """Each question's answer counts by group as of now, suppressed as `scored` (the
    live results) are: for the operator's `results` and for making a snapshot."""
    return question_counts(bank, question_answers.chosen_counts(assessment, bank), scored)


def live_snapshot(assessment: Assessment, bank: Bank) -> Snapshot:
    """A snapshot of the responses submitted so far (not stored)."""
    scored = live_results(assessment, bank)
    _, submitted = results.response_counts(assessment)
    return make_snapshot(
        scored,
        {theme.id: results.level_counts(assessment, theme) for theme in bank.themes},
        comments.submitted(assessment),
        results.latest_submission(assessment),
        bank.version,
        submitted,
        questions=live_questions(assessment, bank, scored),
    )


def stored(assessment: Assessment) -> Snapshot | None:
    content = db.session.scalar(
        select(ResultsSnapshot.content).where(ResultsSnapshot.assessment_id == assessment.id)
    )
    return None if content is None else from_dict(content)


def submitted_in_stored(assessment: Assessment) -> int | None:
    """How many submitted responses the stored snapshot was made from; None without one."""
    return db.session.scalar(
        select(ResultsSnapshot.submitted).where(ResultsSnapshot.assessment_id == assessment.id)
    )


def store(assessment: Assessment, snapshot: Snapshot) -> None:
    """Keep `snapshot` as the assessment's, in place of any it had."""
    row = db.session.get(ResultsSnapshot, assessment.id)
    if row is None:
        row = ResultsSnapshot(assessment_id=assessment.id)
        db.session.add(row)
    _fill(row, snapshot)
    db.session.flush()


def store_if_none(assessment: Assessment, snapshot: Snapshot) -> Snapshot:
    """Keep `snapshot` unless the assessment has one already (another request made it
    at the same moment, say); the one kept."""
    try:
        with db.session.begin_nested():
            row = ResultsSnapshot(assessment_id=assessment.id)
            _fill(row, snapshot)
            db.session.add(row)
    except IntegrityError:
        kept = stored(assessment)
        if kept is None:
            raise
        return kept
    return snapshot


def _fill(row: ResultsSnapshot, snapshot: Snapshot) -> None:
    row.made_at = utcnow()
    row.results_as_of = snapshot.as_of
    row.bank_version = snapshot.bank_version
    row.submitted = snapshot.submitted
    row.content = to_dict(snapshot)
