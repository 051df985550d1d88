"""WCAG 2.2.1 Timing Adjustable: leaders are warned before an idle sign-out and can stay.

Run against a second live server whose leaders are signed out after 6 idle
seconds and warned 4 seconds before, so the tests take seconds, not half an hour.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from itertools import pairwise

import pytest
from playwright.sync_api import Page, expect

from .conftest import SHORT_IDLE_MINUTES, SHORT_WARNING_SECONDS
from .pages import AssessmentsPage, GovukPage, SignInPage, TimeoutWarning

pytestmark = pytest.mark.e2e
IDLE_SECONDS = SHORT_IDLE_MINUTES * 60
PAGE_CLOCK_START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SIGN_IN_AGAIN = re.compile(r"/auth/sign-in\?next=(/|%2F)assessments$")


def _signed_in(browsing, site) -> tuple[Page, float]:
    page = browsing.new_page(server=site.server)
    SignInPage.open(page).sign_in(site.leader_email, site.leader_password)
    GovukPage(page).expect_heading("Assessments")
    return page, time.monotonic()


def _wait_until(page: Page, moment: float) -> None:
    page.wait_for_timeout(max(0, (moment - time.monotonic()) * 1000))


def test_leaders_are_warned_before_the_session_ends_and_can_stay_signed_in(
    browsing, short_timeout_site, axe
):
    page = browsing.new_page(server=short_timeout_site.server)
    # The page's clock stands still but when the test moves it, so the page sets its
    # timers at a known moment; the server's idle limit runs on real time.
    page.clock.install(time=PAGE_CLOCK_START)
    page.clock.pause_at(PAGE_CLOCK_START)
    SignInPage.open(page).sign_in(
        short_timeout_site.leader_email, short_timeout_site.leader_password
    )
    GovukPage(page).expect_heading("Assessments")
    signed_in_at = time.monotonic()
    warning = TimeoutWarning(page)

    page.clock.run_for((IDLE_SECONDS - SHORT_WARNING_SECONDS) * 1000 - 1)
    expect(warning.dialog).to_be_hidden()  # not yet: a moment sooner would be too early
    page.clock.run_for(1)  # the warning's moment, well before the session ends
    expect(warning.dialog).to_be_visible()
    expect(warning.stay_signed_in).to_be_focused()  # one key press away
    assert "second" in warning.countdown
    page.clock.resume()  # axe waits on the page's timers
    axe.check(page, "leader: timeout warning")

    # Stay when the warning would have come in real time, so the session then ends
    # after the moment it first would have.
    _wait_until(page, signed_in_at + IDLE_SECONDS - SHORT_WARNING_SECONDS)
    with page.expect_response("**/auth/keep-alive") as kept_alive:
        page.keyboard.press("Enter")
    assert kept_alive.value.status == 200
    expect(warning.dialog).to_be_hidden()

    _wait_until(page, signed_in_at + IDLE_SECONDS + 1)  # past the session's first end
    page.reload()
    GovukPage(page).expect_heading("Assessments")
    axe.assert_clean()


def test_leaders_who_do_not_respond_are_signed_out_and_told_why(browsing, short_timeout_site):
    page, _ = _signed_in(browsing, short_timeout_site)
    expect(TimeoutWarning(page).dialog).to_be_visible(timeout=IDLE_SECONDS * 1000)

    page.wait_for_url(SIGN_IN_AGAIN, timeout=(IDLE_SECONDS + 5) * 1000)
    sign_in = SignInPage(page)
    sign_in.expect_heading("Sign in")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "You were signed out because you had not done anything"
    )
    page.goto("/assessments")
    sign_in.expect_heading("Sign in")  # signed out by the server, not just sent away

    # Signing in again goes back to the page they were on.
    sign_in.sign_in(short_timeout_site.leader_email, short_timeout_site.leader_password)
    sign_in.expect_heading("Assessments")


def test_staying_too_late_leads_to_sign_in_not_a_false_reassurance(browsing, short_timeout_site):
    # As when a laptop sleeps through the warning: the server has ended the session.
    page, signed_in_at = _signed_in(browsing, short_timeout_site)
    warning = TimeoutWarning(page)
    expect(warning.dialog).to_be_visible(timeout=IDLE_SECONDS * 1000)
    _wait_until(page, signed_in_at + IDLE_SECONDS + 0.5)

    warning.stay_signed_in.click()
    # At once: closing the dialog as if all were well would start the timers again.
    page.wait_for_url(SIGN_IN_AGAIN, timeout=2000)
    GovukPage(page).expect_heading("Sign in")


def test_staying_after_signing_out_in_another_tab_leads_to_sign_in(browsing, short_timeout_site):
    page, _ = _signed_in(browsing, short_timeout_site)
    AssessmentsPage.open(page.context.new_page()).sign_out()

    warning = TimeoutWarning(page)
    expect(warning.dialog).to_be_visible(timeout=IDLE_SECONDS * 1000)
    warning.stay_signed_in.click()
    page.wait_for_url(SIGN_IN_AGAIN)
    GovukPage(page).expect_heading("Sign in")
    # Signing out ended the session and its CSRF token, so the keep-alive was refused.
    browsing.problems.allow("/auth/keep-alive answered 400")


# Every change to a live region in the dialog, as a screen reader would hear it, with
# the page's (fake) time it happened.
HEAR_LIVE_REGIONS = """() => {
  window.__heard = [];
  const dialog = document.querySelector("#timeout-warning");
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      const node = mutation.target.nodeType === Node.ELEMENT_NODE
        ? mutation.target : mutation.target.parentElement;
      const region = node && node.closest("[aria-live]");
      if (region && region.textContent.trim()) {
        window.__heard.push({ at: Date.now(), text: region.textContent.trim() });
      }
    }
  }).observe(dialog, { subtree: true, childList: true, characterData: true });
}"""


def test_the_countdown_is_read_out_at_most_every_20_seconds(browsing, site):
    page = browsing.new_page()
    page.clock.install()  # the page's timers run when the test says
    SignInPage.open(page).sign_in(site.leader_email, site.leader_password)
    GovukPage(page).expect_heading("Assessments")
    warning = TimeoutWarning(page)
    idle, before = (
        int(warning.dialog.get_attribute(f"data-{name}-seconds")) for name in ("idle", "warning")
    )
    page.evaluate(HEAR_LIVE_REGIONS)

    # To two seconds before the sign-out, through the whole countdown.
    page.clock.run_for((idle - 2) * 1000)
    expect(warning.dialog).to_be_visible()

    heard = page.evaluate("window.__heard")
    assert heard, "the warning was never read out"
    assert "we will sign you out in 2 minutes" in heard[0]["text"]
    assert any("seconds" in said["text"] for said in heard), "the last minute was not read out"
    gaps = [later["at"] - earlier["at"] for earlier, later in pairwise(heard)]
    assert min(gaps, default=20_000) >= 20_000, f"read out again after {min(gaps)} ms: {heard[:3]}"
    assert len(heard) <= before // 20 + 1
