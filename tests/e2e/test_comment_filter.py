"""A leader filters a theme's comments by a word: with JavaScript off, as in a
locked-down browser, and with no accessibility violations in any of its states."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .pages import ResultsPage, SignInPage

pytestmark = pytest.mark.e2e


def filter_by(results: ResultsPage, word: str) -> None:
    results.page.get_by_label("Filter comments by a word").fill(word)
    results.follow(results.button("Filter comments"))


def test_a_leader_filters_comments_by_a_word_without_javascript(no_js_page, site):
    SignInPage.open(no_js_page).sign_in(site.leader_email, site.leader_password)
    results = ResultsPage.open(no_js_page, site.assessment_id, "results/themes/culture")
    count = no_js_page.locator("#comments-count")
    expect(count).to_have_text("2 comments")
    filter_by(results, "TRIAGE")
    expect(count).to_have_text("1 of 2 comments contains “TRIAGE”")
    expect(no_js_page.locator(".app-comment")).to_have_count(1)
    expect(no_js_page.get_by_label("Filter comments by a word")).to_have_value("TRIAGE")
    results.follow(results.link("Show all comments"))
    expect(count).to_have_text("2 comments")
    filter_by(results, "x" * 101)
    assert results.error_links() == ["The word to filter by must be 100 characters or fewer"]
    expect(no_js_page.locator(".app-comment")).to_have_count(2)


def test_filtering_comments_has_no_violations(page, site, axe):
    SignInPage.open(page).sign_in(site.leader_email, site.leader_password)
    results = ResultsPage.open(page, site.assessment_id, "results/themes/culture")
    filter_by(results, "triage")
    axe.check(page, "results: comments filtered")
    filter_by(results, "broadband")
    expect(page.locator("#comments-count")).to_have_text("No comments contain “broadband”.")
    axe.check(page, "results: comments filtered, none found")
    filter_by(results, "x" * 101)
    axe.check(page, "results: comments filter refused")
    axe.assert_clean()
