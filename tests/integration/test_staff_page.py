"""You said, we're doing: a leader promises a date, officers are told it, and once the
assessment is closed the leader previews and publishes a page officers read from the
same invitation link: the council's results as a whole, never a group's.

Nine people are imported into the two-theme test bank (k = 3), as in the findings
tests: leaders in housing score highest, frontline staff in planning lowest, so the
leaders' own results lead with a leaders-and-frontline finding and a service-area one;
neither may reach officers. One more officer answers in the browser.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from assessment.storage import assessments

from .officer import Officer
from .people import post_with_token, sign_in
from .test_findings_pages import PEOPLE, _import

DATE = {"results_shared_on": ["14", "3", "2099"]}


def _text(page: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture
def round_of_ten(app, clean_database):
    from .people import make_council

    council = make_council(app, "sharingshire", "lead@sharing.example")
    _import(app, council.assessment_id, PEOPLE)
    return council


@pytest.fixture
def leader(client, round_of_ten):
    sign_in(client, "lead@sharing.example")
    return client


@pytest.fixture
def officer(app, round_of_ten):
    return Officer(app.test_client(), round_of_ten.invitation)


def _close(leader, assessment_id: int, data: dict):
    page = f"/assessments/{assessment_id}"
    return post_with_token(leader, page, f"{page}/close", data)


def _publish(leader, assessment_id: int, action: str = "publish"):
    page = f"/assessments/{assessment_id}/staff-page"
    return post_with_token(leader, page, f"{page}/{action}", {})


def test_the_story_from_the_promised_date_to_the_published_page(leader, officer, round_of_ten):
    assessment = f"/assessments/{round_of_ten.assessment_id}"
    # An officer answers while the assessment is open; no date has been set yet.
    officer.say_about_me("frontline", "housing")
    officer.submit()
    assert "Results will be shared" not in _text(officer.get(f"{officer.base}/done").text)

    # The leader sets the date as they close the assessment.
    closed = _close(leader, round_of_ten.assessment_id, DATE)
    assert closed.status_code == 302
    assert "14 March 2099" in _text(leader.get(assessment).text)

    # The officer's confirmation now says it, and so does the link.
    done = _text(officer.get(f"{officer.base}/done").text)
    assert "Results will be shared with staff by 14 March 2099." in done
    link = _text(officer.get(officer.base).text)
    assert "Results will be shared by 14 March 2099." in link
    assert "What stands out" not in link

    # The leader previews exactly what officers will see, then publishes it.
    preview = _text(leader.get(f"{assessment}/staff-page").text)
    assert "What officers will see" in preview
    assert "Overall, the council is at level" in preview
    assert _publish(leader, round_of_ten.assessment_id).status_code == 302

    shared = officer.get(officer.base)
    assert shared.status_code == 200
    page = _text(shared.text)
    assert "You said, we're doing" in page
    assert "10 people from Sharingshire Council answered" in page
    assert "Culture" in page and "Technology" in page
    # The biggest finding about the whole council is there; the groups' are not.
    assert "the lowest of 2 themes" in page
    assert "Leaders score above frontline staff" not in page
    assert "Planning" not in page
    assert "The council's leaders have not added any actions yet." in page
    # What officers see is what the leader previewed.
    assert _staff_part(page) == _staff_part(_text(leader.get(f"{assessment}/staff-page").text))

    # Unpublishing hides it again: the link says when results will be shared.
    assert _publish(leader, round_of_ten.assessment_id, "unpublish").status_code == 302
    again = _text(officer.get(officer.base).text)
    assert "What stands out" not in again and "14 March 2099" in again


def _staff_part(page: str) -> str:
    return page[page.index("What you told us") : page.index("have not added any actions yet")]


def test_without_a_date_the_link_says_results_have_not_been_shared(leader, officer, round_of_ten):
    _close(leader, round_of_ten.assessment_id, {})
    page = _text(officer.get(officer.base).text)
    assert "Results have not been shared yet." in page


def test_a_date_set_when_creating_shows_on_the_assessment_page(leader, round_of_ten):
    created = post_with_token(
        leader,
        "/assessments/new",
        "/assessments/new",
        {"title": "Next round", "anonymity_threshold": "5", **DATE},
    )
    assert created.status_code == 302
    assert "14 March 2099" in _text(leader.get(created.headers["Location"]).text)


def test_the_date_can_be_changed_and_cleared_on_its_own_page(app, leader, round_of_ten):
    page = f"/assessments/{round_of_ten.assessment_id}/results-date"
    assert post_with_token(leader, page, page, DATE).status_code == 302
    assert (
        post_with_token(leader, page, page, {"results_shared_on": ["", "", ""]}).status_code == 302
    )
    with app.app_context():
        assert assessments.assessment_by_id(round_of_ten.assessment_id).results_shared_on is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (["14", "", "2099"], "Date results will be shared must include a month"),
        (["", "", "2099"], "Date results will be shared must include a day and month"),
        (["31", "2", "2099"], "Date results will be shared must be a real date"),
        (["1", "1", "99"], "Date results will be shared must be a real date"),
        (["x", "3", "2099"], "Date results will be shared must be a real date"),
        (["1", "1", "2001"], "Date results will be shared must be today or in the future"),
        (["1"], "Date results will be shared must include a month and year"),
        (["1", "2", "2099", "4"], None),
    ],
)
def test_a_bad_date_is_refused_with_a_clear_message_and_nothing_changes(
    app, leader, round_of_ten, typed, message
):
    page = f"/assessments/{round_of_ten.assessment_id}/results-date"
    response = post_with_token(leader, page, page, {"results_shared_on": typed})
    if message is None:  # a fourth box is ignored, not a failure
        assert response.status_code == 302
        return
    assert response.status_code == 400
    assert message in _text(response.text)
    with app.app_context():
        assert assessments.assessment_by_id(round_of_ten.assessment_id).results_shared_on is None


def test_closing_with_a_bad_date_keeps_the_assessment_open(app, leader, round_of_ten):
    closed = _close(leader, round_of_ten.assessment_id, {"results_shared_on": ["30", "2", "2099"]})
    assert closed.status_code == 400
    assert "Date results will be shared must be a real date" in _text(closed.text)
    with app.app_context():
        assert assessments.assessment_by_id(round_of_ten.assessment_id).status == "open"


def test_an_open_assessment_cannot_be_published(app, leader, officer, round_of_ten):
    preview = _text(leader.get(f"/assessments/{round_of_ten.assessment_id}/staff-page").text)
    assert "once the assessment is closed" in preview
    _publish(leader, round_of_ten.assessment_id)
    with app.app_context():
        assert (
            assessments.assessment_by_id(round_of_ten.assessment_id).staff_page_published_at is None
        )
    assert officer.get(officer.base).status_code == 200
    assert "What stands out" not in officer.last_page


def test_reopening_unpublishes_the_page(app, leader, officer, round_of_ten):
    _close(leader, round_of_ten.assessment_id, {})
    _publish(leader, round_of_ten.assessment_id)
    assert "What stands out" in officer.get(officer.base).text
    page = f"/assessments/{round_of_ten.assessment_id}"
    post_with_token(leader, page, f"{page}/open", {})
    _close(leader, round_of_ten.assessment_id, {})
    assert "What stands out" not in officer.get(officer.base).text


def test_a_wrong_link_is_page_not_found(client, round_of_ten):
    assert client.get("/s/" + "b" * 32).status_code == 404


def test_a_publish_without_its_token_is_refused(app, leader, round_of_ten):
    _close(leader, round_of_ten.assessment_id, {})
    url = f"/assessments/{round_of_ten.assessment_id}/staff-page/publish"
    assert leader.post(url, data={}).status_code == 400
    with app.app_context():
        assert (
            assessments.assessment_by_id(round_of_ten.assessment_id).staff_page_published_at is None
        )


def test_the_staff_page_names_no_role_tier_or_service_area(leader, officer, round_of_ten):
    """The leaders' findings name Leaders, Frontline and Planning with figures; none of
    the groups of the bank appears in what officers read, with a figure or without."""
    _close(leader, round_of_ten.assessment_id, {})
    overview = _text(leader.get(f"/assessments/{round_of_ten.assessment_id}/results").text)
    assert "Leaders score above frontline staff" in overview and "Planning scores" in overview
    _publish(leader, round_of_ten.assessment_id)
    page = _text(officer.get(officer.base).text)
    results = page[page.index("What you told us") : page.index("What we are doing")].lower()
    for group in ("leader", "manager", "elected member", "frontline", "housing", "planning"):
        assert group not in results, group


def test_another_councils_leader_cannot_publish_or_preview(app, client, round_of_ten):
    from .people import close, make_council

    make_council(app, "othershire", "lead@other.example")
    close(app, round_of_ten.assessment_id)
    sign_in(client, "lead@other.example")
    base = f"/assessments/{round_of_ten.assessment_id}/staff-page"
    assert client.get(base).status_code == 404
    assert post_with_token(client, "/assessments", f"{base}/publish", {}).status_code == 404
    with app.app_context():
        assert (
            assessments.assessment_by_id(round_of_ten.assessment_id).staff_page_published_at is None
        )
