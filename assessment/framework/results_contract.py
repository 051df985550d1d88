"""The results as the command line and the exports publish them.

FRAMEWORK.md ("Results" and "Results CSV") fixes these shapes; scripts that
councils write against them depend on every key and column staying put.
Suppression has already happened in scoring, so a hidden figure is None here
and only needs writing as null or an empty cell.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from .change import Change
from .change_contract import change_json, overall_columns, theme_columns
from .display import level_name, one_decimal, whole_percent
from .model import LEVELS, Bank
from .question_counts import (
    ANSWERS,
    Counts,
    QuestionCounts,
    answered,
    dont_know_share,
    most_chosen,
)
from .scoring import DONT_KNOW, GroupResult, Results, ThemeResult

CSV_COLUMNS = (
    "group_type",
    "group",
    "group_label",
    "theme",
    "respondents",
    "score",
    "level",
    "spread",
    # A whole percent, as FRAMEWORK.md says; the JSON's dont_know_share is the same as a fraction.
    "dont_know_percent",
    "suppressed",
    # Change since the last round, like for like (framework/change.py); empty without one.
    "previous_score",
    "change",
)
OVERALL = "overall"
# The Excel export's sheet of answers to each question, one row a question and group.
QUESTION_COLUMNS = (
    "theme",
    "question",
    "question_text",
    "group_type",
    "group",
    "group_label",
    "answered",
    *(f"level_{level}" for level in LEVELS),
    "dont_know",
    "dont_know_percent",
    "most_chosen",  # the level, or levels joined by "/" on a tie
    "suppressed",
)


@dataclass(frozen=True)
class AssessmentInfo:
    id: str
    council: str  # the council's slug
    title: str
    anonymity_threshold: int


def results_json(
    bank: Bank,
    results: Results,
    assessment: AssessmentInfo,
    *,
    questions: Mapping[str, QuestionCounts] | None = None,
    change: Change | None = None,
) -> dict[str, Any]:
    """The `results --format json` document; scores unrounded, suppressed figures null.
    `questions` are the answer counts made with the results (None where they were not
    kept: a snapshot made before they were); `change` is since the previous round (None
    when there is none)."""
    if assessment.anonymity_threshold != results.threshold:
        # Publishing one k while suppressing with another would mislead the reader.
        raise ValueError(
            f"the results were scored with threshold {results.threshold}, "
            f"but the assessment's threshold is {assessment.anonymity_threshold}"
        )
    council = results.council
    gap = results.perception_gap
    return {
        "assessment": {
            "id": str(assessment.id),
            "council": assessment.council,
            "title": assessment.title,
            "anonymity_threshold": assessment.anonymity_threshold,
        },
        "respondents": council.respondents,
        "suppressed": council.suppressed,
        "overall": {
            "score": council.overall,
            "level": level_name(bank, council.overall_level),
        },
        "pillars": dict(council.pillars),
        "people_first_gap": council.people_first_gap,
        "themes": [_theme_json(bank, theme) for theme in council.themes],
        "roles": [_group_json(group) for group in results.roles],
        "service_areas": [_group_json(group) for group in results.service_areas],
        "perception_gap": None if gap is None else dict(gap),
        "questions": None if questions is None else questions_json(bank, questions),
        "change": change_json(change),
    }


def questions_json(bank: Bank, questions: Mapping[str, QuestionCounts]) -> dict[str, Any]:
    """Question id -> the theme it is in, and the council's and each group's answers
    (null where hidden), in bank order. Documented in docs/results-questions.md."""
    document = {}
    for theme in bank.themes:
        for question in theme.questions:
            counts = questions[question.id]
            document[question.id] = {
                "theme": theme.id,
                "council": _answers_json(counts.council),
                "roles": {g: _answers_json(c) for g, c in counts.roles.items()},
                "service_areas": {g: _answers_json(c) for g, c in counts.service_areas.items()},
            }
    return document


def question_rows(
    bank: Bank, results: Results, questions: Mapping[str, QuestionCounts]
) -> list[dict[str, str]]:
    """Per question, a row for the council then each role tier and service area; a
    hidden group's row keeps its names and leaves the figures empty."""
    rows = []
    for theme in bank.themes:
        for question in theme.questions:
            counts = questions[question.id]
            shown = [
                (results.council, counts.council),
                *((g, counts.roles.get(g.id)) for g in results.roles),
                *((g, counts.service_areas.get(g.id)) for g in results.service_areas),
            ]
            about = {"theme": theme.id, "question": question.id, "question_text": question.text}
            rows += [{**about, **_question_row(group, c)} for group, c in shown]
    return rows


