"""An assessment's actions as CSV and JSON: the columns of framework/actions.py, in
English, the theme by its id and the due date as ISO 8601, so other tools can read
them. Text cells a spreadsheet would take for a formula are neutralised."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Protocol

from ..framework.actions import EXPORT_COLUMNS
from .exports import neutralise


class ExportedAction(Protocol):
    id: int
    title: str
    detail: str
    theme_id: str | None
    owner: str
    due: object
    measure: str
    status: str


def action_records(actions: Iterable[ExportedAction]) -> list[dict[str, object]]:
    return [
        {
            "id": action.id,
            "title": action.title,
            "detail": action.detail,
            "theme": action.theme_id or "",
            "owner": action.owner,
            "due": action.due.isoformat() if action.due else "",
            "measure": action.measure,
            "status": action.status,
        }
        for action in actions
    ]


def actions_csv(actions: Iterable[ExportedAction]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in action_records(actions):
        writer.writerow({k: neutralise(v) if isinstance(v, str) else v for k, v in record.items()})
    return out.getvalue()


def actions_json(actions: Iterable[ExportedAction]) -> str:
    return json.dumps({"actions": action_records(actions)}, indent=2, ensure_ascii=False)
