"""Findings, ranked: the few things in a council's results that matter most, biggest first.

Each kind of finding makes candidates from the results; every candidate has a
size, and the pages, the PDF and the findings CSV take the biggest few. A
sentence is built from the figures it names (one decimal through display, level
names from the bank), never from a suppressed cell (None in the results), and
each is one whole message for translators (text).

Size is in points on the 1 to 5 score scale, so kinds can be ranked together:
- the weakest theme against the strongest (how far it trails what the council
  already reaches), the strongest against the council's overall score, and a
  service area against the council on a theme: the difference of the two
  figures as shown, so the sentence's arithmetic holds ("2.0, 0.8 below ... 2.8");
- the people-first gap and leaders against frontline staff: the gap as shown
  (for "on all themes", the widest of them), the figure the charts show;
- kinds that are not score distances are weighted so that the point where the
  framework calls them notable weighs what a notable gap does (0.5 points): a
  spread counts half (a spread of 1.0, FLAG_SPREAD, sizes 0.5), a don't-know
  share twice (a quarter of answers sizes 0.5, a half 1.0).
A finding of size 0 says nothing and is left out. Equal sizes keep the order of
KINDS (what to improve before what is going well), then bank order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from .display import one_decimal, shown, shown_percent
from .findings import (
    FLAG_SPREAD,
    NOTABLE_GAP,
    on_every_theme_sentence,
    perception_gaps,
    perception_sentence,
    same_direction,
    shown_themes,
    titles,
)
from .model import PREFER_NOT_TO_SAY, Bank, Theme
from .question_counts import Counts, QuestionCounts, dont_know_share
from .rankings import first_with_ties
from .scoring import Results, ThemeResult
from .text import N_, _, ngettext

# A question is a finding where at least this share of a shown group answered "Don't know".
DONT_KNOW_SHARE = 0.25
# Points a whole share (or a whole point of spread) is worth, so each flag weighs NOTABLE_GAP.
DONT_KNOW_WEIGHT = NOTABLE_GAP / DONT_KNOW_SHARE
SPREAD_WEIGHT = NOTABLE_GAP / FLAG_SPREAD

WEAKEST = "weakest_theme"
LEADERS_FRONTLINE = "leaders_frontline"
SERVICE_AREA = "service_area"
PEOPLE_FIRST = "people_first_gap"
DONT_KNOW = "dont_know"
DISAGREEMENT = "disagreement"
STRONGEST = "strongest_theme"
# Every kind, in the order that breaks a tie in size.
KINDS = (WEAKEST, LEADERS_FRONTLINE, SERVICE_AREA, PEOPLE_FIRST, DONT_KNOW, DISAGREEMENT, STRONGEST)

# A short title for each kind; translate with _(TITLES[kind]) where shown.
TITLES = {
    WEAKEST: N_("Weakest theme"),
    LEADERS_FRONTLINE: N_("Leaders and frontline staff"),
    SERVICE_AREA: N_("Service areas"),
    PEOPLE_FIRST: N_("People and technology"),
    DONT_KNOW: N_('"Don\'t know" answers'),
    DISAGREEMENT: N_("Disagreement"),
    STRONGEST: N_("Strongest theme"),
}

COUNCIL, ROLE, AREA = "council", "role", "service_area"


@dataclass(frozen=True)
class RankedFinding:
    kind: str  # one of KINDS
    size: float  # points on the score scale (see the module's docstring), two decimals
    sentence: str
    theme_ids: tuple[str, ...] = ()  # the themes it names, in bank order
    group_type: str | None = None  # "council", "role" or "service_area"
    group: str | None = None  # the group's id, where it names one group
    question_id: str | None = None

    @property
    def title(self) -> str:
        return _(TITLES[self.kind])

    @property
    def theme_id(self) -> str | None:
        """The one theme it is about, for a link to the theme's page; None for several or none."""
        return self.theme_ids[0] if len(self.theme_ids) == 1 else None


def ranked_findings(
    bank: Bank, results: Results, question_counts: Mapping[str, QuestionCounts] | None = None
) -> list[RankedFinding]:
    """Every finding in the results, biggest first.

    `question_counts` (question id -> its answer counts by group, None where hidden)
    gives the "Don't know" findings; without it there are none."""
    if results.council.suppressed:
        return []
    candidates = [
        *weakest_and_strongest(bank, results),
        *leaders_and_frontline(bank, results),
        *service_areas(bank, results),
        *people_first(results),
        *dont_know(bank, results, question_counts or {}),
        *disagreement(bank, results),
    ]
    found = [f for f in candidates if f.size > 0]
    return sorted(found, key=lambda f: (-f.size, KINDS.index(f.kind)))


def _points(value: float) -> float:
    # Differences of one-decimal figures carry float noise (2.8 - 2.0 = 0.7999...).
    return round(value, 2)


# Weakest and strongest themes. The weakest is measured against the strongest, the level
# the council already reaches somewhere; the strongest against the council's overall score.


