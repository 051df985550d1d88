"""Targets: the score leaders aim for in a theme by the next round (FRAMEWORK.md
"Targets and actions"), and whether the next round met it.

A target is 1.0 to 5.0 with one decimal, kept as whole tenths (35 for 3.5), so no
float or database decimal type can turn 3.5 into 3.4999. The web form and the command
line read a target through parse_target, so both refuse the same input in the same
words. Met is judged on the score as people read it (display.shown), so a 2.95 printed
as 3.0 meets a target of 3.0: the page never says "not met" beside equal figures.
"""

from __future__ import annotations

import re

from .display import shown
from .text import _

LOWEST_TENTHS = 10
HIGHEST_TENTHS = 50
# Up to 15 digits: enough to read 10^12 as a number (out of range), not as "text".
_NUMBER = re.compile(r"-?[0-9]{1,15}(?:\.([0-9]+))?")


class TargetError(ValueError):
    """Input that is not a target, with the sentence that says what to type."""


def parse_target(text: str, label: str) -> int:
    """The target `text` gives, in tenths; raises TargetError worded with `label`
    (the theme's title on a page, its id on the command line)."""
    match = _NUMBER.fullmatch(text.strip())
    if match is None:
        raise TargetError(
            _("%(label)s: enter the target as a number, like 3.5, or leave it empty", label=label)
        )
    decimals = match.group(1) or ""
    if len(decimals) > 1:
        raise TargetError(
            _("%(label)s: enter the target with one decimal place at most, like 3.5", label=label)
        )
    whole, _point, tenth = text.strip().partition(".")
    tenths = int(whole) * 10 + (-1 if whole.startswith("-") else 1) * int(tenth or 0)
    if not LOWEST_TENTHS <= tenths <= HIGHEST_TENTHS:
        raise TargetError(_("%(label)s: enter a target between 1.0 and 5.0", label=label))
    return tenths


def target_text(tenths: int) -> str:
    """'3.5' for 35: a target reads like a score, with its one decimal."""
    return f"{tenths // 10}.{tenths % 10}"


def met(score: float, target_tenths: int) -> bool:
    """Whether a score, as shown to one decimal, is at or above the target."""
    # shown() is exact in tenths; round() only undoes float's 2.3 * 10 = 22.999999999999996.
    return round(shown(score) * 10) >= target_tenths


def met_text(score: float | None, target_tenths: int) -> str:
    """What the next round says beside a target: met, not met, or why it cannot say."""
    if score is None:
        return _("Cannot tell: the score is not shown")
    return _("Met") if met(score, target_tenths) else _("Not met")
