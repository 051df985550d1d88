"""Keyboard only: Tab, arrows, Space and Enter, with focus always visible."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .pages import KeyboardUser, ResultsPage, SignInPage, StartPage, ThemePage

pytestmark = pytest.mark.e2e


def _tasks(page, site):
    return StartPage.open(page, site.invitation).start_now().choose().save_and_continue()


def test_a_theme_page_can_be_completed_and_submitted_with_the_keyboard_alone(page, site):
    theme = _tasks(page, site).open_theme(site.theme_titles[1])
    questions = theme.question_ids()
    keyboard = KeyboardUser(page)

    first = keyboard.tab_to(tag="a")
    assert first["text"] == "Skip to main content"
    for question_id in questions:
        keyboard.tab_to(name=question_id)  # lands on the group's first option, "1"
        keyboard.press("Space")  # chooses it
        keyboard.press("ArrowDown", times=2)  # moves to, and chooses, level 3
    keyboard.tab_to(name="comment")
    page.keyboard.type("Typed without a mouse.")
    keyboard.tab_to(name="save_and_continue")
    keyboard.press("Enter")

    ThemePage(page).expect_heading(site.theme_titles[2])
    assert keyboard.invisible_stops() == [], "focus was not visible on every element"
    saved = ThemePage.open(page, site.invitation, site.theme_ids[1])
    assert {saved.chosen(question_id) for question_id in questions} == {"3"}
    expect(saved.comment).to_have_value("Typed without a mouse.")


def test_the_error_summary_takes_focus_after_a_failed_submit(page, site):
    theme = _tasks(page, site).open_theme(site.theme_titles[3])
    keyboard = KeyboardUser(page)
    keyboard.tab_to(name="comment")
    page.keyboard.insert_text("x" * 5001)  # one more than the comment can hold
    keyboard.tab_to(name="save_and_continue")
    keyboard.press("Enter")

    expect(theme.error_summary).to_be_focused()
    assert theme.error_links() == ["Your comment must be 5,000 characters or fewer"]
    keyboard.tab_to(tag="a", text="Your comment must be 5,000 characters or fewer")
    keyboard.press("Enter")
    expect(theme.comment).to_be_focused()  # the error's link takes you to the answer
    assert keyboard.invisible_stops() == []


def test_the_about_you_error_summary_takes_focus(page, site):
    about_you = StartPage.open(page, site.invitation).start_now()
    keyboard = KeyboardUser(page)
    keyboard.tab_to(tag="button", text="Save and continue")
    keyboard.press("Enter")
    expect(about_you.error_summary).to_be_focused()
    assert len(about_you.error_links()) == 2


@pytest.mark.parametrize("where", ["sign in", "results", "check answers"])
def test_focus_is_visible_on_every_element_of_a_page(page, site, where):
    if where == "sign in":
        SignInPage.open(page)
    elif where == "results":
        SignInPage.open(page).sign_in(site.leader_email, site.leader_password)
        ResultsPage.open(page, site.assessment_id, "results").wait_for_charts()
    else:
        _tasks(page, site).check_answers()
    keyboard = KeyboardUser(page)
    first = keyboard.tab_to(tag="a")
    seen = 1
    while seen < KeyboardUser.MAX_TABS:
        keyboard.press("Tab")
        focused = keyboard.focused()
        if focused == first or focused["tag"] == "body":
            break  # round the page and back to the start
        keyboard.stops.append({**focused, "visible": keyboard.focus_is_visible()})
        seen += 1
    assert seen > 5, f"only {seen} elements took focus: {keyboard.stops}"
    assert keyboard.invisible_stops() == [], "focus was not visible on every element"
