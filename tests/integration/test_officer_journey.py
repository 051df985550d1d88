"""An officer opens the invitation, answers theme by theme, checks and submits."""

from __future__ import annotations

from sqlalchemy import select

from assessment.framework.tally import SCALE
from assessment.storage import assessments, councils, database
from assessment.storage.base import db
from assessment.storage.models import ResponseTally

from ..page_checks import csrf_token
from .officer import Officer, checked, stored_answers


def test_an_officer_completes_the_questionnaire_from_invitation_to_confirmation(
    app, client, open_assessment
):
    officer = Officer(client, open_assessment)

    start = officer.get(officer.base)
    assert start.status_code == 200
    # The tiny bank: two themes, 58 words, well under a minute to read.
    assert "There are 2 short sections." in officer.last_page
    assert "It takes about 1 minute." in officer.last_page
    assert "at least 3 people" in officer.last_page  # this assessment's k

    about_you = officer.get(f"{officer.base}/about-you")
    assert "Prefer not to say" in about_you.get_data(as_text=True)
    assert officer.say_about_me("frontline", "housing").status_code == 302

    officer.get(f"{officer.base}/tasks")
    assert officer.last_page.count("Not started") == 2

    saved = officer.answer("culture", {"culture.test_and_learn": "4", "culture.change": "dk"})
    assert saved.headers["Location"].endswith(f"{officer.base}/themes/technology")
    comment = "Our systems do not talk to each other."
    officer.answer("technology", {}, comment=comment)

    check = officer.get(f"{officer.base}/check")
    assert check.status_code == 200
    assert "Often tries." in officer.last_page  # level 4 of culture.test_and_learn
    assert "Don&#39;t know" in officer.last_page
    assert "Not answered" in officer.last_page  # technology.legacy was skipped
    assert "Our systems do not talk to each other." in officer.last_page
    assert "Technology: 1 question not answered" in officer.last_page
    assert "Submit your answers" not in officer.last_page

    officer.answer("technology", {"technology.legacy": "2"}, comment)
    officer.get(f"{officer.base}/check")
    assert "not answered" not in officer.last_page.lower()
    submitted = officer.submit_as_it_is()
    assert submitted.headers["Location"].endswith(f"{officer.base}/done")
    officer.get(f"{officer.base}/done")
    assert "Answers submitted" in officer.last_page

    assert stored_answers(app, open_assessment) == [
        {
            "submitted": True,
            "role": "frontline",
            "answers": {
                "culture.test_and_learn": 4,
                "culture.change": "dk",
                "technology.legacy": 2,
            },
            "comments": {"technology": "Our systems do not talk to each other."},
        }
    ]
    assert _stored_tallies(app, open_assessment) == {
        # culture: one level (4) and one don't know; technology: one level (2)
        "culture": (1, 4 * SCALE, 1, 1),
        "technology": (1, 2 * SCALE, 1, 0),
    }


def _stored_tallies(app, invitation: str) -> dict[str, tuple]:
    """What submitting kept for results: each theme's tally of the one response."""
    with app.app_context():
        [response] = assessments.assessment_by_invitation(invitation).responses
        rows = db.session.scalars(
            select(ResponseTally).where(ResponseTally.response_id == response.id)
        )
        return {r.theme_id: (r.scored, r.score, r.level_answers, r.dont_knows) for r in rows}


def test_the_task_list_shows_each_theme_as_not_started_in_progress_or_completed(
    client, open_assessment
):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    officer.answer("culture", {"culture.test_and_learn": "2"}, later=True)

    officer.get(f"{officer.base}/tasks")
    assert "In progress" in officer.last_page
    assert "Not started" in officer.last_page

    officer.answer("culture", {"culture.change": "3"})
    officer.get(f"{officer.base}/tasks")
    assert "Completed" in officer.last_page
    assert "completed 1 of 2 sections" in officer.last_page


def test_save_and_continue_moves_to_the_next_theme_then_to_check_answers(client, open_assessment):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    first = officer.answer("culture", {})
    assert first.headers["Location"].endswith("/themes/technology")
    last = officer.answer("technology", {})
    assert last.headers["Location"].endswith("/check")


