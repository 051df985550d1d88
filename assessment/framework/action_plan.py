"""A 90-day action plan drawn from the weakest themes and the widest gaps.

Three steps of about a month each. The first month listens (where leaders and
frontline staff see things differently, or people don't know), the second
acts on the two weakest themes using their recommendations, the third acts on
the people-first gap and sets up the next assessment. Pure: scores in, steps out,
written in the reader's language (through text); recommendations are the bank's.
"""

from __future__ import annotations

from dataclasses import dataclass

from .display import one_decimal, shown
from .findings import (
    BALANCED_GAP,
    is_dont_know,
    perception_gaps,
    priorities,
    shown_themes,
)
from .model import Bank
from .rankings import first_with_ties
from .scoring import Results
from .text import N_, _

# Each step's period; an Action carries it translated.
PERIODS = (N_("Days 1 to 30"), N_("Days 31 to 60"), N_("Days 61 to 90"))


@dataclass(frozen=True)
class Action:
    period: str
    title: str
    detail: str
    theme_id: str | None = None  # the theme it is about, when it is about one


def action_plan(bank: Bank, results: Results) -> list[Action]:
    if results.council.suppressed:
        return []
    return [*_listen(bank, results), *_act_on_priorities(bank, results), *_balance(results)]


def _listen(bank: Bank, results: Results) -> list[Action]:
    actions = []
    # The two widest gaps as shown, and any tied with the second: equal figures, equal place.
    widest = first_with_ties(perception_gaps(bank, results), lambda pair: abs(pair[1]), 2)
    for theme, gap in widest:
        if shown(abs(gap)) < BALANCED_GAP:
            continue
        actions.append(
            Action(
                _(PERIODS[0]),
                _("Listen to frontline staff about %(theme)s", theme=theme.title),
                _who_scores_higher(gap)
                + " "
                + _(
                    "Run short sessions with frontline staff and leaders together to find out "
                    "what each sees that the other does not, and agree one change to make."
                ),
                theme.id,
            )
        )
    unknown = [theme for theme, result in shown_themes(bank, results) if is_dont_know(result)]
    if unknown:
        # The themes' titles are the bank's, listed as they are.
        titles = ", ".join(theme.title for theme in unknown)
        actions.append(
            Action(
                _(PERIODS[0]),
                _("Explain what is happening where people don't know"),
                _(
                    'Many people answered "Don\'t know" about %(themes)s. Share what the '
                    "council is doing, who leads it and how staff can take part.",
                    themes=titles,
                ),
            )
        )
    return actions


def _who_scores_higher(gap: float) -> str:
    size = one_decimal(abs(gap))
    if gap > 0:
        return _("Leaders score it %(size)s higher.", size=size)
    return _("Frontline staff score it %(size)s higher.", size=size)


def _act_on_priorities(bank: Bank, results: Results) -> list[Action]:
    return [
        Action(
            _(PERIODS[1]),
            _(
                "Improve %(theme)s (now %(score)s, %(level)s)",
                theme=finding.title,
                score=one_decimal(finding.score),
                level=finding.level_name,
            ),
            bank.theme(finding.theme_id).recommendation(
                results.council.theme(finding.theme_id).level
            ),
            finding.theme_id,
        )
        # Every theme tied with the second lowest as shown is acted on, none chosen silently.
        for finding in priorities(bank, results, n=2)
    ]


def _balance(results: Results) -> list[Action]:
    gap = results.council.people_first_gap
    actions = []
    if gap is not None and shown(gap) >= BALANCED_GAP:
        actions.append(
            Action(
                _(PERIODS[2]),
                _("Give people the tools to match their ambition"),
                _(
                    "People and culture are %(size)s ahead of the technology estate. "
                    "Pick the legacy system that costs staff most time and agree a plan to "
                    "retire or replace it with a shared platform.",
                    size=one_decimal(gap),
                ),
            )
        )
    elif gap is not None and shown(-gap) >= BALANCED_GAP:
        actions.append(
            Action(
                _(PERIODS[2]),
                _("Put people before the next technology project"),
                _(
                    "The technology estate is %(size)s ahead of people and culture. "
                    "Before buying more, invest in leadership, skills and ways of working so "
                    "staff can use what the council already has.",
                    size=one_decimal(-gap),
                ),
            )
        )
    actions.append(
        Action(
            _(PERIODS[2]),
            _("Tell staff what you heard and plan the next assessment"),
            _(
                "Share these results with everyone who took part, say what will change, and "
                "run the assessment again in 6 to 12 months to see whether it has."
            ),
        )
    )
    return actions
