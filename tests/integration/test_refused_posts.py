"""Posts that are refused save nothing and lose nothing, and say what to do next."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from assessment.storage import assessments, database, results

from ..page_checks import csrf_token
from .officer import Officer, checked, stored_answers

SAVED = {"culture.test_and_learn": 3}


@pytest.fixture
def officer(client, open_assessment) -> Officer:
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    officer.answer("culture", {"culture.test_and_learn": "3"})
    return officer


def _answers(app, invitation):
    return stored_answers(app, invitation)[0]["answers"]


@pytest.mark.parametrize("token", [None, "forged-token"], ids=["missing", "forged"])
def test_a_refused_csrf_token_gives_the_page_back_as_typed(app, officer, open_assessment, token):
    typed = {"culture.test_and_learn": "5", "culture.change": "1"}
    refused = officer.answer("culture", typed, "Typed, not saved", token=token)

    assert refused.status_code == 400
    assert "have not been saved yet" in officer.last_page
    assert checked(officer.last_page, "culture.test_and_learn") == "5"
    assert checked(officer.last_page, "culture.change") == "1"
    assert ">Typed, not saved</textarea>" in officer.last_page
    assert "CSRF" not in officer.last_page
    assert _answers(app, open_assessment) == SAVED

    again = officer.answer("culture", typed, "Typed, not saved")  # the page's new token works
    assert again.status_code == 302
    assert _answers(app, open_assessment) == {"culture.test_and_learn": 5, "culture.change": 1}


def test_a_refused_post_leaves_the_resume_link_working(app, officer, open_assessment):
    link, _ = officer.resume_secrets()
    officer.answer("culture", {"culture.test_and_learn": "1"}, token="forged")
    elsewhere = Officer(app.test_client(), open_assessment)
    assert elsewhere.post(link, {}).status_code == 302
    elsewhere.get(f"{elsewhere.base}/themes/culture")
    assert checked(elsewhere.last_page, "culture.test_and_learn") == "3"


def test_a_post_after_the_session_ended_can_be_saved_with_the_resume_code(
    app, officer, open_assessment
):
    _, code = officer.resume_secrets()
    later = Officer(app.test_client(), open_assessment)  # a browser with no session
    typed = {"culture.test_and_learn": "4", "culture.change": "2"}

    refused = later.answer("culture", typed, "After lunch", token="stale")
    assert refused.status_code == 400
    assert "Your session ended" in later.last_page
    assert checked(later.last_page, "culture.test_and_learn") == "4"
    assert 'name="resume_code"' in later.last_page
    assert _answers(app, open_assessment) == SAVED

    token = csrf_token(later.last_page)  # the refused page came back with a fresh form
    saved = later.answer("culture", {**typed, "resume_code": code}, "After lunch", token=token)
    assert saved.status_code == 302
    assert _answers(app, open_assessment) == {"culture.test_and_learn": 4, "culture.change": 2}


def test_an_option_that_was_never_offered_is_refused(app, officer, open_assessment):
    refused = officer.answer("culture", {"culture.test_and_learn": "6", "culture.change": "1"})
    assert refused.status_code == 400
    assert "<title>Error: Culture" in officer.last_page
    assert "Select one of the options" in officer.last_page
    assert _answers(app, open_assessment) == SAVED


def test_a_question_from_another_theme_is_ignored(app, officer, open_assessment):
    officer.answer("culture", {"technology.legacy": "5"})
    assert "technology.legacy" not in _answers(app, open_assessment)


def test_two_values_for_one_question_are_refused(app, officer, open_assessment):
    page = officer.get(f"{officer.base}/themes/culture").get_data(as_text=True)
    data = MultiDict(
        [
            ("csrf_token", csrf_token(page)),
            ("culture.test_and_learn", "1"),
            ("culture.test_and_learn", "2"),
            ("save_and_continue", "y"),
        ]
    )
    refused = officer.client.post(f"{officer.base}/themes/culture", data=data)
    assert refused.status_code == 400
    assert _answers(app, open_assessment) == SAVED


def test_a_huge_comment_is_refused_with_a_clear_message(app, officer, open_assessment):
    refused = officer.answer("culture", {"culture.change": "2"}, "x" * 1_000_000)
    assert refused.status_code == 400
    assert "Your comment must be 5,000 characters or fewer" in officer.last_page
    assert _answers(app, open_assessment) == SAVED


def test_a_body_over_the_size_limit_gets_a_clear_page(officer):
    refused = officer.answer("culture", {}, "x" * 3_000_000)
    assert refused.status_code == 413
    assert "That was too much to send" in officer.last_page


def test_submitting_twice_creates_no_duplicate_and_says_so(app, officer, open_assessment):
    officer.answer_the_rest("dk")
    check_page = officer.get(f"{officer.base}/check").get_data(as_text=True)
    first = officer.submit()
    assert first.headers["Location"].endswith("/done")

    # The back button shows the old check page; its button posts again.
    again = officer.post(f"{officer.base}/check", {}, token=csrf_token(check_page))
    assert again.headers["Location"].endswith("/done")
    officer.get(f"{officer.base}/done")
    assert "You have already submitted your answers" in officer.last_page

    refreshed = officer.get(f"{officer.base}/done")
    assert refreshed.status_code == 200
    assert len(stored_answers(app, open_assessment)) == 1
    with app.app_context():
        assessment = assessments.assessment_by_invitation(open_assessment)
        assert results.response_counts(assessment) == (1, 1)


def test_going_back_to_a_theme_after_submitting_changes_nothing(app, officer, open_assessment):
    officer.submit()
    back = officer.get(f"{officer.base}/themes/culture", follow_redirects=True)
    assert "You have already submitted your answers" in officer.last_page
    assert back.status_code == 200

    token = csrf_token(officer.get(f"{officer.base}/resume").get_data(as_text=True))
    resubmitted = officer.answer("culture", {"culture.test_and_learn": "1"}, token=token)
    assert resubmitted.status_code == 302
    assert _answers(app, open_assessment) == {
        **SAVED,
        "culture.change": "dk",  # answered to submit
        "technology.legacy": "dk",
    }


def test_a_closed_assessment_refuses_new_answers_and_keeps_saved_ones(
    app, officer, open_assessment
):
    with app.app_context():
        assessments.set_status(assessments.assessment_by_invitation(open_assessment), "closed")
        database.commit()
    officer.get(officer.base)
    assert "This self-assessment is closed" in officer.last_page

    refused = officer.answer("culture", {"culture.test_and_learn": "5"}, token="irrelevant")
    assert refused.status_code == 403
    assert "Any answers you saved before it closed have been kept" in officer.last_page
    assert _answers(app, open_assessment) == SAVED


def test_a_page_open_when_the_assessment_closed_saves_nothing_and_says_why(
    app, officer, open_assessment
):
    # The page's token is good and its answers are plain: only the save's lock can tell.
    page = f"{officer.base}/themes/culture"
    token = csrf_token(officer.get(page).get_data(as_text=True))
    with app.app_context():
        assessments.set_status(assessments.assessment_by_invitation(open_assessment), "closed")
        database.commit()

    refused = officer.answer("culture", {"culture.test_and_learn": "5"}, token=token)
    assert refused.status_code == 403
    assert "Any answers you saved before it closed have been kept" in officer.last_page
    assert _answers(app, open_assessment) == SAVED


@pytest.mark.parametrize(
    "path",
    ["/s/not-an-invitation", "/s/not-an-invitation/tasks", "/s/x/themes/culture", "/nowhere"],
)
def test_a_wrong_invitation_or_address_is_page_not_found(client, path):
    page = client.get(path)
    assert page.status_code == 404
    assert "Page not found" in page.get_data(as_text=True)


def test_an_unknown_theme_is_page_not_found(officer):
    assert officer.get(f"{officer.base}/themes/astrology").status_code == 404


def test_a_post_that_is_not_a_web_form_is_refused_plainly(client, open_assessment):
    refused = client.post(f"/s/{open_assessment}/about-you", json=0)
    assert refused.status_code == 415
    assert "Send it from the form on the page" in refused.get_data(as_text=True)
