"""Which groups of a breakdown may be shown, so that no difference reveals fewer than k people.

FRAMEWORK.md ("Anonymity") is the specification. Hiding each group under k is
not enough: the whole council's figure includes everyone, so the council minus
the shown groups is the hidden groups together. When that remainder holds 1 to
k-1 people, the smallest shown group is hidden too (on equal size, the later
in bank order), and so on, until the hidden groups hold none or at least k
people together, or nothing is left to hide.

The one rule serves every figure broken down by group: respondents per role
tier or service area, a theme's scorers per group, responses started and
submitted on the progress pages. It sees counts only, so it is the same
whatever is being counted.
"""

from __future__ import annotations

from collections.abc import Sequence


def shown_groups(
    counts: Sequence[int], threshold: int, hidden: Sequence[bool] | None = None
) -> tuple[bool, ...]:
    """For each group of one breakdown, in bank order: may its figure be shown?

    `counts` is how many people each group holds for this figure (respondents,
    a theme's scorers, responses started). `hidden` marks groups already hidden
    for another reason (a theme cell of a suppressed group): their people count
    as hidden, and they are never shown again.
    """
    if hidden is None:
        hidden = [False] * len(counts)
    if any(count < 0 for count in counts):
        raise ValueError("a count of people is never negative")
    shown = [not gone and count >= threshold for count, gone in zip(counts, hidden, strict=True)]
    covered = sum(count for count, is_shown in zip(counts, shown, strict=True) if not is_shown)
    while 0 < covered < threshold and any(shown):
        # The smallest shown group; of equal ones the later in bank order.
        candidates = (index for index, is_shown in enumerate(shown) if is_shown)
        smallest = min(candidates, key=lambda index: (counts[index], -index))
        shown[smallest] = False
        covered += counts[smallest]
    return tuple(shown)


def published(counts: Sequence[int], threshold: int) -> list[int | None]:
    """A breakdown's counts as they may be published: None where hidden."""
    return [
        count if show else None
        for count, show in zip(counts, shown_groups(counts, threshold), strict=True)
    ]
