"""The one loader of responses with their answers (storage/responses.py), which
results, the council's archive and the scoring of untallied responses build on."""

from __future__ import annotations

from assessment.bank import current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.framework.scoring import DONT_KNOW, Respondent
from assessment.storage import assessments, database, imports, responses
from assessment.storage.models import Response

from .people import make_council


def test_each_submitted_response_comes_with_its_own_answers_and_nothing_unsubmitted(
    app, clean_database
):
    council = make_council(app, "loadshire", "lead@load.example")
    other = make_council(app, "elsewhere", "lead@elsewhere.example")
    with app.app_context():
        bank = current_bank()
        first, second, third = [q.id for q in bank.questions[:3]]
        ours = assessments.assessment_by_id(council.assessment_id)
        imports.import_responses(
            ours,
            [
                ImportedResponse(2, "a", "frontline", "housing", {first: 4, second: DONT_KNOW}),
                ImportedResponse(3, "b", "manager", "finance", {third: 1}),
                ImportedResponse(4, "c", "frontline", "finance", {}),
            ],
            bank,
        )
        # Started but never submitted, and someone else's: neither is ours to read.
        responses.start_response(ours, "frontline", "housing")
        theirs = assessments.assessment_by_id(other.assessment_id)
        imports.import_responses(
            theirs, [ImportedResponse(2, "z", "manager", "housing", {first: 5})], bank
        )
        database.commit()

        assert responses.submitted_respondents(ours) == [
            Respondent("frontline", "housing", {first: 4, second: DONT_KNOW}),
            Respondent("manager", "finance", {third: 1}),
            Respondent("frontline", "finance", {}),
        ]
        managers = responses.respondents(
            *responses.submitted_in(ours), Response.role_tier == "manager"
        )
        assert list(managers.values()) == [Respondent("manager", "finance", {third: 1})]
        assert responses.respondents(Response.role_tier == "nobody") == {}
