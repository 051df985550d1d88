"""Large synthetic assessments, written with bulk inserts (the ORM would take minutes)."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from sqlalchemy import insert, select

from assessment.framework.model import Bank
from assessment.framework.scoring import DONT_KNOW, Respondent
from assessment.storage import assessments, councils, imports, tallies
from assessment.storage.base import db
from assessment.storage.models import Answer, Assessment, Response

BATCH = 5_000


def _score_as_submitted(bank: Bank, ids: list[int], answers: list[dict]) -> None:
    """Keep each response's tallies, as submitting or importing it does."""
    given: dict[int, dict] = {response_id: {} for response_id in ids}
    for row in answers:
        given[row["response_id"]][row["question_id"]] = (
            DONT_KNOW if row["dont_know"] else row["level"]
        )
    people = db.session.execute(
        select(Response.id, Response.role_tier, Response.service_area).where(Response.id.in_(ids))
    )
    tallies.store(bank, [(rid, Respondent(role, area, given[rid])) for rid, role, area in people])


def big_assessment(bank: Bank, respondents: int, seed: int = 7) -> Assessment:
    """A new assessment with `respondents` submitted responses answering the whole bank."""
    council = councils.council_by_slug("bench") or councils.create_council("bench", "Bench Council")
    assessment = assessments.create_assessment(
        council, f"{respondents} respondents", 5, bank.version
    )
    rng = random.Random(seed)
    now = datetime.now(UTC)
    roles = [o.id for o in bank.roles]
    areas = [o.id for o in bank.service_areas]
    for start in range(0, respondents, BATCH):
        count = min(BATCH, respondents - start)
        rows = [
            {
                "assessment_id": assessment.id,
                "role_tier": rng.choice(roles),
                "service_area": rng.choice(areas),
                "source": "import",
                "respondent_ref": f"bench-{start + n}",
                "started_at": now,
                "updated_at": now,
                "submitted_at": now,
            }
            for n in range(count)
        ]
        db.session.execute(insert(Response), rows)
        ids = db.session.scalars(
            select(Response.id)
            .where(Response.assessment_id == assessment.id)
            .order_by(Response.id.desc())
            .limit(count)
        ).all()
        answers = []
        for response_id in ids:
            for question in bank.questions:
                draw = rng.random()
                if draw < 0.03:
                    continue
                dont_know = draw < 0.1
                answers.append(
                    {
                        "response_id": response_id,
                        "question_id": question.id,
                        "level": None if dont_know else rng.randint(1, 5),
                        "dont_know": dont_know,
                        "updated_at": now,
                    }
                )
        for chunk in range(0, len(answers), BATCH * 10):
            db.session.execute(insert(Answer), answers[chunk : chunk + BATCH * 10])
        _score_as_submitted(bank, ids, answers)
    db.session.commit()
    imports.refresh_planner_statistics()  # as the import command does after a bulk load
    return assessment
