"""Which response this browser is working on, kept in the signed session cookie.

The resume secrets are kept here too, so the officer can be shown them again;
the database holds only their hashes.
"""

from __future__ import annotations

from flask import session

from ..storage import responses
from ..storage.models import Assessment, Response
from ..storage.responses import ResumeSecrets
from ..storage.secrets import normalise_code
from . import throttle

KEY = "officer"


def remember(response: Response, resume_token: str | None, resume_code: str | None) -> None:
    session.permanent = True
    held = dict(session.get(KEY, {}))
    held[str(response.assessment_id)] = {
        "response": response.id,
        # So a save knows its response from the address alone (working_on).
        "invitation": response.assessment.invitation_token,
        "token": resume_token,
        "code": resume_code,
    }
    session[KEY] = held


def remember_new(response: Response, secrets: ResumeSecrets) -> None:
    remember(response, secrets.token, secrets.code)


def response_ids() -> list[int]:
    """Every response this browser is working on, one an assessment."""
    return [entry["response"] for entry in session.get(KEY, {}).values()]


def working_on(invitation: str) -> tuple[int, int] | None:
    """(assessment id, response id) of the response this browser is working on for the
    assessment with this invitation token, as far as the session knows; None if it holds
    none (or was signed before sessions kept the invitation: the page then asks)."""
    for assessment_id, entry in session.get(KEY, {}).items():
        if entry.get("invitation") == invitation:
            return int(assessment_id), entry["response"]
    return None


def current_response(assessment: Assessment) -> Response | None:
    entry = session.get(KEY, {}).get(str(assessment.id))
    if not entry:
        return None
    response = responses.response_by_id(entry["response"])
    if response is None or response.assessment_id != assessment.id:
        return None
    return response


def resume_secrets(assessment: Assessment) -> tuple[str | None, str | None]:
    entry = session.get(KEY, {}).get(str(assessment.id), {})
    return entry.get("token"), entry.get("code")


def restore_with_code(assessment_id: int, typed_code: str) -> Response | None:
    """The response a typed resume code belongs to, now this browser's; None when no
    response has that code. Raises throttle.Paused, before looking, while this address
    must wait after wrong codes."""
    throttle.before_resume_code()
    response = responses.response_by_resume_code(assessment_id, typed_code)
    if response is None:
        throttle.wrong_resume_code()
        return None
    remember(response, None, normalise_code(typed_code))
    return response
