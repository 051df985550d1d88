"""Each chart's data as a plain table, for the accessible table beside the chart and the PDF.

A table holds the same figures as its chart, as text: one decimal through
display, and "Not shown" where a figure is suppressed (the caption says why).
Suppressed figures are None in the results, so none can reach a cell.

Captions, headings and labels are in the reader's language (Flask-Babel), so
each is made when a table is built, never held in a module constant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from assessment.framework.display import level_name, one_decimal, whole_percent
from assessment.framework.insights import (
    TIER_NAMES,
    is_disagreement,
    is_dont_know,
    perception_gaps,
)
from assessment.framework.model import LEVELS, Bank, Theme
from assessment.framework.scoring import (
    FRONTLINE,
    LEADERSHIP,
    GroupResult,
    Results,
    ThemeResult,
    level_for,
)
from assessment.framework.targets import target_text


def not_shown() -> str:
    """What a suppressed figure's cell says."""
    return _("Not shown")


def dont_know_label() -> str:
    return _("Don't know")


def pillar_labels() -> dict[str, str]:
    """Each pillar's name, in the order the chart and table show them."""
    return {"people": _("People and culture"), "technology": _("Technology estate")}


@dataclass(frozen=True)
class Table:
    caption: str
    head: list[str]
    rows: list[list[str]]


def figure(value: float | None) -> str:
    """A score to one decimal, or "Not shown"."""
    return not_shown() if value is None else one_decimal(value)


def signed(value: float) -> str:
    """'+0.8', '-0.8', '0.0': a difference with its direction."""
    text = one_decimal(value)
    return text if text.startswith("-") or text == "0.0" else f"+{text}"


def not_shown_note(results: Results) -> str:
    return ngettext(
        "Not shown: fewer than %(num)s person answered.",
        "Not shown: fewer than %(num)s people answered.",
        results.threshold,
    )


def _with_note(text: str, note: str) -> str:
    """A caption and the sentence after it."""
    return f"{text} {note}"


def _caption(text: str, rows: list[list[str]], results: Results) -> str:
    hidden = any(not_shown() in row for row in rows)
    return _with_note(text, not_shown_note(results)) if hidden else text


def radar_groups(results: Results) -> list[tuple[str, GroupResult]]:
    """(name, group) for the whole council and each shown tier the radar compares."""
    groups = [(_("Whole council"), results.council)]
    # The framework marks the tiers' names for translators; they are translated where shown.
    groups += [(_(TIER_NAMES[t]), results.role(t)) for t in (LEADERSHIP, FRONTLINE)]
    return [(name, group) for name, group in groups if not group.suppressed]


def level_labels(level_names: Sequence[str] | None = None) -> list[str]:
    """'1 Starting' ... '5 Leading', or 'Level 1' ... when the names are not given."""
    if level_names is None:
        return [_("Level %(level)s", level=level) for level in LEVELS]
    return [f"{level} {name}" for level, name in zip(LEVELS, level_names, strict=True)]


def pillar_table(bank: Bank, results: Results) -> Table:
    council = results.council
    rows = []
    for pillar, label in pillar_labels().items():
        value = council.pillars[pillar]
        level = None if value is None else level_name(bank, level_for(value))
        rows.append([label, figure(value), level or ""])
    gap = council.people_first_gap
    rows.append([_("People-first gap"), not_shown() if gap is None else signed(gap), ""])
    text = _("People and culture compared with the technology estate, scored 1 to 5.")
    head = [_("Pillar"), _("Score"), _("Level")]
    return Table(_caption(text, rows, results), head, rows)


def radar_table(bank: Bank, results: Results) -> Table:
    groups = radar_groups(results)
    head = [_("Theme")] + [name for name, _group in groups]
    rows = []
    if groups:
        rows = [
            [theme.title] + [figure(group.theme(theme.id).score) for _name, group in groups]
            for theme in bank.themes
        ]
    text = _("Theme scores from 1 to 5 for the whole council, leaders and frontline staff.")
    if not groups:
        text = _with_note(text, not_shown_note(results))
    return Table(_caption(text, rows, results), head, rows)


