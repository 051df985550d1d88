"""An officer is interrupted, stops half way, and comes back later, maybe elsewhere."""

from __future__ import annotations

from assessment.storage import assessments

from ..page_checks import session_cookies
from .officer import Officer, checked, stored_answers


def _half_way(client, invitation: str) -> Officer:
    officer = Officer(client, invitation)
    officer.say_about_me("manager", "planning")
    saved = officer.answer(
        "culture", {"culture.test_and_learn": "2", "culture.change": "dk"}, "Half way", later=True
    )
    assert saved.headers["Location"].endswith(f"{officer.base}/saved")
    return officer


def test_the_resume_link_restores_the_answers_exactly_in_another_browser(app, open_assessment):
    link, _ = _half_way(app.test_client(), open_assessment).resume_secrets()

    elsewhere = Officer(app.test_client(), open_assessment)
    assert elsewhere.get(link).status_code == 200
    assert "Continue where you left off" in elsewhere.last_page
    back = elsewhere.post(link, {})
    assert back.headers["Location"].endswith(f"{elsewhere.base}/tasks")
    elsewhere.get(f"{elsewhere.base}/tasks")
    assert "Your answers have been restored" in elsewhere.last_page
    assert "Completed" in elsewhere.last_page  # every culture question was answered

    elsewhere.get(f"{elsewhere.base}/themes/culture")
    assert checked(elsewhere.last_page, "culture.test_and_learn") == "2"
    assert checked(elsewhere.last_page, "culture.change") == "dk"
    assert ">Half way</textarea>" in elsewhere.last_page

    elsewhere.answer("technology", {"technology.legacy": "1"})
    elsewhere.submit()
    [response] = stored_answers(app, open_assessment)
    assert response["submitted"] is True
    assert response["answers"] == {
        "culture.test_and_learn": 2,
        "culture.change": "dk",
        "technology.legacy": 1,
    }


def test_the_short_code_restores_the_response_however_it_is_typed(app, open_assessment):
    _, code = _half_way(app.test_client(), open_assessment).resume_secrets()
    assert len(code) == 9 and code[4] == "-"

    elsewhere = Officer(app.test_client(), open_assessment)
    typed = f"  {code.lower().replace('-', ' ')} "
    back = elsewhere.post(f"{elsewhere.base}/resume", {"code": typed})
    assert back.headers["Location"].endswith(f"{elsewhere.base}/tasks")
    elsewhere.get(f"{elsewhere.base}/themes/culture")
    assert checked(elsewhere.last_page, "culture.test_and_learn") == "2"


def test_the_saved_page_after_resuming_by_code_still_shows_the_code(app, open_assessment):
    _, code = _half_way(app.test_client(), open_assessment).resume_secrets()
    elsewhere = Officer(app.test_client(), open_assessment)
    elsewhere.post(f"{elsewhere.base}/resume", {"code": code})
    elsewhere.get(f"{elsewhere.base}/saved")
    assert code.replace("-", "")[:4] in elsewhere.last_page


def test_only_hashes_of_the_resume_secrets_are_stored(app, open_assessment):
    link, code = _half_way(app.test_client(), open_assessment).resume_secrets()
    token = link.rsplit("/", 1)[1]
    with app.app_context():
        [response] = assessments.assessment_by_invitation(open_assessment).responses
        stored = (response.resume_token_hash, response.resume_code_hash)
    assert token not in stored and code.replace("-", "") not in stored
    assert all(len(value) == 64 for value in stored)


def test_a_wrong_code_says_so_and_restores_nothing(app, client, open_assessment):
    _half_way(app.test_client(), open_assessment)
    officer = Officer(client, open_assessment)
    refused = officer.post(f"{officer.base}/resume", {"code": "ABCD-2345"})
    assert refused.status_code == 400
    assert "We could not find any answers with that code" in officer.last_page
    assert officer.get(f"{officer.base}/tasks").status_code == 302  # still nobody's session


def test_an_empty_code_asks_for_one(client, open_assessment):
    officer = Officer(client, open_assessment)
    refused = officer.post(f"{officer.base}/resume", {"code": ""})
    assert refused.status_code == 400
    assert "Enter your resume code" in officer.last_page


def test_a_wrong_resume_link_is_a_page_not_found(client):
    assert client.get("/resume/not-a-real-token").status_code == 404


def test_a_resume_link_for_a_submitted_response_says_it_was_submitted(app, open_assessment):
    officer = _half_way(app.test_client(), open_assessment)
    link, _ = officer.resume_secrets()
    officer.submit()

    elsewhere = Officer(app.test_client(), open_assessment)
    back = elsewhere.post(link, {}, follow_redirects=True)
    assert back.status_code == 200
    assert "You have already submitted your answers" in elsewhere.last_page
    assert len(stored_answers(app, open_assessment)) == 1


def test_an_ended_session_sends_the_officer_to_resume(client, open_assessment):
    officer = Officer(client, open_assessment)
    page = officer.get(f"{officer.base}/themes/culture", follow_redirects=True)
    assert page.status_code == 200
    assert "Your session has ended" in officer.last_page
    assert "Continue with your resume code" in officer.last_page


def test_the_officer_session_outlasts_a_working_day_of_inactivity(app, client, open_assessment):
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() >= 12 * 3600
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None  # tokens last as long as the session
    officer = Officer(client, open_assessment)
    answered = officer.say_about_me()
    [cookie] = session_cookies(answered)
    assert "Expires=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
