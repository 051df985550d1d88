"""Which response this browser is working on, kept in the signed session cookie.

The resume secrets are kept here too, so the officer can be shown them again;
the database holds only their hashes.
"""

from __future__ import annotations

from flask import session

from ..storage import queries
from ..storage.models import Assessment, Response
from ..storage.queries import ResumeSecrets

KEY = "officer"


def remember(response: Response, resume_token: str | None, resume_code: str | None) -> None:
    session.permanent = True
    held = dict(session.get(KEY, {}))
    held[str(response.assessment_id)] = {
        "response": response.id,
        "token": resume_token,
        "code": resume_code,
    }
    session[KEY] = held


def remember_new(response: Response, secrets: ResumeSecrets) -> None:
    remember(response, secrets.token, secrets.code)


def current_response(assessment: Assessment) -> Response | None:
    entry = session.get(KEY, {}).get(str(assessment.id))
    if not entry:
        return None
    response = queries.response_by_id(entry["response"])
    if response is None or response.assessment_id != assessment.id:
        return None
    return response


def resume_secrets(assessment: Assessment) -> tuple[str | None, str | None]:
    entry = session.get(KEY, {}).get(str(assessment.id), {})
    return entry.get("token"), entry.get("code")