def theme_note(result: ThemeResult) -> str:
    notes = []
    if is_disagreement(result):
        notes.append(_("People disagree"))
    if is_dont_know(result):
        notes.append(_("Many don't know"))
    return "; ".join(notes)


def themes_table(bank: Bank, results: Results, targets: Mapping[str, int] | None = None) -> Table:
    """With `targets` (theme id -> tenths), a last column gives each theme's target."""
    rows = []
    for theme in bank.themes:
        result = results.council.theme(theme.id)
        if result.score is None:
            rows.append([theme.title, not_shown(), "", "", "", ""])
        else:
            rows.append(
                [
                    theme.title,
                    one_decimal(result.score),
                    level_name(bank, result.level) or "",
                    one_decimal(result.spread),
                    f"{whole_percent(result.dont_know_share)}%"
                    if result.dont_know_share is not None
                    else "",
                    theme_note(result),
                ]
            )
        if targets:
            rows[-1].append(target_text(targets[theme.id]) if theme.id in targets else "")
    head = [_("Theme"), _("Score"), _("Level"), _("Spread"), dont_know_label(), _("Note")]
    if targets:
        head.append(_("Target for the next round"))
    text = _(
        "Whole council theme scores from 1 to 5, how far apart answers were (spread), "
        'and the share of "Don\'t know" answers.'
    )
    return Table(_caption(text, rows, results), head, rows)


def perception_table(bank: Bank, results: Results) -> Table:
    head = [_("Theme"), _("Leaders"), _("Frontline staff"), _("Difference")]
    text = _(
        "Leaders' theme scores minus frontline staff's; "
        "a positive difference means leaders score higher."
    )
    if results.perception_gap is None:
        return Table(_with_note(text, not_shown_note(results)), head, [])
    leaders, frontline = results.role(LEADERSHIP), results.role(FRONTLINE)
    gaps = {theme.id: gap for theme, gap in perception_gaps(bank, results)}
    rows = [
        [
            theme.title,
            figure(leaders.theme(theme.id).score),
            figure(frontline.theme(theme.id).score),
            signed(gaps[theme.id]) if theme.id in gaps else not_shown(),
        ]
        for theme in bank.themes
    ]
    return Table(_caption(text, rows, results), head, rows)


def heatmap_table(bank: Bank, results: Results) -> Table:
    head = [_("Service area")] + [theme.title for theme in bank.themes]
    rows = [
        [area.label] + [figure(area.theme(theme.id).score) for theme in bank.themes]
        for area in results.service_areas
    ]
    text = _("Theme scores from 1 to 5 for each service area.")
    return Table(_caption(text, rows, results), head, rows)


def distribution_table(
    theme: Theme,
    counts: Mapping[str, Mapping[str, int]],
    theme_result: ThemeResult | None,
    *,
    level_names: Sequence[str] | None = None,
) -> Table:
    head = [_("Question"), *level_labels(level_names), dont_know_label()]
    text = _(
        "How many people chose each answer to the questions about %(theme)s.", theme=theme.title
    )
    if theme_result is None or theme_result.score is None:
        return Table(_with_note(text, _("Not shown: too few people answered.")), head, [])
    rows = [
        [question.text] + [str(n) for n in answer_counts(counts, question.id)]
        for question in theme.questions
    ]
    return Table(text, head, rows)


ANSWER_KEYS = (*(str(level) for level in LEVELS), "dk")


def answer_counts(counts: Mapping[str, Mapping[str, int]], question_id: str) -> list[int]:
    """The counts for levels 1 to 5, then "Don't know"; 0 where the caller gave none."""
    given = counts.get(question_id, {})
    return [int(given.get(key, 0)) for key in ANSWER_KEYS]
