"""After signing in, `next` takes a leader only to a page of this site. Known
open-redirect payloads all land on the leader's assessments, and none is a 500."""

from __future__ import annotations

import pytest

from ..page_checks import csrf_token
from .people import PASSWORD, make_council

LEADER = "leader@northshire.example"
# As they arrive in the query string, percent-encoded where an attacker would.
PAYLOADS = [
    "https://evil.example/",
    "http:evil.example",
    "https:/evil.example",
    "//evil.example/",
    "///evil.example/",
    "////evil.example/",
    "/%09/evil.example/phish",
    "/%0a/evil.example",
    "/%0d/evil.example",
    "/%0d%0aSet-Cookie:%20x=1",
    "%0a/evil.example",
    "/%00/evil.example",
    "/%7f/evil.example",
    "/\\evil.example",
    "/%5cevil.example",
    "%5c%5cevil.example",
    "\\\\evil.example",
    "%2f%2fevil.example",
    "/%E3%80%80/evil.example",
    "/%C2%A0/evil.example",
    "%20//evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "@evil.example",
    "/" + "a" * 3000,
]


@pytest.fixture
def leader(app, clean_database) -> str:
    make_council(app, "northshire", LEADER)
    return LEADER


def _sign_in_with_next(client, query_value: str):
    token = csrf_token(client.get("/auth/sign-in").get_data(as_text=True))
    return client.post(
        f"/auth/sign-in?next={query_value}",
        data={"csrf_token": token, "email": LEADER, "password": PASSWORD},
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_next_that_could_leave_the_site_goes_to_the_assessments(client, leader, payload):
    response = _sign_in_with_next(client, payload)
    assert response.status_code == 302
    assert response.headers["Location"] == "/assessments"


@pytest.mark.parametrize("target", ["/assessments/new", "/how-scores-work?lang=en"])
def test_a_page_of_this_site_is_where_the_leader_goes(client, leader, target):
    response = _sign_in_with_next(client, target.replace("?", "%3F").replace("=", "%3D"))
    assert response.headers["Location"] == target