def test_a_change_link_on_check_answers_returns_to_check_answers(app, client, open_assessment):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    officer.answer("culture", {"culture.test_and_learn": "1"})
    officer.get(f"{officer.base}/check")
    assert f'href="{officer.base}/themes/culture?return=check#culture.test_and_learn"' in (
        officer.last_page
    )

    changed = officer.post(
        f"{officer.base}/themes/culture?return=check",
        {"culture.test_and_learn": "5", "save_and_continue": "y"},
    )
    assert changed.headers["Location"].endswith(f"{officer.base}/check")
    assert stored_answers(app, open_assessment)[0]["answers"]["culture.test_and_learn"] == 5

    changed = officer.post(
        f"{officer.base}/about-you?return=check", {"role_tier": "manager", "service_area": "other"}
    )
    assert changed.headers["Location"].endswith(f"{officer.base}/check")
    assert stored_answers(app, open_assessment)[0]["role"] == "manager"


def test_a_theme_page_shows_what_was_saved_before(client, open_assessment):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    officer.answer("culture", {"culture.test_and_learn": "3", "culture.change": "dk"}, "Kept")

    officer.get(f"{officer.base}/themes/culture")
    assert checked(officer.last_page, "culture.test_and_learn") == "3"
    assert checked(officer.last_page, "culture.change") == "dk"
    assert ">Kept</textarea>" in officer.last_page


def test_saving_a_page_again_without_a_question_keeps_its_earlier_answer(
    app, client, open_assessment
):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    officer.answer("culture", {"culture.test_and_learn": "3"})
    officer.answer("culture", {"culture.change": "2"})
    assert stored_answers(app, open_assessment)[0]["answers"] == {
        "culture.test_and_learn": 3,
        "culture.change": 2,
    }


def test_about_you_is_required_and_says_what_to_do(app, client, open_assessment):
    officer = Officer(client, open_assessment)
    refused = officer.say_about_me(role="", area="")
    assert refused.status_code == 400
    assert "<title>Error: About you" in officer.last_page
    assert "There is a problem" in officer.last_page
    assert "Select your role, or select Prefer not to say" in officer.last_page
    assert "Select your service area, or select Prefer not to say" in officer.last_page
    assert stored_answers(app, open_assessment) == []


def test_a_browser_that_has_submitted_is_told_so_and_cannot_start_again(
    app, client, open_assessment
):
    officer = Officer(client, open_assessment)
    officer.say_about_me("leadership", "planning")
    officer.submit()

    assert officer.get(officer.base).status_code == 200
    assert "You have already answered" in officer.last_page
    assert "Start now" not in officer.last_page
    assert officer.get(f"{officer.base}/about-you").status_code == 302
    token = csrf_token(officer.get(f"{officer.base}/resume").get_data(as_text=True))
    again = officer.post(
        f"{officer.base}/about-you", {"role_tier": "frontline", "service_area": "housing"}, token
    )
    assert again.headers["Location"].endswith(officer.base)
    roles = [r["role"] for r in stored_answers(app, open_assessment)]
    assert roles == ["leadership"]


def test_one_browser_answering_two_assessments_keeps_each_answer_with_its_own(
    app, client, open_assessment
):
    # A shared office computer, or an officer invited by two bodies: the session holds a
    # response to each, and each theme page shows and saves its own assessment's.
    with app.app_context():
        council = councils.create_council("otherdale", "Otherdale Council")
        other = assessments.create_assessment(council, "Another assessment", 3, "test.1")
        database.commit()
        other_invitation = other.invitation_token
    first, second = Officer(client, open_assessment), Officer(client, other_invitation)
    first.say_about_me("frontline", "housing")
    second.say_about_me("manager", "planning")
    first.answer("culture", {"culture.change": "2"})
    second.answer("culture", {"culture.change": "5"})

    first.get(f"{first.base}/themes/culture")
    assert checked(first.last_page, "culture.change") == "2"
    second.get(f"{second.base}/themes/culture")
    assert checked(second.last_page, "culture.change") == "5"
    [mine] = stored_answers(app, open_assessment)
    [theirs] = stored_answers(app, other_invitation)
    assert (mine["role"], mine["answers"]) == ("frontline", {"culture.change": 2})
    assert (theirs["role"], theirs["answers"]) == ("manager", {"culture.change": 5})
