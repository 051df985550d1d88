"""Absolute links for people outside the browser (the command line, emails), from BASE_URL."""

from flask import current_app, has_request_context, url_for

from ..storage.models import Assessment


def absolute(endpoint: str, **values) -> str:
    if has_request_context():
        path = url_for(endpoint, **values)
    else:
        # The command line has no request to build links from: borrow an empty one.
        with current_app.test_request_context():
            path = url_for(endpoint, **values)
    return current_app.config["BASE_URL"] + path


def invitation_link(assessment: Assessment) -> str:
    return absolute("survey.start", invitation=assessment.invitation_token)


def reset_link(token: str) -> str:
    return absolute("account.reset_password", token=token)
