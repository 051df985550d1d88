"""The findings officers read on the staff page are about the whole council only,
ranked as if no group existed: a group that stands out is neither named nor given
away by the council's finding it pushed out of the list."""

from assessment.framework import ranked_findings as ranked
from assessment.framework.snapshot import Snapshot
from assessment.services.staff_page import council_findings

from .test_ranked_findings import BANK, SHOWN, council, counts, question_counts

# Frontline staff and planning score a whole level below managers in housing.
SPLIT = [
    (3, {"culture": 4, "technology": 3}, "manager", "housing"),
    (3, {"culture": 2, "technology": 1}, "frontline", "planning"),
]


def _snapshot(results, questions=None) -> Snapshot:
    return Snapshot(results, {}, {}, None, "test.1", 6, questions)


def test_no_finding_about_a_role_tier_or_service_area_reaches_officers():
    results = council(BANK, *SPLIT)
    leaders_read = {f.kind for f in ranked.ranked_findings(BANK, results)}
    assert {ranked.SERVICE_AREA} <= leaders_read
    officers_read = council_findings(BANK, _snapshot(results))
    assert officers_read
    assert not any(word in " ".join(officers_read) for word in ("Planning", "Housing", "Frontline"))


def test_the_councils_dont_know_finding_stays_when_a_group_does_not_know_more():
    # A leader reads the frontline's 60%; officers read the council's 30% instead.
    results = council(BANK, *SHOWN)
    by_question = question_counts(counts(3, 7), roles={"frontline": counts(3, 2)})
    [for_leaders] = [
        f for f in ranked.ranked_findings(BANK, results, by_question) if f.kind == ranked.DONT_KNOW
    ]
    assert for_leaders.sentence.startswith("Among Frontline, 60%")
    officers_read = council_findings(BANK, _snapshot(results, by_question))
    assert (
        '30% of people answered "Don\'t know" to "How do teams respond to change?" (Culture).'
        in officers_read
    )
