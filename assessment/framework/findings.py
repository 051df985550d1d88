"""Findings for leaders: strengths, priorities, talking points, gaps and silos.

Pure, like the rest of the framework: it reads frozen Results and writes
sentences in GOV.UK plain English, with figures to one decimal through
display, so a chart title, a talking point and the PDF always agree. A
suppressed figure is None in the results and is never named here. Every
sentence goes through text, so it reads in the reader's language; theme
titles, level names and area labels are the bank's, filled in as they are.

Import these from insights, which adds the chart titles and readings.
"""

from __future__ import annotations

from dataclasses import dataclass

from .display import one_decimal, shown, shown_percent, whole_percent
from .model import Bank, Theme
from .rankings import first_with_ties
from .scoring import Results, ThemeResult
from .text import N_, _, list_of, ngettext

# A theme whose spread is at least this: people disagree about it.
FLAG_SPREAD = 1.0
# A theme whose share of "Don't know" answers is at least this: people don't know.
FLAG_DONT_KNOW = 0.2
# A perception gap or people-first gap at least this big is worth a sentence.
NOTABLE_GAP = 0.5
# A people-first gap smaller than this means the two pillars are in balance.
BALANCED_GAP = 0.25

# Translate with _(NOT_ENOUGH) where it is shown.
NOT_ENOUGH = N_("Not enough responses yet to show results")

# What a strength or a priority says about its theme.
STRENGTH = N_("%(theme)s scores %(score)s (%(level)s): one of the council's strongest themes.")
PRIORITY = N_("%(theme)s scores %(score)s (%(level)s): one of the first places to improve.")


@dataclass(frozen=True)
class Finding:
    theme_id: str
    title: str
    score: float
    level_name: str
    sentence: str


@dataclass(frozen=True)
class TalkingPoint:
    theme_id: str
    title: str
    kind: str  # "disagree" or "dont_know"
    sentence: str


def shown_themes(bank: Bank, results: Results) -> list[tuple[Theme, ThemeResult]]:
    """The council's themes that have a shown score, in bank order."""
    pairs = [(t, results.council.theme(t.id)) for t in bank.themes]
    return [(t, r) for t, r in pairs if r.score is not None]


def gap_meaning(results: Results) -> str:
    """What the people-first gap means for this council, in two sentences."""
    gap = results.council.people_first_gap
    if gap is None:
        return _(
            "There are not enough responses yet to compare people and culture "
            "with the technology estate."
        )
    size = one_decimal(abs(gap))
    if shown(abs(gap)) < BALANCED_GAP:
        return _(
            "People and culture score about the same as the technology estate "
            "(a difference of %(size)s). Keep them in step: plan changes to how people "
            "work alongside changes to technology.",
            size=size,
        )
    if gap > 0:
        return _(
            "People and culture score %(size)s higher than the technology estate. "
            "Old and disconnected systems may now be holding your people back: invest "
            "in modern, shared platforms that let them work in new ways.",
            size=size,
        )
    return _(
        "The technology estate scores %(size)s higher than people and culture. "
        "New tools will not deliver on their own: invest in leadership, culture and "
        "skills so that people use them to change how the council works.",
        size=size,
    )


def strengths(bank: Bank, results: Results, n: int = 3) -> list[Finding]:
    """The n highest-scoring shown council themes, and any whose shown score ties the last."""
    top = first_with_ties(shown_themes(bank, results), lambda p: p[1].score, n)
    return [_finding(bank, t, r, STRENGTH) for t, r in top]


def priorities(bank: Bank, results: Results, n: int = 3) -> list[Finding]:
    """The n lowest-scoring shown council themes, and any whose shown score ties the last."""
    bottom = first_with_ties(shown_themes(bank, results), lambda p: -p[1].score, n)
    return [_finding(bank, t, r, PRIORITY) for t, r in bottom]


def _finding(bank: Bank, theme: Theme, result: ThemeResult, message: str) -> Finding:
    level = bank.level_name(result.level)
    sentence = _(message, theme=theme.title, score=one_decimal(result.score), level=level)
    return Finding(theme.id, theme.title, result.score, level, sentence)


# Flags judge the figure as shown, so a spread shown as 1.0 is flagged like any other 1.0.


def is_disagreement(result: ThemeResult) -> bool:
    return result.spread is not None and shown(result.spread) >= FLAG_SPREAD


def is_dont_know(result: ThemeResult) -> bool:
    share = result.dont_know_share
    return share is not None and shown_percent(share) >= round(FLAG_DONT_KNOW * 100)