def weakest_and_strongest(bank: Bank, results: Results) -> list[RankedFinding]:
    pairs = shown_themes(bank, results)
    overall = results.council.overall
    if len(pairs) < 2 or overall is None:
        return []
    bottom = first_with_ties(pairs, lambda p: -p[1].score, 1)
    top = first_with_ties(pairs, lambda p: p[1].score, 1)
    low, high = shown(bottom[0][1].score), shown(top[0][1].score)
    if low == high:
        return []
    return [_weakest(bank, bottom, top, len(pairs)), _strongest(bank, top, overall, len(pairs))]


def _figures(bank: Bank, themes: Sequence[tuple[Theme, ThemeResult]]) -> dict[str, str]:
    result = themes[0][1]
    return {"score": one_decimal(result.score), "level": bank.level_name(result.level)}


def _weakest(
    bank: Bank,
    bottom: Sequence[tuple[Theme, ThemeResult]],
    top: Sequence[tuple[Theme, ThemeResult]],
    total: int,
) -> RankedFinding:
    size = _points(shown(top[0][1].score) - shown(bottom[0][1].score))
    values = {
        **_figures(bank, bottom),
        "size": one_decimal(size),
        "top": titles(list(top)),
        "top_score": one_decimal(top[0][1].score),
    }
    if len(bottom) > 1:
        sentence = _(
            "%(themes)s are joint lowest at %(score)s (%(level)s), %(size)s below "
            "the strongest, %(top)s (%(top_score)s).",
            themes=titles(list(bottom)),
            **values,
        )
    else:
        sentence = ngettext(
            "%(theme)s scores %(score)s (%(level)s), the lowest of %(num)s theme and "
            "%(size)s below the strongest, %(top)s (%(top_score)s).",
            "%(theme)s scores %(score)s (%(level)s), the lowest of %(num)s themes and "
            "%(size)s below the strongest, %(top)s (%(top_score)s).",
            total,
            theme=bottom[0][0].title,
            **values,
        )
    return RankedFinding(WEAKEST, size, sentence, _ids(bottom), COUNCIL, COUNCIL)


def _strongest(
    bank: Bank, top: Sequence[tuple[Theme, ThemeResult]], overall: float, total: int
) -> RankedFinding:
    size = _points(shown(top[0][1].score) - shown(overall))
    values = {**_figures(bank, top), "size": one_decimal(size), "overall": one_decimal(overall)}
    if len(top) > 1:
        sentence = _(
            "%(themes)s are joint highest at %(score)s (%(level)s), %(size)s above the "
            "council's overall score of %(overall)s.",
            themes=titles(list(top)),
            **values,
        )
    else:
        sentence = ngettext(
            "%(theme)s scores %(score)s (%(level)s), the highest of %(num)s theme and "
            "%(size)s above the council's overall score of %(overall)s.",
            "%(theme)s scores %(score)s (%(level)s), the highest of %(num)s themes and "
            "%(size)s above the council's overall score of %(overall)s.",
            total,
            theme=top[0][0].title,
            **values,
        )
    return RankedFinding(STRONGEST, size, sentence, _ids(top), COUNCIL, COUNCIL)


def _ids(pairs: Sequence[tuple[Theme, object]]) -> tuple[str, ...]:
    return tuple(theme.id for theme, _value in pairs)


# Leaders against frontline staff: one finding when one side is above on every shown theme.


def leaders_and_frontline(bank: Bank, results: Results) -> list[RankedFinding]:
    gaps = perception_gaps(bank, results)  # only themes where both tiers' cells are shown
    sizes = [shown(abs(gap)) for _theme, gap in gaps]
    if len(gaps) > 1 and min(sizes) > 0 and same_direction(gaps):
        return [_on_every_theme(bank, gaps, sizes)]
    notable = [(t, g) for (t, g), size in zip(gaps, sizes, strict=True) if size >= NOTABLE_GAP]
    widest = first_with_ties(gaps, lambda p: abs(p[1]), 1) if gaps else []
    chosen = [(t, g) for t, g in gaps if (t, g) in notable or (t, g) in widest]
    kind = LEADERS_FRONTLINE
    return [
        RankedFinding(kind, shown(abs(g)), perception_sentence(t, g), (t.id,), ROLE)
        for t, g in chosen
    ]


def _on_every_theme(
    bank: Bank, gaps: Sequence[tuple[Theme, float]], sizes: Sequence[float]
) -> RankedFinding:
    low, high = min(sizes), max(sizes)
    by = one_decimal(low)
    if low != high:
        by = _("%(low)s to %(high)s", low=one_decimal(low), high=one_decimal(high))
    sentence = on_every_theme_sentence(gaps[0][1] > 0, len(gaps), len(bank.themes), by)
    return RankedFinding(LEADERS_FRONTLINE, high, sentence, _ids(gaps), ROLE)


# Service areas NOTABLE_GAP or more above or below the council, on any theme.


