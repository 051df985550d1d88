"""Results added up by the database equal results worked out answer by answer."""

from __future__ import annotations

import dataclasses
import random

import pytest
import sqlalchemy as sa

from assessment.bank import current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.framework.scoring import score
from assessment.storage import assessments, database, imports, responses, snapshots
from assessment.storage.base import db
from assessment.storage.models import ResponseTally

from .people import make_council


def _import_random_answers(app, assessment_id: int, count: int, seed: int) -> None:
    rng = random.Random(seed)
    with app.app_context():
        bank = current_bank()
        assessment = assessments.assessment_by_id(assessment_id)
        rows = []
        for number in range(count):
            answers = {}
            for question in bank.questions:
                draw = rng.random()
                if draw < 0.2:
                    continue
                answers[question.id] = "dk" if draw < 0.35 else rng.randint(1, 5)
            rows.append(
                ImportedResponse(
                    number + 2,
                    f"r{seed}-{number}",
                    rng.choice([o.id for o in bank.roles]),
                    rng.choice([o.id for o in bank.service_areas]),
                    answers,
                )
            )
        imports.import_responses(assessment, rows, bank)
        database.commit()


def test_sql_sums_score_exactly_like_the_pure_core(app, clean_database):
    council = make_council(app, "sumshire", "lead@sums.example")
    _import_random_answers(app, council.assessment_id, 60, seed=3)
    with app.app_context():
        bank = current_bank()
        assessment = assessments.assessment_by_id(council.assessment_id)
        by_answer = score(bank, responses.submitted_respondents(assessment), 3)
        assert snapshots.live_results(assessment, bank) == by_answer


@pytest.mark.parametrize("weights", [(2.0, 0.5), (0.1, 2.5), (1.0, 1.0)])
def test_any_question_weights_score_exactly_like_the_pure_core(app, clean_database, weights):
    # Weights in 1/1024ths are tallied by PostgreSQL itself; others (0.1) in Python.
    council = make_council(app, "weightshire", "lead@weights.example")
    _import_random_answers(app, council.assessment_id, 40, seed=6)
    with app.app_context():
        bank = _reweighted(current_bank(), weights)
        assessment = assessments.assessment_by_id(council.assessment_id)
        by_answer = score(bank, responses.submitted_respondents(assessment), 3)
        assert snapshots.live_results(assessment, bank) == by_answer


def _reweighted(bank, weights):
    """The bank with each theme's first questions weighted as given, in turn."""
    themes = []
    for theme in bank.themes:
        questions = [
            dataclasses.replace(q, weight=w) for q, w in zip(theme.questions, weights, strict=False)
        ]
        questions += theme.questions[len(questions) :]
        themes.append(dataclasses.replace(theme, questions=tuple(questions)))
    version = f"{bank.version}+{weights}"
    return dataclasses.replace(bank, themes=tuple(themes), version=version)


def test_responses_without_tallies_are_scored_from_their_answers(app, clean_database):
    # Submitted before tallies were kept, or under another bank version.
    council = make_council(app, "oldshire", "lead@old.example")
    _import_random_answers(app, council.assessment_id, 30, seed=8)
    with app.app_context():
        bank = current_bank()
        assessment = assessments.assessment_by_id(council.assessment_id)
        by_answer = score(bank, responses.submitted_respondents(assessment), 3)
        some = [r.id for r in assessment.responses[::3]]
        db.session.execute(sa.delete(ResponseTally).where(ResponseTally.response_id.in_(some)))
        assert snapshots.live_results(assessment, bank) == by_answer
