"""Actions a council takes on its results (FRAMEWORK.md "Targets and actions").

The rules every way in shares (the web form, the command line, the tables): the
statuses, how long each field may be, and how a suggested step of the 90-day plan
(action_plan.py) is named, so accepting or dropping it is remembered. Pure.
"""

from __future__ import annotations

from .action_plan import Action as SuggestedStep
from .text import N_

PLANNED, IN_PROGRESS, DONE, DROPPED = "planned", "in_progress", "done", "dropped"
STATUSES = (PLANNED, IN_PROGRESS, DONE, DROPPED)
# Each status as people read it; translated where it is shown.
STATUS_NAMES = {
    PLANNED: N_("Planned"),
    IN_PROGRESS: N_("In progress"),
    DONE: N_("Done"),
    DROPPED: N_("Dropped"),
}

MAX_TITLE = 200
MAX_DETAIL = 2000
MAX_OWNER = 200
MAX_MEASURE = 500
MAX_SUGGESTION_KEY = 40

# The columns of the CSV and the keys of the JSON, in English whatever the reader's
# language: other tools read them.
EXPORT_COLUMNS = ("id", "title", "detail", "theme", "owner", "due", "measure", "status")


def suggestion_key(position: int) -> str:
    """A suggested step's name: its place in the plan. The plan is drawn from the
    results snapshot, which does not change, so a place names the same step in
    every language and on every visit."""
    return f"step-{position + 1}"


def keyed_suggestions(plan: list[SuggestedStep]) -> list[tuple[str, SuggestedStep]]:
    return [(suggestion_key(n), step) for n, step in enumerate(plan)]


def open_suggestions(plan: list[SuggestedStep], taken: set[str]) -> list[tuple[str, SuggestedStep]]:
    """The suggested steps not yet accepted as an action nor dropped."""
    return [(key, step) for key, step in keyed_suggestions(plan) if key not in taken]
