"""No finding is ever about a hidden cell, for any council: checked on random ones.

hypothesis builds councils on the real bank (seven themes, fifteen service
areas) with random roles, areas and theme levels (some left out), a threshold k
from 3 to 6, and random answer counts for a question with some groups hidden,
and looks for a finding that names a theme, a group or a tier whose figure is
not shown, or a figure no leader could read or work out from what is shown.
"""

import re
from itertools import product
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.framework import ranked_findings as ranked
from assessment.framework.display import one_decimal, shown
from assessment.framework.loader import load_bank
from assessment.framework.question_counts import QuestionCounts
from assessment.framework.scoring import Respondent, score

BANK = load_bank(Path(__file__).resolve().parents[2] / "questions" / "2026.1")
THEME_IDS = [t.id for t in BANK.themes]
ROLE_IDS = [o.id for o in BANK.roles]
AREA_IDS = [o.id for o in BANK.service_areas]
QUESTION = BANK.themes[0].questions[0]


def _respondent(role, area, levels):
    answers = {q.id: levels[t.id] for t in BANK.themes if t.id in levels for q in t.questions}
    return Respondent(role, area, answers)


respondents = st.builds(
    _respondent,
    role=st.sampled_from(ROLE_IDS),
    # A few areas, so that some hold k or more people and some do not.
    area=st.sampled_from(AREA_IDS[:4]),
    levels=st.dictionaries(st.sampled_from(THEME_IDS), st.integers(1, 5)),
)
answer_counts = st.one_of(
    st.none(), st.fixed_dictionaries({"3": st.integers(0, 9), "dk": st.integers(0, 9)})
)
question_counts = st.builds(
    QuestionCounts,
    question_id=st.just(QUESTION.id),
    council=answer_counts,
    roles=st.fixed_dictionaries(dict.fromkeys(ROLE_IDS, answer_counts)),
    service_areas=st.fixed_dictionaries(dict.fromkeys(AREA_IDS, answer_counts)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(respondents, max_size=40), st.integers(3, 6), question_counts)
def test_no_finding_names_a_hidden_theme_group_or_tier(people, threshold, counts):
    results = score(BANK, people, threshold)
    found = ranked.ranked_findings(BANK, results, {QUESTION.id: counts})
    hidden_areas = [a.label for a in results.service_areas if a.suppressed]
    for finding in found:
        assert finding.size > 0 and finding.kind in ranked.KINDS
        for theme_id in finding.theme_ids:
            assert results.council.theme(theme_id).score is not None, finding
        if finding.kind == ranked.SERVICE_AREA:
            area = results.service_area(finding.group)
            assert area.theme(finding.theme_id).score is not None, finding
            assert area.label in finding.sentence
        if finding.kind == ranked.LEADERS_FRONTLINE:
            gaps = results.perception_gap
            assert gaps is not None and all(gaps[t] is not None for t in finding.theme_ids)
        if finding.kind == ranked.DONT_KNOW:
            group_counts = {
                "council": {"council": counts.council},
                "role": counts.roles,
                "service_area": counts.service_areas,
            }[finding.group_type]
            assert group_counts[finding.group] is not None, finding
        else:
            assert not [label for label in hidden_areas if label in finding.sentence], finding
    sizes = [f.size for f in found]
    assert sizes == sorted(sizes, reverse=True)
    for finding in found:
        figures = set(re.findall(r"\d+\.\d", finding.sentence))
        assert figures <= _figures_it_may_name(results, finding), finding.sentence


def _figures_it_may_name(results, finding) -> set[str]:
    """The one-decimal figures a finding may name: the shown figures of the themes and the
    group it is about, and the differences of those that it compares."""
    council = results.council
    if finding.kind == ranked.SERVICE_AREA:
        area = results.service_area(finding.group).theme(finding.theme_id).score
        whole = council.theme(finding.theme_id).score
        values = [area, whole, abs(shown(area) - shown(whole))]
    elif finding.kind == ranked.LEADERS_FRONTLINE:
        values = [abs(results.perception_gap[t]) for t in finding.theme_ids]
    elif finding.kind == ranked.PEOPLE_FIRST:
        values = [abs(council.people_first_gap)]
    else:  # themes of the council: their scores, spreads, and how far apart they are
        themes = [t for t in council.themes if t.score is not None]
        scores = [t.score for t in themes] + [council.overall]
        values = [*scores, *(t.spread for t in themes if t.spread is not None)]
        values += [abs(shown(a) - shown(b)) for a, b in product(scores, repeat=2)]
    return {one_decimal(v) for v in values}
