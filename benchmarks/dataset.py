"""Large synthetic assessments, written with bulk inserts (the ORM would take minutes)."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from sqlalchemy import insert, select

from assessment.framework.model import Bank
from assessment.storage import queries
from assessment.storage.base import db
from assessment.storage.models import Answer, Assessment, Response

BATCH = 5_000


def big_assessment(bank: Bank, respondents: int, seed: int = 7) -> Assessment:
    """A new assessment with `respondents` submitted responses answering the whole bank."""
    council = queries.council_by_slug("bench") or queries.create_council("bench", "Bench Council")
    assessment = queries.create_assessment(council, f"{respondents} respondents", 5, bank.version)
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
    db.session.commit()
    return assessment
