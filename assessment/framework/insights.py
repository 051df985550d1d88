"""Scores in, plain English out: what a leader should take from the results.

Every chart gets a title that states its finding and a reading of one to
three sentences, both written from the scores. The findings themselves
(strengths, priorities, talking points, gaps, silos) live in findings and
are imported from here. Suppressed or missing figures give a neutral title,
never a guess. Each title and sentence is one message for translators
(through text), with the bank's theme titles and level names filled in.
"""

from __future__ import annotations

from . import ranked_findings
from .display import one_decimal, shown, shown_percent
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
    perception_sentences,
    priorities,
    recommendation,
    same_direction,
    shown_themes,
    strengths,
    talking_points,
    themes_phrase,
    titles,
    widest_gap_sentence,
    widest_gaps,
)
from .model import PREFER_NOT_TO_SAY, Bank, Theme
from .rankings import (
    first_with_ties,
    highest_and_lowest,
    highest_and_lowest_overall,
    strongest_and_weakest,
)
from .scoring import FRONTLINE, LEADERSHIP, GroupResult, Results, ThemeResult
from .text import N_, _, ngettext

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
    "heatmap_key",
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
    "strengths",
    "talking_points",
    "themes_reading",
    "themes_title",
]

# The role tiers the charts compare, by name; translate with _(TIER_NAMES[tier]) where shown.
TIER_NAMES = {LEADERSHIP: N_("Leaders"), FRONTLINE: N_("Frontline staff")}


def _not_yet(results: Results) -> str:
    if not results.council.suppressed:
        return ngettext(
            "No theme has answers from at least %(num)s person yet.",
            "No theme has answers from at least %(num)s people yet.",
            results.threshold,
        )
    return ngettext(
        "Results appear once at least %(num)s person has answered, "
        "so that no one's answers can be picked out.",
        "Results appear once at least %(num)s people have answered, "
        "so that no one's answers can be picked out.",
        results.threshold,
    )


# Titles: each states the chart's finding, with no full stop.


def radar_title(bank: Bank, results: Results) -> str:
    top, bottom = strengths(bank, results, 1), priorities(bank, results, 1)
    if not top:
        return _(NOT_ENOUGH)
    if one_decimal(top[0].score) == one_decimal(bottom[0].score):
        return _("Every theme scores about the same, %(score)s", score=one_decimal(top[0].score))
    return highest_and_lowest(
        [f.title for f in top], top[0].score, [f.title for f in bottom], bottom[0].score
    )


def pillar_title(results: Results) -> str:
    gap = results.council.people_first_gap
    if results.council.suppressed:
        return _(NOT_ENOUGH)
    if gap is None:
        return _("Not enough responses yet to compare people and technology")
    size = one_decimal(abs(gap))
    if shown(abs(gap)) < BALANCED_GAP:
        return _(
            "People and culture are level with the technology estate (a gap of %(size)s)",
            size=size,
        )
    if gap > 0:
        return _("People and culture are %(size)s ahead of the technology estate", size=size)
    return _("The technology estate is %(size)s ahead of people and culture", size=size)


def themes_title(bank: Bank, results: Results) -> str:
    shown = shown_themes(bank, results)
    if not shown:
        return _(NOT_ENOUGH)
    disagree = [(t, r) for t, r in shown if is_disagreement(r)]
    if disagree:
        most = first_with_ties(disagree, lambda p: p[1].spread, 1)
        return _("People disagree most about %(theme)s", theme=titles(most))
    unknown = [(t, r) for t, r in shown if is_dont_know(r)]
    if unknown:
        # On the percent as shown, so two themes both at 25% are joint.
        most = first_with_ties(unknown, lambda p: shown_percent(p[1].dont_know_share), 1)
        return _('Many people answered "Don\'t know" about %(theme)s', theme=titles(most))
    established = sum(1 for _theme, r in shown if r.level >= 3)
    return _established_or_better(established, len(shown), bank.level_name(3))


def _established_or_better(established: int, total: int, level: str) -> str:
    # The verb follows the themes at the level ("1 of 7 themes is"), the noun the total,
    # so a single theme shown ("1 of 1 theme is") has messages of its own.
    if total == 1:
        return ngettext(
            "%(num)s of 1 theme is %(level)s or better",
            "%(num)s of 1 theme are %(level)s or better",
            established,
            level=level,
        )
    return ngettext(
        "%(num)s of %(total)s themes is %(level)s or better",
        "%(num)s of %(total)s themes are %(level)s or better",
        established,
        total=total,
        level=level,
    )


