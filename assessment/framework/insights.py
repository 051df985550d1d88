"""Scores in, plain English out: what a leader should take from the results.

Every chart gets a title that states its finding and a reading of one to
three sentences, both written from the scores. The findings themselves
(strengths, priorities, talking points, gaps, silos) live in findings and
are imported from here. Suppressed or missing figures give a neutral title,
never a guess.
"""

from __future__ import annotations

from .display import one_decimal, rounded
from .findings import (
    BALANCED_GAP,
    FLAG_DONT_KNOW,
    FLAG_SPREAD,
    NOT_ENOUGH,
    NOTABLE_GAP,
    Finding,
    TalkingPoint,
    gap_meaning,
    is_disagreement,
    is_dont_know,
    perception_gaps,
    perception_sentence,
    perception_sentences,
    priorities,
    recommendation,
    shown_themes,
    silo_sentences,
    strengths,
    talking_points,
    themes_phrase,
)
from .model import PREFER_NOT_TO_SAY, Bank, Theme
from .scoring import FRONTLINE, LEADERSHIP, GroupResult, Results, ThemeResult

__all__ = [
    "BALANCED_GAP",
    "FLAG_DONT_KNOW",
    "FLAG_SPREAD",
    "NOTABLE_GAP",
    "NOT_ENOUGH",
    "TIER_NAMES",
    "Finding",
    "TalkingPoint",
    "distribution_title",
    "gap_meaning",
    "heatmap_reading",
    "heatmap_title",
    "is_disagreement",
    "is_dont_know",
    "perception_gaps",
    "perception_reading",
    "perception_sentences",
    "perception_title",
    "pillar_reading",
    "pillar_title",
    "priorities",
    "radar_reading",
    "radar_title",
    "recommendation",
    "shown_themes",
    "silo_sentences",
    "strengths",
    "talking_points",
    "themes_reading",
    "themes_title",
]

TIER_NAMES = {LEADERSHIP: "Leaders", FRONTLINE: "Frontline staff"}


def _not_yet(results: Results) -> str:
    if not results.council.suppressed:
        return f"No theme has answers from at least {results.threshold} people yet."
    return (
        f"Results appear once at least {results.threshold} people have answered, "
        "so that no one's answers can be picked out."
    )


# Titles: each states the chart's finding, with no full stop.


def radar_title(bank: Bank, results: Results) -> str:
    top, bottom = strengths(bank, results, 1), priorities(bank, results, 1)
    if not top:
        return NOT_ENOUGH
    if one_decimal(top[0].score) == one_decimal(bottom[0].score):
        return f"Every theme scores about the same, {one_decimal(top[0].score)}"
    return (
        f"{top[0].title} scores highest ({one_decimal(top[0].score)}) "
        f"and {bottom[0].title} lowest ({one_decimal(bottom[0].score)})"
    )


def pillar_title(results: Results) -> str:
    gap = results.council.people_first_gap
    if results.council.suppressed:
        return NOT_ENOUGH
    if gap is None:
        return "Not enough responses yet to compare people and technology"
    size = one_decimal(abs(gap))
    if rounded(abs(gap)) < BALANCED_GAP:
        return f"People and culture are level with the technology estate (a gap of {size})"
    if gap > 0:
        return f"People and culture are {size} ahead of the technology estate"
    return f"The technology estate is {size} ahead of people and culture"


def themes_title(bank: Bank, results: Results) -> str:
    shown = shown_themes(bank, results)
    if not shown:
        return NOT_ENOUGH
    disagree = [(t, r) for t, r in shown if is_disagreement(r)]
    if disagree:
        theme, _ = max(disagree, key=lambda p: rounded(p[1].spread))
        return f"People disagree most about {theme.title}"
    unknown = [(t, r) for t, r in shown if is_dont_know(r)]
    if unknown:
        theme, _ = max(unknown, key=lambda p: rounded(p[1].dont_know_share))
        return f'Many people answered "Don\'t know" about {theme.title}'
    established = sum(1 for _, r in shown if r.level >= 3)
    verb = "is" if established == 1 else "are"
    return f"{established} of {themes_phrase(len(shown))} {verb} {bank.level_name(3)} or better"


def perception_title(bank: Bank, results: Results) -> str:
    gaps = perception_gaps(bank, results)
    if not gaps:
        return "Not enough responses yet to compare leaders and frontline staff"
    theme, gap = max(gaps, key=lambda p: rounded(abs(p[1])))
    if rounded(abs(gap)) < NOTABLE_GAP:
        return "Leaders and frontline staff see every theme in much the same way"
    return perception_sentence(theme, gap).rstrip(".")


def _shown_areas(results: Results) -> list[GroupResult]:
    return [
        a
        for a in results.service_areas
        if a.overall is not None and a.id != PREFER_NOT_TO_SAY and not a.suppressed
    ]


