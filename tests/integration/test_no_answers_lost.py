"""No answer an officer saved, or was told was saved, is ever lost: expired sessions,
double submits, the back button, and two tabs on one response."""

from __future__ import annotations

import html
import re
import threading
from datetime import timedelta

import pytest
from freezegun import freeze_time

from assessment.storage import assessments, database, officer_pages, responses, results

from ..page_checks import CheckedClient, csrf_token
from .officer import Officer, checked, stored_answers

TWO_TABS = "in another tab or window. We kept the answers you just saved: check them."


def _answers(app, invitation):
    return stored_answers(app, invitation)[0]["answers"]


def _comments(app, invitation):
    return stored_answers(app, invitation)[0]["comments"]


def hidden_fields(page: str) -> dict[str, str]:
    """The hidden inputs of a page's form, as the browser would post them back."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        if 'type="hidden"' in tag:
            name = re.search(r'name="([^"]*)"', tag).group(1)
            value = re.search(r'value="([^"]*)"', tag)
            fields[name] = html.unescape(value.group(1)) if value else ""
    return fields


class Tab:
    """One browser tab: it holds the page it last showed, and posts that page's form."""

    def __init__(self, client: CheckedClient, invitation: str) -> None:
        self.client = client
        self.base = f"/s/{invitation}"
        self.page = ""
        self.path = ""

    def open(self, theme: str) -> Tab:
        self.path = f"{self.base}/themes/{theme}"
        shown = self.client.get(self.path)
        assert shown.status_code == 200
        self.page = shown.get_data(as_text=True)
        return self

    def save(self, answers: dict[str, str], comment: str = "", later: bool = False):
        """Post the form as it is on this tab's page, with `answers` picked."""
        button = {"save_for_later": "y"} if later else {"save_and_continue": "y"}
        data = {**hidden_fields(self.page), **answers, "comment": comment, **button}
        return self.client.post(self.path, data=data)

    def follow(self, saved) -> str:
        assert saved.status_code == 302, saved.get_data(as_text=True)
        return self.client.get(saved.headers["Location"]).get_data(as_text=True)


@pytest.fixture
def officer(client, open_assessment) -> Officer:
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    return officer


def _second_browser_tab(app, officer: Officer) -> CheckedClient:
    """Another tab of the same browser: it shares the session cookie."""
    tab = app.test_client()
    tab.set_cookie("session", officer.client.get_cookie("session").value)
    return tab


# Expired sessions and tokens


def test_a_page_posted_after_the_session_expired_is_given_back_and_saves_with_the_code(
    app, client, open_assessment
):
    with freeze_time("2026-12-01 09:00:00") as clock:
        officer = Officer(client, open_assessment)
        officer.say_about_me()
        officer.answer("culture", {"culture.test_and_learn": "3"})
        _, code = officer.resume_secrets()
        page = officer.get(f"{officer.base}/themes/culture").get_data(as_text=True)

        clock.tick(app.config["PERMANENT_SESSION_LIFETIME"] + timedelta(minutes=1))
        typed = {"culture.test_and_learn": "5", "culture.change": "dk"}
        refused = officer.answer("culture", typed, "Typed after lunch", token=csrf_token(page))

        assert refused.status_code == 400
        assert "Your session ended" in officer.last_page
        assert 'name="resume_code"' in officer.last_page
        assert checked(officer.last_page, "culture.test_and_learn") == "5"
        assert checked(officer.last_page, "culture.change") == "dk"
        assert ">Typed after lunch</textarea>" in officer.last_page
        assert _answers(app, open_assessment) == {"culture.test_and_learn": 3}

        again = officer.answer(
            "culture",
            {**typed, "resume_code": code},
            "Typed after lunch",
            token=csrf_token(officer.last_page),
        )
        assert again.status_code == 302
        assert _answers(app, open_assessment) == {
            "culture.test_and_learn": 5,
            "culture.change": "dk",
        }
        assert _comments(app, open_assessment) == {"culture": "Typed after lunch"}


def test_a_page_left_open_most_of_a_day_still_saves(app, client, open_assessment):
    with freeze_time("2026-12-01 08:00:00") as clock:
        officer = Officer(client, open_assessment)
        officer.say_about_me()
        page = officer.get(f"{officer.base}/themes/culture").get_data(as_text=True)
        clock.tick(app.config["PERMANENT_SESSION_LIFETIME"] - timedelta(minutes=5))
        saved = officer.answer("culture", {"culture.change": "4"}, token=csrf_token(page))
    assert saved.status_code == 302
    assert _answers(app, open_assessment) == {"culture.change": 4}


