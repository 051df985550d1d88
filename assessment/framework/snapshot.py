"""The results as they were when an assessment closed: what every leader's page,
export and PDF shows (FRAMEWORK.md, "Anonymity").

Results that moved while an assessment was open would let a leader read one
officer's answers off a before-and-after comparison, so leaders only ever see a
snapshot, made at close and replaced only when k or more people have answered
since. A snapshot holds nothing a leader may not see: level distributions and
comments only for themes whose council cell is shown, comments without who wrote
them, each with the row it came from so that moderation (framework/moderation.py)
is read when it is shown, and each question's answer counts by group as
framework/question_counts.py suppresses them. It is stored as a plain dict
(to_dict/from_dict), exactly: floats go through JSON as their repr, so a score
read back is bit for bit the one scored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .question_counts import QuestionCounts
from .scoring import GroupResult, Results, ThemeResult

# Bump when the dict's shape changes; from_dict refuses shapes it does not know.
# 2: each comment names the theme entry it came from (migration 0006).
# 3: each question's answer counts by role tier and service area (issue 23).
FORMAT = 3
# Formats still read: a format-2 snapshot has no counts by group (questions is None).
READABLE = (2, 3)

# Question id -> {"1".."5", "dk": how many chose it}
Distribution = Mapping[str, Mapping[str, int]]


@dataclass(frozen=True)
class Comment:
    entry: int  # the theme entry it was typed in, to read its moderation by
    text: str


@dataclass(frozen=True)
class Snapshot:
    results: Results
    distributions: Mapping[str, Distribution]  # theme id -> its questions' answer counts
    comments: Mapping[str, tuple[Comment, ...]]  # theme id -> comments, in a telling-nothing order
    as_of: datetime | None  # the latest submission it includes
    bank_version: str
    submitted: int  # how many submitted responses it was made from
    # Question id -> its answer counts, hidden as question_counts says; None in a
    # snapshot made before they were kept (format 2), whose results stay as they were.
    questions: Mapping[str, QuestionCounts] | None


def make_snapshot(
    results: Results,
    distributions: Mapping[str, Distribution],
    comments: Mapping[str, Sequence[Comment]],
    as_of: datetime | None,
    bank_version: str,
    submitted: int,
    *,
    questions: Mapping[str, QuestionCounts],
) -> Snapshot:
    """A snapshot of what leaders may see: a theme's distribution and comments are kept
    only when that theme's council cell is shown; `questions` come already suppressed
    (question_counts.question_counts, from the same results)."""
    shown = _shown_themes(results)
    return Snapshot(
        results=results,
        distributions={t: distributions[t] for t in sorted(shown) if t in distributions},
        comments={t: tuple(comments[t]) for t in sorted(shown) if comments.get(t)},
        as_of=as_of,
        bank_version=bank_version,
        submitted=submitted,
        questions=dict(questions),
    )


def with_comments(snapshot: Snapshot, keep: Callable[[Comment], bool]) -> Snapshot:
    """The snapshot with only the comments `keep` allows (a theme left with none has
    no entry, as make_snapshot gives it)."""
    comments = {t: tuple(c for c in cs if keep(c)) for t, cs in snapshot.comments.items()}
    return dataclasses.replace(snapshot, comments={t: cs for t, cs in comments.items() if cs})


def texts(snapshot: Snapshot, theme_id: str) -> list[str]:
    return [comment.text for comment in snapshot.comments.get(theme_id, ())]


def replaces(old_submitted: int | None, submitted: int, threshold: int) -> bool:
    """Whether a snapshot made from `submitted` responses may replace one made from
    `old_submitted` (None: there is none): only when it adds at least k (the threshold),
    so the difference between the two never covers fewer than k people."""
    return old_submitted is None or submitted - old_submitted >= threshold


def _shown_themes(results: Results) -> frozenset[str]:
    council = results.council
    if council.suppressed:
        return frozenset()
    return frozenset(t.theme_id for t in council.themes if not t.suppressed)


def to_dict(snapshot: Snapshot) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "results": dataclasses.asdict(snapshot.results),
        "distributions": {t: dict(d) for t, d in snapshot.distributions.items()},
        "comments": {
            t: [{"entry": c.entry, "text": c.text} for c in comments]
            for t, comments in snapshot.comments.items()
        },
        "as_of": snapshot.as_of.isoformat() if snapshot.as_of else None,
        "bank_version": snapshot.bank_version,
        "submitted": snapshot.submitted,
        "questions": None
        if snapshot.questions is None
        else {
            question_id: {
                "council": _plain(counts.council),
                "roles": {g: _plain(c) for g, c in counts.roles.items()},
                "service_areas": {g: _plain(c) for g, c in counts.service_areas.items()},
            }
            for question_id, counts in snapshot.questions.items()
        },
    }


def from_dict(data: Mapping[str, Any]) -> Snapshot:
    if data.get("format") not in READABLE:
        raise ValueError(f"a results snapshot of format {data.get('format')!r} is not readable")
    as_of = data["as_of"]
    by_question = data["questions"] if data["format"] >= 3 else None
    return Snapshot(
        results=_results(data["results"]),
        distributions={
            theme_id: {q: dict(counts) for q, counts in questions.items()}
            for theme_id, questions in data["distributions"].items()
        },
        comments={
            theme_id: tuple(Comment(int(c["entry"]), c["text"]) for c in comments)
            for theme_id, comments in data["comments"].items()
        },
        as_of=datetime.fromisoformat(as_of) if as_of else None,
        bank_version=data["bank_version"],
        submitted=int(data["submitted"]),
        questions=None if by_question is None else _questions(by_question),
    )


def _plain(counts: Mapping[str, int] | None) -> dict[str, int] | None:
    return None if counts is None else dict(counts)


def _questions(data: Mapping[str, Any]) -> dict[str, QuestionCounts]:
    def counts(stored: Mapping[str, int] | None) -> dict[str, int] | None:
        return None if stored is None else {answer: int(n) for answer, n in stored.items()}

    return {
        question_id: QuestionCounts(
            question_id,
            counts(entry["council"]),
            {group: counts(c) for group, c in entry["roles"].items()},
            {group: counts(c) for group, c in entry["service_areas"].items()},
        )
        for question_id, entry in data.items()
    }


def _results(data: Mapping[str, Any]) -> Results:
    gap = data["perception_gap"]
    return Results(
        **{
            **data,
            "council": _group(data["council"]),
            "roles": tuple(_group(g) for g in data["roles"]),
            "service_areas": tuple(_group(g) for g in data["service_areas"]),
            "perception_gap": None if gap is None else dict(gap),
        }
    )


def _group(data: Mapping[str, Any]) -> GroupResult:
    # Every field as stored, so a field scoring adds later comes back without a change here.
    return GroupResult(
        **{
            **data,
            "pillars": dict(data["pillars"]),
            "themes": tuple(ThemeResult(**theme) for theme in data["themes"]),
        }
    )