def heatmap_title(bank: Bank, results: Results) -> str:
    areas = _shown_areas(results)
    if not areas:
        return "Not enough responses yet to compare service areas"
    if len(areas) == 1:
        return f"Only {areas[0].label} has enough responses to show on its own"
    top = max(areas, key=lambda a: rounded(a.overall))
    bottom = min(areas, key=lambda a: rounded(a.overall))
    if one_decimal(top.overall) == one_decimal(bottom.overall):
        return "Service areas score about the same overall"
    return (
        f"{top.label} scores highest overall ({one_decimal(top.overall)}) "
        f"and {bottom.label} lowest ({one_decimal(bottom.overall)})"
    )


def distribution_title(theme: Theme, theme_result: ThemeResult | None) -> str:
    if theme_result is None or theme_result.score is None:
        return f"Not enough responses yet to show answers about {theme.title}"
    if is_dont_know(theme_result):
        return f'Many people answered "Don\'t know" about {theme.title}'
    if is_disagreement(theme_result):
        return f"People see {theme.title} very differently"
    return (
        f"People broadly agree about {theme.title}, which scores {one_decimal(theme_result.score)}"
    )


# Readings: one to three sentences under each chart.


def radar_reading(bank: Bank, results: Results) -> str:
    council = results.council
    if council.overall is None:
        return _not_yet(results)
    sentences = [
        f"The council scores {one_decimal(council.overall)} overall, which is "
        f"{bank.level_name(council.overall_level)}."
    ]
    top, bottom = strengths(bank, results, 1)[0], priorities(bank, results, 1)[0]
    if top.theme_id != bottom.theme_id:
        sentences.append(
            f"{top.title} is strongest ({one_decimal(top.score)}) and {bottom.title} "
            f"needs most attention ({one_decimal(bottom.score)})."
        )
    hidden = [TIER_NAMES[t] for t in (LEADERSHIP, FRONTLINE) if results.role(t).suppressed]
    if hidden:
        sentences.append(
            f"{' and '.join(hidden)} are not shown separately, because fewer than "
            f"{results.threshold} of them answered."
        )
    else:
        sentences.append("The other lines show how leaders and frontline staff answered.")
    return " ".join(sentences)


def pillar_reading(results: Results) -> str:
    if results.council.suppressed:
        return _not_yet(results)
    people, technology = results.council.pillars["people"], results.council.pillars["technology"]
    if people is None or technology is None:
        return gap_meaning(results)
    return (
        f"People and culture score {one_decimal(people)} and the technology estate "
        f"{one_decimal(technology)}. {gap_meaning(results)}"
    )


def themes_reading(bank: Bank, results: Results) -> str:
    if not shown_themes(bank, results):
        return _not_yet(results)
    first = (
        "Each bar is a theme's score from 1 to 5; the line across its end shows "
        "how far apart people's answers are."
    )
    points = talking_points(bank, results)
    disagree = sum(1 for p in points if p.kind == "disagree")
    unknown = sum(1 for p in points if p.kind == "dont_know")
    if not points:
        return f'{first} No theme shows wide disagreement or many "Don\'t know" answers.'
    parts = []
    if disagree:
        parts.append(f"people disagree about {themes_phrase(disagree)}")
    if unknown:
        parts.append(f"many people don't know about {themes_phrase(unknown)}")
    found = " and ".join(parts)
    return (
        f"{first} {found[0].upper()}{found[1:]}. "
        "The talking points suggest questions to ask your teams."
    )


def perception_reading(bank: Bank, results: Results) -> str:
    gaps = perception_gaps(bank, results)
    if not gaps:
        return (
            f"This comparison appears once at least {results.threshold} leaders and "
            f"{results.threshold} frontline staff have answered."
        )
    first = (
        "Bars to the right mean leaders score a theme higher than frontline staff do; "
        "bars to the left mean frontline staff score it higher."
    )
    notable = perception_sentences(bank, results)
    if not notable:
        return (
            f"{first} The two groups are within {one_decimal(NOTABLE_GAP)} of each other "
            "on every theme."
        )
    return (
        f"{first} {perception_title(bank, results)}. The gap is {one_decimal(NOTABLE_GAP)} or "
        f"more on {themes_phrase(len(notable))}: ask frontline staff what they see."
    )


def heatmap_reading(bank: Bank, results: Results) -> str:
    if not _shown_areas(results):
        return (
            f"Service areas appear once at least {results.threshold} people from an area "
            "have answered."
        )
    first = (
        "Each row is a service area, and a blank cell means fewer than "
        f"{results.threshold} people from that area answered."
    )
    silos = silo_sentences(bank, results)
    if not silos:
        return f"{first} No service area scores well below the council as a whole."
    if len(silos) == 1:
        return f"{first} {silos[0]}"
    others = len(silos) - 1
    area_word = "area also scores" if others == 1 else "areas also score"
    return f"{first} {silos[0]} {others} other service {area_word} well below the council."
