"""An insider with a leader's account, trying every subtraction of the published figures.

The council's figures include everyone, and each breakdown (role tiers; service
areas) splits the same people into groups. So the council minus any set of shown
groups is a set of people too: if it holds 1 to k-1 of them, their count, and from
the means times the counts their mean score, are recovered. The unit tests feed
this the results JSON and CSV; the HTML test feeds it what it scrapes from pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any


@dataclass(frozen=True)
class Figure:
    """A published count of people, with their mean score where one is published."""

    count: int
    mean: float | None = None


@dataclass(frozen=True)
class Recovered:
    what: str
    people: int
    mean: float | None


def subtractions(
    what: str, total: Figure, shown: Mapping[str, Figure], k: int
) -> Iterator[Recovered]:
    """The total minus every subset of the shown groups, wherever that leaves 1 to k-1 people."""
    for size in range(len(shown) + 1):
        for subset in combinations(sorted(shown), size):
            people = total.count - sum(shown[g].count for g in subset)
            if not 1 <= people < k:
                continue
            means = [shown[g].mean for g in subset]
            mean = None
            if total.mean is not None and None not in means:
                rest = sum(shown[g].mean * shown[g].count for g in subset)
                mean = (total.mean * total.count - rest) / people
            yield Recovered(f"{what}: total minus {', '.join(subset) or 'nothing'}", people, mean)


BREAKDOWNS = (("role", "roles"), ("service_area", "service_areas"))


def from_results(
    document: dict[str, Any], csv_rows: list[dict[str, str]], k: int
) -> list[Recovered]:
    """Everything recoverable from the results JSON (unrounded scores) and the results CSV
    (each cell's respondents, which the JSON leaves out)."""
    if document["respondents"] is None:
        return []
    cell_counts = {
        (row["group_type"], row["group"], row["theme"]): int(row["respondents"])
        for row in csv_rows
        if row["respondents"]
    }
    found: list[Recovered] = []
    for group_type, key in BREAKDOWNS:
        groups = [g for g in document[key] if not g["suppressed"]]
        shown = {g["id"]: Figure(g["respondents"]) for g in groups}
        found += subtractions(group_type, Figure(document["respondents"]), shown, k)
        for theme in document["themes"]:
            if theme["respondents"] is None:
                continue
            cells = {
                g["id"]: Figure(
                    cell_counts[group_type, g["id"], theme["id"]], g["themes"][theme["id"]]
                )
                for g in groups
                if g["themes"][theme["id"]] is not None
            }
            total = Figure(theme["respondents"], theme["score"])
            found += subtractions(f"{group_type} {theme['id']}", total, cells, k)
    return found


def from_counts(
    what: str, total: int | None, counts: Mapping[str, int | None], k: int
) -> list[Recovered]:
    """Everything recoverable from a published total and its groups' counts (None: hidden)."""
    if total is None or total < k:
        return []
    shown = {group: Figure(count) for group, count in counts.items() if count is not None}
    return list(subtractions(what, Figure(total), shown, k))


def from_questions(questions: Mapping[str, Any] | None, k: int) -> list[Recovered]:
    """Everything recoverable from the results JSON's `questions`: per question and
    breakdown, the council's answerers minus any set of shown groups' answerers (the
    counts by answer then follow for those people)."""
    found: list[Recovered] = []
    for question_id, entry in (questions or {}).items():
        council = entry["council"]
        for _, key in BREAKDOWNS:
            counts = {g: None if c is None else c["answered"] for g, c in entry[key].items()}
            total = None if council is None else council["answered"]
            found += from_counts(f"{question_id} {key}", total, counts, k)
    return found
