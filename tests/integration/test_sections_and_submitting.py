"""Sections and submitting (FRAMEWORK.md): a section's status follows what was
answered, and only a response that answers every question can be submitted."""

from __future__ import annotations

import re

import pytest

from assessment.bank import current_bank
from assessment.storage import assessments, database, responses, results

from ..page_checks import csrf_token
from .officer import Officer, stored_answers


@pytest.fixture
def officer(client, open_assessment) -> Officer:
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    return officer


def statuses(officer: Officer) -> dict[str, str]:
    """Each section's status on the task list, by its title."""
    page = officer.get(f"{officer.base}/tasks").get_data(as_text=True)
    items = re.findall(
        r'govuk-task-list__link"[^>]*>\s*(.*?)\s*</a>.*?govuk-task-list__status"[^>]*>'
        r"(?:\s*<strong[^>]*>)?\s*(.*?)\s*<",
        page,
        re.DOTALL,
    )
    return dict(items)


@pytest.mark.parametrize("later", [False, True], ids=["save and continue", "come back later"])
def test_a_section_saved_with_nothing_chosen_stays_not_started(officer, later):
    officer.answer("culture", {}, later=later)
    assert statuses(officer) == {"Culture": "Not started", "Technology": "Not started"}


def test_a_section_with_some_questions_answered_is_in_progress_whichever_button(officer):
    officer.answer("culture", {"culture.test_and_learn": "2"})  # Save and continue
    assert statuses(officer)["Culture"] == "In progress"

    officer.answer("culture", {})  # nothing chosen: stays as it was
    assert statuses(officer)["Culture"] == "In progress"

    officer.answer("culture", {"culture.change": "dk"}, later=True)  # Don't know is an answer
    assert statuses(officer)["Culture"] == "Completed"
    officer.get(f"{officer.base}/tasks")
    assert "You have completed 1 of 2 sections" in officer.last_page


def test_check_answers_lists_the_sections_left_each_linked_and_offers_no_submit(officer):
    officer.answer("culture", {"culture.test_and_learn": "2"})
    page = officer.get(f"{officer.base}/check").get_data(as_text=True)

    left = re.search(r'id="sections-left".*?</div>', page, re.DOTALL).group(0)
    base = officer.base
    assert (
        f'href="{base}/themes/culture?return=check#culture.change">'
        "Culture: 1 question not answered</a>"
    ) in left
    assert (
        f'href="{base}/themes/technology?return=check#technology.legacy">'
        "Technology: 1 question not answered</a>"
    ) in left
    assert "Submit your answers" not in page

    officer.answer("culture", {"culture.change": "3"})
    officer.answer("technology", {"technology.legacy": "dk"})
    page = officer.get(f"{officer.base}/check").get_data(as_text=True)
    assert 'id="sections-left"' not in page
    assert "Submit your answers" in page


def test_a_forged_submit_of_an_incomplete_response_is_refused_and_nothing_is_lost(
    app, officer, open_assessment
):
    officer.answer("culture", {"culture.test_and_learn": "4"}, "Worth keeping")
    # The page offers no button, so take a token from another form of the session.
    token = csrf_token(officer.get(f"{officer.base}/about-you").get_data(as_text=True))

    refused = officer.post(f"{officer.base}/check", {}, token=token)

    assert refused.status_code == 400
    assert "<title>Error: Check your answers" in officer.last_page
    assert "There is a problem" in officer.last_page
    assert "Technology: 1 question not answered" in officer.last_page
    assert stored_answers(app, open_assessment) == [
        {
            "submitted": False,
            "role": "frontline",
            "answers": {"culture.test_and_learn": 4},
            "comments": {"culture": "Worth keeping"},
        }
    ]
    with app.app_context():
        assessment = assessments.assessment_by_invitation(open_assessment)
        assert results.response_counts(assessment)[1] == 0


def test_an_empty_comment_shows_as_no_comment(officer):
    officer.answer("culture", {"culture.test_and_learn": "4"})
    officer.get(f"{officer.base}/check")
    assert "No comment" in officer.last_page
    assert "None" not in officer.last_page


def test_the_storage_refuses_to_submit_a_response_missing_an_answer(app, officer):
    officer.answer("culture", {"culture.test_and_learn": "4", "culture.change": "dk"})
    with app.app_context():
        [response] = assessments.assessment_by_invitation(officer.invitation).responses
        with pytest.raises(responses.IncompleteResponse):
            responses.submit_response(response, current_bank())
        database.commit()
    assert stored_answers(app, officer.invitation)[0]["submitted"] is False

    officer.answer("technology", {"technology.legacy": "dk"})  # every question answered
    with app.app_context():
        [response] = assessments.assessment_by_invitation(officer.invitation).responses
        assert responses.submit_response(response, current_bank()) is True
        assert responses.submit_response(response, current_bank()) is False  # once only
        database.commit()
    assert stored_answers(app, officer.invitation)[0]["submitted"] is True