def _question_row(group: GroupResult, counts: Counts | None) -> dict[str, str]:
    row = {"group_type": group.group_type, "group": group.id, "group_label": group.label}
    if counts is None:
        figures = QUESTION_COLUMNS[QUESTION_COLUMNS.index("answered") : -1]
        return {**row, **dict.fromkeys(figures, ""), "suppressed": "yes"}
    levels = {f"level_{level}": str(counts.get(str(level), 0)) for level in LEVELS}
    return {
        **row,
        "answered": str(answered(counts)),
        **levels,
        "dont_know": str(counts.get(DONT_KNOW, 0)),
        "dont_know_percent": whole_percent(dont_know_share(counts)),
        "most_chosen": "/".join(str(level) for level in most_chosen(counts)),
        "suppressed": "no",
    }


def _answers_json(counts: Counts | None) -> dict[str, Any] | None:
    if counts is None:
        return None
    return {
        "counts": {answer: counts.get(answer, 0) for answer in ANSWERS},
        "answered": answered(counts),
        "dont_know_share": dont_know_share(counts),
        "most_chosen": list(most_chosen(counts)),
    }


def _theme_json(bank: Bank, theme: ThemeResult) -> dict[str, Any]:
    return {
        "id": theme.theme_id,
        "pillar": theme.pillar,
        "score": theme.score,
        "level": level_name(bank, theme.level),
        "respondents": theme.respondents,
        "spread": theme.spread,
        "dont_know_share": theme.dont_know_share,
    }


def _group_json(group: GroupResult) -> dict[str, Any]:
    return {
        "id": group.id,
        "respondents": group.respondents,
        "suppressed": group.suppressed,
        "overall": group.overall,
        "themes": None if group.suppressed else {t.theme_id: t.score for t in group.themes},
    }


def results_csv_rows(
    bank: Bank, results: Results, change: Change | None = None
) -> list[dict[str, str]]:
    """The `results --format csv` table: per group, a row a theme then an `overall` row,
    each with its change since the previous round (empty without one)."""
    rows = []
    for group in (results.council, *results.roles, *results.service_areas):
        for theme in group.themes:
            columns = theme_columns(change, group.group_type, group.id, theme.theme_id)
            rows.append(_theme_row(bank, group, theme) | columns)
        rows.append(_overall_row(bank, group) | overall_columns(change, group.group_type, group.id))
    return rows


def write_results_csv(
    bank: Bank, results: Results, stream: TextIO, change: Change | None = None
) -> None:
    """Write the results table, header first; open a file for it with newline=""."""
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(results_csv_rows(bank, results, change))


def _theme_row(bank: Bank, group: GroupResult, theme: ThemeResult) -> dict[str, str]:
    return _row(
        group,
        theme=theme.theme_id,
        respondents=theme.respondents,
        score=theme.score,
        level=level_name(bank, theme.level),
        spread=one_decimal(theme.spread),
        dont_know_percent=whole_percent(theme.dont_know_share),
        suppressed=theme.suppressed,
    )


def _overall_row(bank: Bank, group: GroupResult) -> dict[str, str]:
    # Spread and don't-know share belong to themes; the overall row has neither.
    return _row(
        group,
        theme=OVERALL,
        respondents=group.respondents,
        score=group.overall,
        level=level_name(bank, group.overall_level),
        spread="",
        dont_know_percent="",
        suppressed=group.suppressed,
    )


def _row(
    group: GroupResult,
    *,
    theme: str,
    respondents: int | None,
    score: float | None,
    level: str | None,
    spread: str,
    dont_know_percent: str,
    suppressed: bool,
) -> dict[str, str]:
    return {
        "group_type": group.group_type,
        "group": group.id,
        "group_label": group.label,
        "theme": theme,
        "respondents": "" if respondents is None else str(respondents),
        "score": one_decimal(score),
        "level": level or "",
        "spread": spread,
        "dont_know_percent": dont_know_percent,
        "suppressed": "yes" if suppressed else "no",
    }
