"""Leaders look through a theme's comments for a word.

Only comments a leader already sees are searched (the snapshot's, after
moderation), so a filter can show fewer of them, never a new one, and a count
of matches is a count of comments already on the page: nothing about who wrote
them, or about a hidden group, can be worked out from it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Longer than any word or phrase worth looking for, short enough to print back.
MAX_WORD_LENGTH = 100


@dataclass(frozen=True)
class CommentSearch:
    word: str  # "" when nothing is looked for
    shown: list[str]  # the comments that contain it, in the order given
    total: int  # every comment the theme has


def search(comments: Sequence[str], word: str | None) -> CommentSearch:
    """The comments containing word, whatever its case or width ("Parking", "PARKING")."""
    word = " ".join((word or "").split())
    if not word:
        return CommentSearch("", list(comments), len(comments))
    wanted = _folded(word)
    return CommentSearch(word, [c for c in comments if wanted in _folded(c)], len(comments))


def _folded(text: str) -> str:
    # NFKC first, so that full-width letters and ligatures match their plain forms,
    # then casefold, so that "STRASSE" finds "straße"; runs of spaces count as one.
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
