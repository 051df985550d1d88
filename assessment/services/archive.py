"""A council's data in one zip archive, for a data-rights request (UK GDPR): what is
held about it, its assessments' results, and their responses, anonymised."""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from ..bank import bank_of
from ..framework.change import Change
from ..framework.model import Bank
from ..framework.responses_csv import DONT_KNOW
from ..framework.results_contract import results_json
from ..framework.scoring import Respondent
from ..framework.snapshot import texts
from ..framework.snapshot import to_dict as snapshot_dict
from ..reports.exports import results_csv
from ..storage import accounts, assessments, comments, responses, results, snapshots
from ..storage.models import Assessment, Council
from .change import since_last_round

_BOM = "\ufeff"  # so Excel opens the CSV files as UTF-8; the import accepts it


def council_archive(council: Council) -> bytes:
    """council.json, and per assessment its results CSV and its anonymised responses CSV,
    each scored with the bank the assessment was made with."""
    buffer = io.BytesIO()
    document = {
        "exported_at": datetime.now(UTC).isoformat(),
        "council": {
            "slug": council.slug,
            "name": council.name,
            "created_at": council.created_at.isoformat(),
        },
        "leaders": [
            {"email": user.email, "created_at": user.created_at.isoformat()}
            for user in accounts.leaders_of(council)
        ],
        "assessments": [],
    }
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for assessment in reversed(assessments.assessments_for(council)):
            files = {
                "results_csv": f"assessment-{assessment.id}-results.csv",
                "responses_csv": f"assessment-{assessment.id}-responses.csv",
            }
            bank = bank_of(assessment)
            scored = snapshots.live_results(assessment, bank)
            change = since_last_round(assessment, bank, None)  # live, as the results are
            archive.writestr(files["results_csv"], results_csv(bank, scored, change))
            submitted = responses.submitted_respondents(assessment)
            archive.writestr(files["responses_csv"], responses_csv(bank, submitted))
            document["assessments"].append(
                _assessment_document(assessment, bank, scored, change, files)
            )
        archive.writestr("council.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return buffer.getvalue()


def _assessment_document(
    assessment: Assessment, bank: Bank, scored, change: Change | None, files: dict[str, str]
) -> dict[str, Any]:
    started, submitted = results.response_counts(assessment)
    shown = snapshots.stored(assessment)
    return {
        "id": str(assessment.id),
        "title": assessment.title,
        "status": assessment.status,
        "anonymity_threshold": assessment.anonymity_threshold,
        "bank_version": assessment.bank_version,
        "created_at": assessment.created_at.isoformat(),
        "responses": {"started": started, "submitted": submitted},
        "files": files,
        "results": results_json(
            bank,
            scored,
            assessments.assessment_info(assessment),
            questions=snapshots.live_questions(assessment, bank, scored),
            change=change,
        ),
        # Every comment, held and hidden ones too (a data-rights request asks for all
        # that is held), each marked: by theme, alphabetical, not who wrote them.
        "comments": comments.archived(assessment),
        # What the council's leaders were shown, as stored when the assessment closed.
        "results_snapshot": None if shown is None else _snapshot_document(shown),
    }


def _snapshot_document(snapshot) -> dict[str, Any]:
    document = snapshot_dict(snapshot)
    # Without the entry ids: neighbouring ids tell which comments one person wrote,
    # which the shuffled responses file is careful not to.
    document["comments"] = {theme_id: texts(snapshot, theme_id) for theme_id in snapshot.comments}
    return document


def responses_csv(bank: Bank, rows: Sequence[Respondent]) -> bytes:
    """Submitted responses in the `responses import` format (FRAMEWORK.md, Responses CSV).

    Each row is one person's role, service area and answers: the rows are shuffled
    and numbered afresh, so neither the respondent id nor the order says who or when.
    """
    in_bank = [question.id for question in bank.questions]
    # Questions an older bank asked, so nothing stored is left out.
    retired = sorted({qid for row in rows for qid in row.answers} - set(in_bank))
    columns = ["respondent", "role", "service_area", *in_bank, *retired]
    shuffled = list(rows)
    random.SystemRandom().shuffle(shuffled)
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(columns)
    for number, row in enumerate(shuffled, start=1):
        cells = [_cell(row.answers.get(qid)) for qid in (*in_bank, *retired)]
        writer.writerow([f"respondent-{number}", row.role, row.service_area, *cells])
    return (_BOM + stream.getvalue()).encode("utf-8")


def _cell(answer: Any) -> str:
    if answer is None:
        return ""
    return DONT_KNOW if answer == DONT_KNOW else str(answer)