def test_a_page_whose_csrf_token_expired_is_given_back_as_typed(
    app, client, open_assessment, monkeypatch
):
    # Tokens have no time limit of their own (ADR 0003); should one be set, the page still
    # comes back as typed and the next post saves.
    monkeypatch.setitem(app.config, "WTF_CSRF_TIME_LIMIT", 3600)
    with freeze_time("2026-12-01 09:00:00") as clock:
        officer = Officer(client, open_assessment)
        officer.say_about_me()
        page = officer.get(f"{officer.base}/themes/culture").get_data(as_text=True)
        clock.tick(timedelta(hours=2))
        typed = {"culture.test_and_learn": "2"}
        refused = officer.answer("culture", typed, "Kept", token=csrf_token(page))
        assert refused.status_code == 400
        assert "For your security this page expired" in officer.last_page
        assert checked(officer.last_page, "culture.test_and_learn") == "2"
        assert ">Kept</textarea>" in officer.last_page
        assert stored_answers(app, open_assessment)[0]["answers"] == {}

        again = officer.answer("culture", typed, "Kept", token=csrf_token(officer.last_page))
        assert again.status_code == 302
    assert _answers(app, open_assessment) == {"culture.test_and_learn": 2}


# Double submits and the back button


# A complete response, as only a complete response can be submitted.
FINISHED = {"culture.change": 3, "culture.test_and_learn": "dk", "technology.legacy": "dk"}


def test_submitting_twice_in_a_row_submits_one_response(app, officer, open_assessment):
    officer.answer("culture", {"culture.change": "3"})
    officer.answer_the_rest("dk")
    check_page = officer.get(f"{officer.base}/check").get_data(as_text=True)
    for _ in range(2):
        sent = officer.post(f"{officer.base}/check", {}, token=csrf_token(check_page))
        assert sent.headers["Location"].endswith("/done")
    with app.app_context():
        assessment = assessments.assessment_by_invitation(open_assessment)
        assert results.response_counts(assessment) == (1, 1)
    assert _answers(app, open_assessment) == FINISHED


def _at_once(work, *clients):
    """Run work(client) for each client in its own thread, released together."""
    start = threading.Barrier(len(clients))
    results: list = [None] * len(clients)
    errors: list[BaseException] = []

    def run(index, client):
        try:
            start.wait(timeout=10)
            results[index] = work(client)
        except BaseException as error:  # surfaced below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return results


def test_submitting_twice_at_once_submits_one_response_and_tells_the_second(
    app, officer, open_assessment
):
    officer.answer("culture", {"culture.change": "3"})
    officer.answer_the_rest("dk")
    token = csrf_token(officer.get(f"{officer.base}/check").get_data(as_text=True))
    other = _second_browser_tab(app, officer)

    def submit(client):
        sent = client.post(f"{officer.base}/check", data={"csrf_token": token})
        assert sent.headers["Location"].endswith("/done")
        return client.get(sent.headers["Location"]).get_data(as_text=True)

    done_pages = _at_once(submit, officer.client, other)
    told = ["You have already submitted your answers" in page for page in done_pages]
    assert sorted(told) == [False, True]
    with app.app_context():
        assessment = assessments.assessment_by_invitation(open_assessment)
        assert results.response_counts(assessment) == (1, 1)
    assert _answers(app, open_assessment) == FINISHED


def test_saving_a_page_twice_at_once_stores_it_once(app, officer, open_assessment):
    page = officer.get(f"{officer.base}/themes/culture").get_data(as_text=True)
    other = _second_browser_tab(app, officer)
    data = {
        **hidden_fields(page),
        "culture.test_and_learn": "4",
        "culture.change": "1",
        "comment": "Double click",
        "save_and_continue": "y",
    }

    def save(client):
        return client.post(f"{officer.base}/themes/culture", data=data).status_code

    assert _at_once(save, officer.client, other) == [302, 302]
    assert stored_answers(app, open_assessment) == [
        {
            "submitted": False,
            "role": "frontline",
            "answers": {"culture.test_and_learn": 4, "culture.change": 1},
            "comments": {"culture": "Double click"},
        }
    ]


def test_going_back_and_saving_the_old_page_again_keeps_the_new_answers(
    app, officer, open_assessment
):
    tab = Tab(officer.client, open_assessment).open("culture")
    first = tab.save({"culture.test_and_learn": "2", "culture.change": "2"}, "First go")
    assert first.headers["Location"].endswith("/themes/technology")

    # The back button shows the page as it was first served; the officer changes one answer.
    again = tab.save({"culture.test_and_learn": "5", "culture.change": "2"}, "Second go")
    next_page = tab.follow(again)
    assert again.headers["Location"].endswith("/themes/technology")
    assert TWO_TABS not in next_page  # its own earlier save, not another tab's
    assert _answers(app, open_assessment) == {"culture.test_and_learn": 5, "culture.change": 2}
    assert _comments(app, open_assessment) == {"culture": "Second go"}
    assert len(stored_answers(app, open_assessment)) == 1


# Two tabs on one response