def perception_title(bank: Bank, results: Results) -> str:
    gaps = perception_gaps(bank, results)
    if not gaps:
        return _("Not enough responses yet to compare leaders and frontline staff")
    widest = widest_gaps(gaps)
    size, gap = one_decimal(abs(widest[0][1])), widest[0][1]
    if shown(abs(gap)) < NOTABLE_GAP:
        return _("Leaders and frontline staff see every theme in much the same way")
    themes = titles(widest)
    if not same_direction(widest):
        return _(
            "Leaders and frontline staff differ most, by %(size)s, about %(themes)s",
            themes=themes,
            size=size,
        )
    if gap > 0:
        return _(
            "Leaders score %(theme)s %(size)s higher than frontline staff do",
            theme=themes,
            size=size,
        )
    return _(
        "Frontline staff score %(theme)s %(size)s higher than leaders do",
        theme=themes,
        size=size,
    )


def _shown_areas(results: Results) -> list[GroupResult]:
    return [
        a
        for a in results.service_areas
        if a.overall is not None and a.id != PREFER_NOT_TO_SAY and not a.suppressed
    ]


def heatmap_title(bank: Bank, results: Results) -> str:
    areas = _shown_areas(results)
    if not areas:
        return _("Not enough responses yet to compare service areas")
    if len(areas) == 1:
        return _("Only %(area)s has enough responses to show on its own", area=areas[0].label)
    top = first_with_ties(areas, lambda a: a.overall, 1)
    bottom = first_with_ties(areas, lambda a: -a.overall, 1)
    if one_decimal(top[0].overall) == one_decimal(bottom[0].overall):
        return _("Service areas score about the same overall")
    return highest_and_lowest_overall(
        [a.label for a in top], top[0].overall, [a.label for a in bottom], bottom[0].overall
    )


def distribution_title(theme: Theme, theme_result: ThemeResult | None) -> str:
    if theme_result is None or theme_result.score is None:
        return _("Not enough responses yet to show answers about %(theme)s", theme=theme.title)
    if is_dont_know(theme_result):
        return _('Many people answered "Don\'t know" about %(theme)s', theme=theme.title)
    if is_disagreement(theme_result):
        return _("People see %(theme)s very differently", theme=theme.title)
    return _(
        "People broadly agree about %(theme)s, which scores %(score)s",
        theme=theme.title,
        score=one_decimal(theme_result.score),
    )


# Readings: one to three sentences under each chart, each sentence one message.


def radar_reading(bank: Bank, results: Results) -> str:
    council = results.council
    if council.overall is None:
        return _not_yet(results)
    sentences = [
        _(
            "The council scores %(score)s overall, which is %(level)s.",
            score=one_decimal(council.overall),
            level=bank.level_name(council.overall_level),
        )
    ]
    top, bottom = strengths(bank, results, 1), priorities(bank, results, 1)
    if one_decimal(top[0].score) != one_decimal(bottom[0].score):
        sentences.append(
            strongest_and_weakest(
                [f.title for f in top], top[0].score, [f.title for f in bottom], bottom[0].score
            )
        )
    sentences.append(_tiers_sentence(results))
    return " ".join(sentences)


def _tiers_sentence(results: Results) -> str:
    """Which of the radar's tier lines are missing, and why; or what the lines show.

    A tier may be hidden for having fewer than k people or to protect a smaller tier
    (secondary suppression); the words are the same for both, so they give neither away."""
    leaders_hidden = results.role(LEADERSHIP).suppressed
    frontline_hidden = results.role(FRONTLINE).suppressed
    if leaders_hidden and frontline_hidden:
        return _(
            "Leaders and Frontline staff are not shown separately, "
            "to keep the answers of small groups anonymous."
        )
    if leaders_hidden:
        return _("Leaders are not shown separately, to keep the answers of small groups anonymous.")
    if frontline_hidden:
        return _(
            "Frontline staff are not shown separately, "
            "to keep the answers of small groups anonymous."
        )
    return _("The other lines show how leaders and frontline staff answered.")


