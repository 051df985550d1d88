"""A shared invitation link can be answered more than once: the leader is told so
plainly, and an officer's browser that has answered is told it already has."""

from __future__ import annotations

import re

from .officer import Officer, stored_answers
from .people import make_council, sign_in


def _words(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_leader_is_told_what_a_shared_link_allows_and_what_will_prevent_it(app, client):
    council = make_council(app, "northshire", "leader@northshire.example")
    sign_in(client, "leader@northshire.example")
    page = _words(client.get(f"/assessments/{council.assessment_id}").get_data(as_text=True))
    assert "Anyone who has this link can answer more than once" in page
    assert "made-up answers to a small group" in page
    assert "Personal links, one for each officer, will prevent this" in page
    assert "once per device" not in page  # it never was


def test_opening_the_link_again_after_submitting_says_already_answered(
    app, client, open_assessment
):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    officer.submit()
    again = officer.get(officer.base)
    assert again.status_code == 200
    assert "<h1" in officer.last_page and "You have already answered" in officer.last_page
    assert "Start now" not in officer.last_page
    assert officer.get(f"{officer.base}/about-you").headers["Location"].endswith(officer.base)
    assert len(stored_answers(app, open_assessment)) == 1