def test_two_tabs_saving_different_themes_both_keep_their_answers(app, officer, open_assessment):
    culture = Tab(officer.client, open_assessment).open("culture")
    technology = Tab(_second_browser_tab(app, officer), open_assessment).open("technology")

    assert TWO_TABS not in technology.follow(technology.save({"technology.legacy": "1"}, "Tech"))
    assert TWO_TABS not in culture.follow(culture.save({"culture.change": "4"}, "People"))

    assert _answers(app, open_assessment) == {"technology.legacy": 1, "culture.change": 4}
    assert _comments(app, open_assessment) == {"technology": "Tech", "culture": "People"}


def test_two_tabs_answering_different_questions_of_a_theme_keep_both(app, officer, open_assessment):
    first = Tab(officer.client, open_assessment).open("culture")
    second = Tab(_second_browser_tab(app, officer), open_assessment).open("culture")

    second.follow(second.save({"culture.test_and_learn": "2"}))
    page = first.follow(first.save({"culture.change": "5"}))  # test_and_learn left empty here

    assert TWO_TABS not in page
    assert _answers(app, open_assessment) == {"culture.test_and_learn": 2, "culture.change": 5}


def test_two_tabs_saving_the_same_question_the_later_wins_and_the_earlier_tab_is_told(
    app, officer, open_assessment
):
    officer.answer("culture", {"culture.test_and_learn": "3"}, "Before")
    earlier = Tab(officer.client, open_assessment).open("culture")
    later = Tab(_second_browser_tab(app, officer), open_assessment).open("culture")

    saved_in_later_tab = later.save({"culture.test_and_learn": "1"}, "From the other tab")
    assert TWO_TABS not in later.follow(saved_in_later_tab)

    saved = earlier.save({"culture.test_and_learn": "4", "culture.change": "2"}, "Before")
    assert saved.headers["Location"].endswith("/themes/culture")  # back to the page to check
    page = earlier.follow(saved)
    assert f"You changed answers to Culture {TWO_TABS}" in page
    assert checked(page, "culture.test_and_learn") == "4"
    assert _answers(app, open_assessment) == {"culture.test_and_learn": 4, "culture.change": 2}
    assert _comments(app, open_assessment) == {"culture": "Before"}

    # Checked and saved again from the fresh page: no notice any more.
    assert TWO_TABS not in earlier.follow(earlier.open("culture").save({}, "Before"))


def test_a_comment_changed_in_another_tab_is_not_overwritten_silently(
    app, officer, open_assessment
):
    officer.answer("culture", {}, "Original")
    earlier = Tab(officer.client, open_assessment).open("culture")
    later = Tab(_second_browser_tab(app, officer), open_assessment).open("culture")
    later.follow(later.save({}, "Rewritten elsewhere", later=True))

    page = earlier.follow(earlier.save({}, "Original", later=True))
    assert f"You changed answers to Culture {TWO_TABS}" in page  # shown on the saved page
    assert _comments(app, open_assessment) == {"culture": "Original"}


def test_a_device_resumed_elsewhere_is_also_told(app, officer, open_assessment):
    link, _ = officer.resume_secrets()
    earlier = Tab(officer.client, open_assessment).open("culture")
    phone = Officer(app.test_client(), open_assessment)
    phone.post(link, {})  # the resume link's Continue button
    phone = phone.client
    elsewhere = Tab(phone, open_assessment).open("culture")
    elsewhere.follow(elsewhere.save({"culture.change": "1"}))

    page = earlier.follow(earlier.save({"culture.change": "5"}))
    assert TWO_TABS in page
    assert _answers(app, open_assessment) == {"culture.change": 5}


def test_a_page_saved_after_another_tab_submitted_changes_nothing(app, officer, open_assessment):
    officer.answer("culture", {"culture.change": "3"})
    tab = Tab(_second_browser_tab(app, officer), open_assessment).open("culture")
    officer.submit()

    refused = tab.save({"culture.change": "1"})
    assert refused.headers["Location"].endswith("/done")
    assert "You have already submitted your answers" in tab.follow(refused)
    assert _answers(app, open_assessment) == FINISHED


def test_a_save_racing_a_submit_stores_nothing(app, officer, open_assessment):
    # The view checks first; this is the check that holds when a submit lands in between.
    from assessment.bank import current_bank

    officer.answer("culture", {"culture.change": "3"})
    officer.answer_the_rest("dk")
    with app.app_context():
        [response] = assessments.assessment_by_invitation(open_assessment).responses
        assert responses.submit_response(response, current_bank())
        database.commit()
        culture = current_bank().theme("culture")
        assert (
            officer_pages.save(
                open_assessment,
                current_bank().version,
                response.id,
                culture,
                {"culture.change": "1"},
                "",
                True,
            )
            is None
        )
    assert _answers(app, open_assessment) == FINISHED