def talking_points(bank: Bank, results: Results) -> list[TalkingPoint]:
    """Questions to take to a team meeting, for themes people disagree on or don't know about."""
    points = []
    for theme, result in shown_themes(bank, results):
        if is_disagreement(result):
            sentence = _(
                "People see %(theme)s very differently (spread %(spread)s). "
                "Ask teams what they see that others don't.",
                theme=theme.title,
                spread=one_decimal(result.spread),
            )
            points.append(TalkingPoint(theme.id, theme.title, "disagree", sentence))
        if is_dont_know(result):
            sentence = _(
                '%(percent)s%% of answers about %(theme)s were "Don\'t know". '
                "Ask teams what would help them see how the council is doing here.",
                percent=whole_percent(result.dont_know_share),
                theme=theme.title,
            )
            points.append(TalkingPoint(theme.id, theme.title, "dont_know", sentence))
    return points


def perception_gaps(bank: Bank, results: Results) -> list[tuple[Theme, float]]:
    """(theme, leadership minus frontline) for each theme with a shown gap, in bank order."""
    gaps = results.perception_gap or {}
    return [(t, gaps[t.id]) for t in bank.themes if gaps.get(t.id) is not None]


def perception_sentence(theme: Theme, gap: float, title: str | None = None) -> str:
    """Who scores the theme higher and by how much; `title` names several tied themes."""
    size = one_decimal(abs(gap))
    if gap > 0:
        return _(
            "Leaders score %(theme)s %(size)s higher than frontline staff do.",
            theme=title or theme.title,
            size=size,
        )
    return _(
        "Frontline staff score %(theme)s %(size)s higher than leaders do.",
        theme=title or theme.title,
        size=size,
    )


def on_every_theme_sentence(leaders_above: bool, count: int, total: int, by: str) -> str:
    """One side scores above the other on each of `count` themes (of the bank's `total`)
    where both tiers are shown, by `by` ("0.8 to 1.0")."""
    if leaders_above and count == total:
        return ngettext(
            "Leaders score above frontline staff on all %(num)s theme, by %(by)s.",
            "Leaders score above frontline staff on all %(num)s themes, by %(by)s.",
            count,
            by=by,
        )
    if leaders_above:
        return ngettext(
            "Leaders score above frontline staff on all %(num)s theme where both are shown, "
            "by %(by)s.",
            "Leaders score above frontline staff on all %(num)s themes where both are shown, "
            "by %(by)s.",
            count,
            by=by,
        )
    if count == total:
        return ngettext(
            "Frontline staff score above leaders on all %(num)s theme, by %(by)s.",
            "Frontline staff score above leaders on all %(num)s themes, by %(by)s.",
            count,
            by=by,
        )
    return ngettext(
        "Frontline staff score above leaders on all %(num)s theme where both are shown, by %(by)s.",
        "Frontline staff score above leaders on all %(num)s themes where both are shown, "
        "by %(by)s.",
        count,
        by=by,
    )


def widest_gaps(gaps: list[tuple[Theme, float]]) -> list[tuple[Theme, float]]:
    """The themes where leaders and frontline staff differ most, all of them on a shown tie."""
    return first_with_ties(gaps, lambda p: abs(p[1]), 1)


def same_direction(gaps: list[tuple[Theme, float]]) -> bool:
    return len({gap > 0 for _theme, gap in gaps}) == 1


def titles(pairs: list[tuple[Theme, object]]) -> str:
    return list_of([theme.title for theme, _value in pairs])


def widest_gap_sentence(widest: list[tuple[Theme, float]]) -> str:
    """The perception sentence for the widest gap, naming every theme tied at it."""
    gap = widest[0][1]
    if len(widest) == 1:
        return perception_sentence(widest[0][0], gap)
    if not same_direction(widest):
        return _(
            "Leaders and frontline staff differ most, by %(size)s, about %(themes)s.",
            themes=titles(widest),
            size=one_decimal(abs(gap)),
        )
    return perception_sentence(widest[0][0], gap, title=titles(widest))


def perception_sentences(bank: Bank, results: Results) -> list[str]:
    """A sentence for each theme where leaders and frontline staff differ by NOTABLE_GAP or more."""
    return [
        perception_sentence(theme, gap)
        for theme, gap in perception_gaps(bank, results)
        if shown(abs(gap)) >= NOTABLE_GAP
    ]


def recommendation(bank: Bank, theme_id: str, results: Results) -> str | None:
    """The theme's recommendation for the council's level on it; None when not shown."""
    level = results.council.theme(theme_id).level
    return None if level is None else bank.theme(theme_id).recommendation(level)


def themes_phrase(count: int) -> str:
    """'1 theme', '3 themes': for a sentence that counts two things, so one plural can't do."""
    return ngettext("%(num)s theme", "%(num)s themes", count)