def pillar_reading(results: Results) -> str:
    if results.council.suppressed:
        return _not_yet(results)
    people, technology = results.council.pillars["people"], results.council.pillars["technology"]
    if people is None or technology is None:
        return gap_meaning(results)
    scores = _(
        "People and culture score %(people)s and the technology estate %(technology)s.",
        people=one_decimal(people),
        technology=one_decimal(technology),
    )
    return f"{scores} {gap_meaning(results)}"


def themes_reading(bank: Bank, results: Results) -> str:
    if not shown_themes(bank, results):
        return _not_yet(results)
    first = _(
        "Each bar is a theme's score from 1 to 5; the line across its end shows "
        "how far apart people's answers are."
    )
    points = talking_points(bank, results)
    if not points:
        return first + " " + _('No theme shows wide disagreement or many "Don\'t know" answers.')
    disagree = sum(1 for p in points if p.kind == "disagree")
    unknown = sum(1 for p in points if p.kind == "dont_know")
    found = _talking_points_found(disagree, unknown)
    return f"{first} {found} " + _("The talking points suggest questions to ask your teams.")


def _talking_points_found(disagree: int, unknown: int) -> str:
    """How many themes people disagree about or don't know about, as one sentence."""
    if not unknown:
        return ngettext(
            "People disagree about %(num)s theme.",
            "People disagree about %(num)s themes.",
            disagree,
        )
    if not disagree:
        return ngettext(
            "Many people don't know about %(num)s theme.",
            "Many people don't know about %(num)s themes.",
            unknown,
        )
    # Two counts in one sentence: each is a counted phrase of its own ("1 theme", "3 themes").
    return _(
        "People disagree about %(disagree)s and many people don't know about %(unknown)s.",
        disagree=themes_phrase(disagree),
        unknown=themes_phrase(unknown),
    )


def perception_reading(bank: Bank, results: Results) -> str:
    gaps = perception_gaps(bank, results)
    if not gaps:
        return ngettext(
            "This comparison appears once at least %(num)s leader and "
            "%(num)s frontline staff member have answered.",
            "This comparison appears once at least %(num)s leaders and "
            "%(num)s frontline staff have answered.",
            results.threshold,
        )
    first = _(
        "Bars to the right mean leaders score a theme higher than frontline staff do; "
        "bars to the left mean frontline staff score it higher."
    )
    notable = perception_sentences(bank, results)
    if not notable:
        within = _(
            "The two groups are within %(gap)s of each other on every theme.",
            gap=one_decimal(NOTABLE_GAP),
        )
        return f"{first} {within}"
    widest = widest_gap_sentence(widest_gaps(gaps))
    how_many = ngettext(
        "The gap is %(gap)s or more on %(num)s theme: ask frontline staff what they see.",
        "The gap is %(gap)s or more on %(num)s themes: ask frontline staff what they see.",
        len(notable),
        gap=one_decimal(NOTABLE_GAP),
    )
    return f"{first} {widest} {how_many}"


def heatmap_key() -> str:
    """What the heatmap's colours mean, printed under it."""
    return _(
        "Orange: below the council's score for that theme; purple: above; the darker, "
        "the further. Grey: not shown, to keep the answers of small groups anonymous."
    )


def heatmap_reading(bank: Bank, results: Results) -> str:
    if not _shown_areas(results):
        return ngettext(
            "Service areas appear once at least %(num)s person from an area has answered.",
            "Service areas appear once at least %(num)s people from an area have answered.",
            results.threshold,
        )
    first = _(
        "Each row is a service area and each cell its score on a theme, coloured by how far "
        "it is from the council's score for that theme."
    )
    # The same service-area findings as the page's "What stands out", biggest first:
    # every theme, above or below the council, not Collaboration alone.
    found = sorted(ranked_findings.service_areas(bank, results), key=lambda f: -f.size)
    silos = [finding.sentence for finding in found]
    if not silos:
        return first + " " + _("No service area is 0.5 or more from the council on any theme.")
    if len(silos) == 1:
        return f"{first} {silos[0]}"
    others = ngettext(
        "%(num)s other service area score differs from the council's by 0.5 or more.",
        "%(num)s other service area scores differ from the council's by 0.5 or more.",
        len(silos) - 1,
    )
    return f"{first} {silos[0]} {others}"
