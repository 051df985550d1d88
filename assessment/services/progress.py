"""How many officers have answered, by group, with small groups hidden (and, where the
council's total minus the shown groups would give them away, the next smallest too)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from ..framework.model import Bank, has_headcount
from ..framework.scoring import Results
from ..framework.suppression import published
from ..storage import assessments, results
from ..storage.models import Assessment


def shown(count: int, threshold: int) -> str:
    """The whole council's count as leaders may see it: under the threshold it is never exact."""
    return _("Fewer than %(k)s", k=threshold) if count < threshold else f"{count:,}"


def so_far(count: int, responses: int, threshold: int) -> str:
    """A council-wide count while an assessment runs: "None yet" only when nobody at all
    has started. A zero for the whole council gives nobody away; a small count does."""
    return _("None yet") if responses == 0 else shown(count, threshold)


def group_count(count: int | None) -> str:
    """A group's count, or "Not shown" when hidden: the same words whether the group had
    fewer than k people or was hidden to protect one that had, so the words say neither."""
    return _("Not shown") if count is None else f"{count:,}"


@dataclass(frozen=True)
class ProgressRow:
    label: str
    started: str
    submitted: str
    response_rate: str


@dataclass(frozen=True)
class ProgressTable:
    caption: str
    rows: list[ProgressRow]


def group_captions() -> dict[str, str]:
    """Each kind of group's table caption, in the reader's language."""
    return {"role": _("By role"), "service_area": _("By service area")}


def tables(bank: Bank, assessment: Assessment) -> list[ProgressTable]:
    counts = results.progress_by_group(assessment)
    people = assessments.headcounts(assessment)
    k = assessment.anonymity_threshold
    captions = group_captions()
    result = []
    nobody_yet = not counts
    for group_type, options in (("role", bank.roles), ("service_area", bank.service_areas)):
        groups = [counts.get((group_type, o.id), results.GroupProgress(0, 0)) for o in options]
        # Started and submitted are each a breakdown of a published total.
        started = published([g.started for g in groups], k)
        submitted = published([g.submitted for g in groups], k)
        rows = [
            ProgressRow(
                label=option.label,
                # With nobody at all, every group's zero is the council's, safe to say.
                started=_("None yet") if nobody_yet else group_count(started[index]),
                submitted=_("None yet") if nobody_yet else group_count(submitted[index]),
                response_rate=response_rate(
                    0 if nobody_yet else submitted[index],
                    people.get((group_type, option.id)),
                    option.id,
                ),
            )
            for index, option in enumerate(options)
        ]
        result.append(ProgressTable(captions[group_type], rows))
    return result


def response_rate(submitted: int | None, headcount: int | None, group_id: str) -> str:
    """A shown count's share of the group's headcount; with a hidden count the rate would
    give the count back, so it is hidden too. More responses than people means the
    headcount is wrong (or out of date): said so, rather than a rate that looks right."""
    if not has_headcount(group_id):
        return _("Not applicable")
    if headcount is None:
        return _("No headcount")
    if submitted is None:
        return _("Not shown")
    if submitted > headcount:
        return _("More responses than the headcount (check it)")
    return f"{submitted / headcount:.0%}"


@dataclass(frozen=True)
class GroupCount:
    label: str
    respondents: str
    response_rate: str


def respondent_groups(
    assessment: Assessment, results: Results
) -> list[tuple[str, list[GroupCount]]]:
    """Who answered, by role and by service area, as the results pages and the PDF show it."""
    people = assessments.headcounts(assessment)
    captions = group_captions()

    def rows(group_type: str, groups) -> list[GroupCount]:
        # Scoring has already hidden what must be: a suppressed group's count is None.
        return [
            GroupCount(
                group.label,
                group_count(group.respondents),
                response_rate(group.respondents, people.get((group_type, group.id)), group.id),
            )
            for group in groups
        ]

    return [
        (captions["role"], rows("role", results.roles)),
        (captions["service_area"], rows("service_area", results.service_areas)),
    ]
