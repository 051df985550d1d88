"""Rankings as people read them: by shown values, with ties named as joint.

Two themes both shown as 2.0 are equal to a reader, so a ranking never splits
them by hidden decimals: both are lowest, and the sentence says "joint". A
"first n" keeps everything tied with its last place rather than choosing one
silently. Sentences name the tied themes (or areas) as a list in the reader's
language, and the verb agrees with how many there are (ngettext).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from .display import one_decimal, shown
from .text import _, list_of, ngettext

Item = TypeVar("Item")


def first_with_ties(items: Sequence[Item], value: Callable[[Item], float], n: int) -> list[Item]:
    """The n items with the highest shown value, and any tied with the last of them.

    `value` gives the figure to rank on; its shown one-decimal value is what counts.
    Ties keep the order the items came in (bank order)."""
    ranked = sorted(items, key=lambda item: -shown(value(item)))
    if len(ranked) <= n:
        return ranked
    cut = shown(value(ranked[n - 1]))
    return [item for i, item in enumerate(ranked) if i < n or shown(value(item)) == cut]


def highest_and_lowest(
    top: Sequence[str], top_score: float, bottom: Sequence[str], bottom_score: float
) -> str:
    """A chart title: which themes score highest and lowest, joint where shown scores tie."""
    if len(top) == 1 and len(bottom) == 1:
        return _(
            "%(top)s scores highest (%(top_score)s) and %(bottom)s lowest (%(bottom_score)s)",
            top=top[0],
            top_score=one_decimal(top_score),
            bottom=bottom[0],
            bottom_score=one_decimal(bottom_score),
        )
    return _(
        "%(highest)s; %(lowest)s",
        highest=ngettext(
            "%(names)s scores highest (%(score)s)",
            "%(names)s are joint highest at %(score)s",
            len(top),
            names=list_of(list(top)),
            score=one_decimal(top_score),
        ),
        lowest=_lowest(bottom, bottom_score),
    )


def highest_and_lowest_overall(
    top: Sequence[str], top_score: float, bottom: Sequence[str], bottom_score: float
) -> str:
    """A chart title for service areas' overall scores, joint where shown scores tie."""
    if len(top) == 1 and len(bottom) == 1:
        return _(
            "%(top)s scores highest overall (%(top_score)s) and %(bottom)s lowest "
            "(%(bottom_score)s)",
            top=top[0],
            top_score=one_decimal(top_score),
            bottom=bottom[0],
            bottom_score=one_decimal(bottom_score),
        )
    return _(
        "%(highest)s; %(lowest)s",
        highest=ngettext(
            "%(names)s scores highest overall (%(score)s)",
            "%(names)s are joint highest overall at %(score)s",
            len(top),
            names=list_of(list(top)),
            score=one_decimal(top_score),
        ),
        lowest=_lowest(bottom, bottom_score),
    )


def _lowest(names: Sequence[str], score: float) -> str:
    return ngettext(
        "%(names)s scores lowest (%(score)s)",
        "%(names)s are joint lowest at %(score)s",
        len(names),
        names=list_of(list(names)),
        score=one_decimal(score),
    )


def strongest_and_weakest(
    top: Sequence[str], top_score: float, bottom: Sequence[str], bottom_score: float
) -> str:
    """The radar's reading of its strongest and weakest themes, joint where shown scores tie."""
    if len(top) == 1 and len(bottom) == 1:
        return _(
            "%(top)s is strongest (%(top_score)s) and %(bottom)s needs most attention "
            "(%(bottom_score)s).",
            top=top[0],
            top_score=one_decimal(top_score),
            bottom=bottom[0],
            bottom_score=one_decimal(bottom_score),
        )
    strongest = ngettext(
        "%(names)s is strongest (%(score)s).",
        "%(names)s are joint strongest at %(score)s.",
        len(top),
        names=list_of(list(top)),
        score=one_decimal(top_score),
    )
    weakest = ngettext(
        "%(names)s needs most attention (%(score)s).",
        "%(names)s are joint lowest at %(score)s and need most attention.",
        len(bottom),
        names=list_of(list(bottom)),
        score=one_decimal(bottom_score),
    )
    return f"{strongest} {weakest}"
