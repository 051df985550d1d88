"""Two tabs, one theme: the later save wins, but never silently (docs/adr/0004).

A theme page carries what it showed (`shown`) and which showing it is (`page`).
When it is saved, what the theme held just before the save is compared with what
the page knew: if a value stored since (by another tab or device) is one the post
changes, the officer is told. The browser remembers which showing made its last save
of each theme, and what it saved, so a page posted twice (the back button, a double
click) is compared with its own save rather than with what it first showed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

# In a page's state, the comment sits beside the question ids (which always hold a dot).
COMMENT = "comment"


def page_state(answers: Mapping[str, str], comment: str | None) -> dict[str, str]:
    """A theme page's answers, and a digest of its comment, as two saves are compared."""
    return {**answers, COMMENT: _digest(comment or "")}


def shown_value(answers: Mapping[str, str], comment: str | None) -> str:
    """The `shown` field of a page showing these answers and this comment."""
    return urlencode(sorted(page_state(answers, comment).items()))


def state_digest(state: Mapping[str, str]) -> str:
    return _digest(urlencode(sorted(state.items())))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def overwrites_another_save(
    posted: Mapping[str, str], stored: Mapping[str, str], known: Mapping[str, str]
) -> bool:
    """Whether a post replaces something that someone else saved after the page was shown:
    a value stored since (stored differs from what the page knew) that the post changes.
    A question left empty on the page is not in `posted`: its stored value is kept."""
    return any(
        value != stored.get(key, "") and stored.get(key, "") != known.get(key, "")
        for key, value in posted.items()
    )


@dataclass(frozen=True)
class Verdict:
    overwrote: bool  # tell the officer
    remember: list[str] | None  # this browser's new record of its last save, if any


def judge(
    stored: Mapping[str, str],
    posted: Mapping[str, str],
    shown: Mapping[str, str] | None,
    page: str,
    last_save: Sequence[str] | None,
) -> Verdict:
    """A save's verdict. `stored` is the page state just before the save, `posted` the
    post's, `shown` what the page showed (None when the post doesn't say), `page` which
    showing posted it ("" when it doesn't say) and `last_save` the browser's record of
    its last save of the theme ([page, digest of the state it left], or None)."""
    own_save = bool(page) and list(last_save or []) == [page, state_digest(stored)]
    known = stored if own_save else shown
    remember = [page, state_digest({**stored, **posted})] if page else None
    overwrote = known is not None and overwrites_another_save(posted, stored, known)
    return Verdict(overwrote=overwrote, remember=remember)