def service_areas(bank: Bank, results: Results) -> list[RankedFinding]:
    found = []
    council = results.council
    for area in results.service_areas:
        if area.suppressed or area.id == PREFER_NOT_TO_SAY:
            continue
        for theme in bank.themes:
            score, whole = area.theme(theme.id).score, council.theme(theme.id).score
            if score is None or whole is None:
                continue
            difference = _points(shown(score) - shown(whole))
            if abs(difference) >= NOTABLE_GAP:
                sentence = _area_sentence(area.label, theme.title, score, whole, difference)
                size = abs(difference)
                found.append(
                    RankedFinding(SERVICE_AREA, size, sentence, (theme.id,), AREA, area.id)
                )
    return found


def _area_sentence(area: str, theme: str, score: float, whole: float, difference: float) -> str:
    figures = {
        "area": area,
        "theme": theme,
        "score": one_decimal(score),
        "size": one_decimal(abs(difference)),
        "council": one_decimal(whole),
    }
    if difference < 0:
        return _(
            "%(area)s scores %(score)s on %(theme)s, %(size)s below the council as a whole "
            "(%(council)s).",
            **figures,
        )
    return _(
        "%(area)s scores %(score)s on %(theme)s, %(size)s above the council as a whole "
        "(%(council)s).",
        **figures,
    )


# The people-first gap: people and culture against the technology estate.


def people_first(results: Results) -> list[RankedFinding]:
    gap = results.council.people_first_gap
    if gap is None:
        return []
    size = shown(abs(gap))
    if gap > 0:
        sentence = _(
            "People and culture score %(size)s higher than the technology estate.",
            size=one_decimal(size),
        )
    else:
        sentence = _(
            "The technology estate scores %(size)s higher than people and culture.",
            size=one_decimal(size),
        )
    return [RankedFinding(PEOPLE_FIRST, size, sentence, (), COUNCIL, COUNCIL)]


# Questions a quarter or more of a shown group answered "Don't know".


def dont_know(
    bank: Bank, results: Results, question_counts: Mapping[str, QuestionCounts]
) -> list[RankedFinding]:
    """For each question, the shown group with the largest share of "Don't know" (the
    council first, then role tiers and service areas in bank order, on a tie).

    Counts are None where hidden; a question of a theme whose council cell is hidden,
    or a group hidden in the results, is passed over too, whatever the counts say."""
    found = []
    for question in bank.questions:
        counts = question_counts.get(question.id)
        if counts is None or results.council.theme(question.theme_id).score is None:
            continue
        shares = [s for s in _percents(counts) if not _hidden(results, s[0], s[1])]
        if not shares:
            continue
        kind, group, percent = max(shares, key=lambda s: s[2])  # the first of equals
        if percent < round(DONT_KNOW_SHARE * 100):
            continue
        theme = bank.theme(question.theme_id)
        figures = {"percent": percent, "question": question.text, "theme": theme.title}
        sentence = _dont_know_sentence(bank, kind, group, figures)
        size = _points(percent / 100 * DONT_KNOW_WEIGHT)
        found.append(
            RankedFinding(DONT_KNOW, size, sentence, (theme.id,), kind, group, question.id)
        )
    return found


def _percents(counts: QuestionCounts) -> Iterator[tuple[str, str, int]]:
    """(group type, group id, whole percent "Don't know") for each shown group that answered."""
    groups: list[tuple[str, str, Counts | None]] = [(COUNCIL, COUNCIL, counts.council)]
    groups += [(ROLE, role, c) for role, c in counts.roles.items()]
    groups += [(AREA, area, c) for area, c in counts.service_areas.items()]
    for kind, group, shown_counts in groups:
        if shown_counts is None or group == PREFER_NOT_TO_SAY:
            continue
        share = dont_know_share(shown_counts)
        if share is not None:
            yield kind, group, shown_percent(share)


def _hidden(results: Results, kind: str, group: str) -> bool:
    if kind == ROLE:
        return results.role(group).suppressed
    return kind == AREA and results.service_area(group).suppressed


def _dont_know_sentence(bank: Bank, kind: str, group: str, figures: Mapping[str, object]) -> str:
    if kind == COUNCIL:
        return _(
            '%(percent)s%% of people answered "Don\'t know" to "%(question)s" (%(theme)s).',
            **figures,
        )
    if kind == ROLE:
        return _(
            'Among %(group)s, %(percent)s%% answered "Don\'t know" to "%(question)s" (%(theme)s).',
            group=bank.role_label(group),
            **figures,
        )
    return _(
        'In %(group)s, %(percent)s%% answered "Don\'t know" to "%(question)s" (%(theme)s).',
        group=bank.service_area_label(group),
        **figures,
    )


# The widest disagreement: the shown theme whose people's scores are furthest apart.


def disagreement(bank: Bank, results: Results) -> list[RankedFinding]:
    spreads = [(t, r) for t, r in shown_themes(bank, results) if r.spread is not None]
    if not spreads:
        return []
    widest = first_with_ties(spreads, lambda p: p[1].spread, 1)
    spread = shown(widest[0][1].spread)
    sentence = _(
        "People disagree most about %(themes)s (a spread of %(spread)s).",
        themes=titles(widest),
        spread=one_decimal(spread),
    )
    size = _points(spread * SPREAD_WEIGHT)
    return [RankedFinding(DISAGREEMENT, size, sentence, _ids(widest), COUNCIL, COUNCIL)]
