"""How figures are written for people: one decimal, whole percents, level names.

Pages, PDFs and CSV all format through here, so a score never reads 2.6 in one
place and 2.5 in another. Rounding is half up, as people expect (2.25 is 2.3),
not Python's round-half-even, and it starts from the score rounded to 6 places
so float noise (2.5999999999999996) can't tip a figure the wrong way. Figures
read the same in every language; only words around them, like band_texts'
"to", are translated.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .model import Bank
from .text import _

_PLACES = 6
_ONE_DECIMAL = Decimal("0.1")
_WHOLE = Decimal("1")


def rounded(score: float) -> float:
    """The score as the bands and the display see it: rounded to 6 places."""
    return round(score, _PLACES)


def one_decimal(value: float | None) -> str:
    """'2.3' for 2.25; '' for a missing or suppressed figure."""
    if value is None:
        return ""
    return _text(_shown_decimal(value))


def shown(value: float) -> float:
    """The figure as people read it (2.584 -> 2.6), as a number to band, rank and compare.

    Levels, rankings and "notable" gaps all judge this, never the hidden decimals,
    so no sentence or level can disagree with the figure printed beside it."""
    return float(_shown_decimal(value))


def shown_percent(share: float) -> int:
    """The whole percent people read for a share (0.1598 -> 16), to compare with a flag."""
    return int(_percent(share))


def whole_percent(share: float | None) -> str:
    """'6' for a share of 0.06 (the CSV column says it is a percent); '' for None."""
    if share is None:
        return ""
    return _text(_percent(share))


def level_name(bank: Bank, level: int | None) -> str | None:
    """The bank's name for a level ('Established'); None when there is no level."""
    return None if level is None else bank.level_name(level)


def _shown_decimal(value: float) -> Decimal:
    return _decimal(value).quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _percent(share: float) -> Decimal:
    # Scale in Decimal, not float: 0.145 * 100 is 14.499999999999998 as a float.
    return (_decimal(share) * 100).quantize(_WHOLE, rounding=ROUND_HALF_UP)


def _decimal(value: float) -> Decimal:
    # repr gives the shortest decimal that reads back as the float (2.25, not
    # Decimal(2.25)'s full binary expansion), so half up sees the digits people see.
    return Decimal(repr(rounded(value)))


def _text(value: Decimal) -> str:
    # A small negative gap would otherwise read "-0.0".
    return str(abs(value) if value.is_zero() else value)


def band_texts() -> list[str]:
    """The score range of each level as shown to one decimal: "1.0 to 1.7", ... "4.2 to 5.0"."""
    return [_("%(low)s to %(high)s", low=low, high=high) for low, high in _one_decimal_pairs()]


def _one_decimal_pairs() -> list[tuple[str, str]]:
    """(low, high) of each level's band, to one decimal."""
    from .scoring import BAND_EDGES  # scoring imports this module, so import it late

    lows = (1.0, *BAND_EDGES)
    highs = (*(edge - 0.1 for edge in BAND_EDGES), 5.0)
    return [(f"{low:.1f}", f"{high:.1f}") for low, high in zip(lows, highs, strict=True)]
