"""How many officers have answered, by group, with small groups hidden."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from ..framework.model import Bank
from ..framework.scoring import Results
from ..storage import queries
from ..storage.models import Assessment


def shown(count: int, threshold: int) -> str:
    """A count as leaders may see it: under the anonymity threshold it is never exact."""
    return _("Fewer than %(k)s", k=threshold) if count < threshold else f"{count:,}"


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
    counts = queries.progress_by_group(assessment)
    people = queries.headcounts(assessment)
    k = assessment.anonymity_threshold
    captions = group_captions()
    result = []
    for group_type, options in (("role", bank.roles), ("service_area", bank.service_areas)):
        rows = []
        for option in options:
            group = counts.get((group_type, option.id), queries.GroupProgress(0, 0))
            headcount = people.get((group_type, option.id))
            rows.append(
                ProgressRow(
                    label=option.label,
                    started=shown(group.started, k),
                    submitted=shown(group.submitted, k),
                    response_rate=response_rate(group.submitted, headcount, k),
                )
            )
        result.append(ProgressTable(captions[group_type], rows))
    return result


def response_rate(submitted: int, headcount: int | None, threshold: int) -> str:
    if headcount is None:
        return _("No headcount")
    if submitted < threshold:
        return _("Not shown")
    return f"{min(submitted / headcount, 1):.0%}"


@dataclass(frozen=True)
class GroupCount:
    label: str
    respondents: str
    response_rate: str


def respondent_groups(
    assessment: Assessment, results: Results
) -> list[tuple[str, list[GroupCount]]]:
    """Who answered, by role and by service area, as the results pages and the PDF show it."""
    people = queries.headcounts(assessment)
    k = results.threshold
    captions = group_captions()

    def rows(group_type: str, groups) -> list[GroupCount]:
        # A suppressed group's count is None: it shows as "Fewer than k".
        return [
            GroupCount(
                group.label,
                shown(group.respondents or 0, k),
                response_rate(group.respondents or 0, people.get((group_type, group.id)), k),
            )
            for group in groups
        ]

    return [
        (captions["role"], rows("role", results.roles)),
        (captions["service_area"], rows("service_area", results.service_areas)),
    ]
