"""axe-core on every page of the service, in the state a person reaches it: 0 violations.

Each test walks a journey and runs axe on each page it reaches (error states
too), then fails once, listing every violation by rule, page and element.
The results pages are checked in test_charts.py, once their charts are drawn.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .axe import AxeAudit, AxeLedger, axe_source
from .pages import (
    ActionPlanPage,
    AssessmentPage,
    CheckAnswersPage,
    CommentsPage,
    GovukPage,
    LeaderPage,
    NotYetPage,
    ResumeLinkPage,
    ResumePage,
    SignInPage,
    StartPage,
    ThemePage,
)

pytestmark = pytest.mark.e2e
TOO_LONG = "x" * 5001


def test_the_officer_journey_has_no_violations(page, site, axe):
    start = StartPage.open(page, site.invitation)
    axe.check(page, "officer: start")

    about_you = start.start_now()
    axe.check(page, "officer: about you")
    about_you.follow(about_you.button("Save and continue"))
    expect(about_you.error_summary).to_be_visible()
    axe.check(page, "officer: about you, with errors")
    tasks = about_you.choose().save_and_continue()
    axe.check(page, "officer: task list")
    tasks.check_answers().expect_heading("Check your answers")
    axe.check(page, "officer: check answers, with sections left")
    tasks.follow(tasks.link("Back to your self-assessment"))

    theme = tasks.open_theme(site.theme_titles[0])
    for number, title in enumerate(site.theme_titles, start=1):
        theme.expect_heading(title)
        axe.check(page, f"officer: theme {number} ({title})")
        theme.answer_all("2" if number % 2 else "dk")
        if number == 1:
            theme.comment.fill(TOO_LONG)
            theme.save_and_continue()
            expect(theme.error_summary).to_be_visible()
            axe.check(page, "officer: theme page, with errors")
            theme.comment.fill("Leaders talk about digital, and now they act on it.")
        theme.save_and_continue()
        theme = ThemePage(page)

    theme.expect_heading("Check your answers")
    axe.check(page, "officer: check answers")
    CheckAnswersPage(page).submit().expect_heading("Answers submitted")
    axe.check(page, "officer: confirmation")
    StartPage.open(page, site.invitation).expect_heading("You have already answered")
    axe.check(page, "officer: the link again, already answered")
    axe.assert_clean()


def test_saving_and_resuming_has_no_violations(page, new_page, site, axe):
    tasks = StartPage.open(page, site.invitation).start_now().choose().save_and_continue()
    theme = tasks.open_theme(site.theme_titles[2])
    saved = theme.answer_all("4").save_for_later()
    saved.expect_heading("Your answers have been saved")
    axe.check(page, "officer: answers saved, with resume link and code")
    code, link = saved.resume_code, saved.resume_link

    by_link = ResumeLinkPage.open(new_page(), link)
    axe.check(by_link.page, "officer: continue with a resume link")
    by_link.continue_().expect_heading("Your self-assessment")

    elsewhere = new_page()
    resume = ResumePage.open(elsewhere, site.invitation)
    axe.check(elsewhere, "officer: resume with a code")
    resume.follow(resume.button("Continue"))
    expect(resume.error_summary).to_be_visible()
    axe.check(elsewhere, "officer: resume with a code, with errors")
    resume.continue_with(code).expect_heading("Your self-assessment")
    axe.check(elsewhere, "officer: task list, welcomed back")
    axe.assert_clean()


def test_a_closed_assessment_has_no_violations(page, site, axe):
    StartPage.open(page, site.closed_invitation).expect_heading("closed")
    axe.check(page, "officer: closed assessment")
    axe.assert_clean()


def test_pages_for_everyone_have_no_violations(page, site, axe):
    for path, name in [
        ("/", "home"),
        ("/how-scores-work", "how scores work"),
        ("/accessibility", "accessibility statement"),
        ("/privacy", "privacy notice"),
        ("/cookies", "cookies"),
        (f"/s/{site.invitation}/privacy", "officer: the council's privacy notice"),
        ("/auth/signed-out", "signed out"),
        ("/no-such-page", "page not found"),
    ]:
        page.goto(path)
        axe.check(page, name)
    axe.assert_clean()


def test_sign_in_and_the_leader_pages_have_no_violations(page, site, axe):
    sign_in = SignInPage.open(page)
    axe.check(page, "leader: sign in")
    sign_in.follow(sign_in.button("Sign in"))
    expect(sign_in.error_summary).to_be_visible()
    axe.check(page, "leader: sign in, with errors")
    sign_in.sign_in(site.leader_email, "not the password")
    assert sign_in.error_links() == ["Enter a correct email address and password"]
    axe.check(page, "leader: sign in, wrong password")

    sign_in.sign_in(site.leader_email, site.leader_password).expect_heading("Assessments")
    axe.check(page, "leader: assessments")
    AssessmentPage.open(page, site.assessment_id)
    axe.check(page, "leader: an assessment")
    for path, name in [("progress", "progress"), ("exports", "downloads")]:
        LeaderPage.open(page, site.assessment_id, path)
        axe.check(page, f"leader: {name}")
    comments = CommentsPage.open(page, site.assessment_id)
    axe.check(page, "leader: review comments")
    hide = comments.hide_first()
    axe.check(page, "leader: hide a comment")
    hide.follow(hide.button("Hide comment"))
    expect(hide.error_summary).to_be_visible()
    axe.check(page, "leader: hide a comment, with errors")

    plan = ActionPlanPage.open(page, site.assessment_id)
    axe.check(page, "leader: action plan")
    action = plan.accept_first()
    axe.check(page, "leader: accept a suggested step")
    action.fill("Head of Digital", "31", "2", "2027")
    action.save()
    expect(action.error_summary).to_be_visible()
    axe.check(page, "leader: an action, with errors")
    action.fill("Head of Digital", "28", "2", "2027")
    action.save()
    axe.check(page, "leader: action plan with an action")

    AssessmentPage.open(page, site.open_assessment_id)
    axe.check(page, "leader: an open assessment")
    NotYetPage.open(page, site.open_assessment_id).expect_heading(NotYetPage.HEADING)
    axe.check(page, "leader: results before the assessment closes")

    headcounts = LeaderPage.open(page, site.assessment_id, "headcounts")
    axe.check(page, "leader: headcounts")
    by_area = page.get_by_role("group", name="People by service area")
    by_area.get_by_label("Housing", exact=True).fill("lots")
    headcounts.follow(headcounts.button("Save headcounts"))
    expect(headcounts.error_summary).to_be_visible()
    axe.check(page, "leader: headcounts, with errors")

    LeaderPage.open(page, site.assessment_id, "previous-round")
    axe.check(page, "leader: choose the previous round")

    targets = LeaderPage.open(page, site.assessment_id, "targets")
    axe.check(page, "leader: targets")
    page.get_by_label(site.theme_titles[0], exact=True).fill("5.5")
    targets.follow(targets.button("Save targets"))
    expect(targets.error_summary).to_be_visible()
    axe.check(page, "leader: targets, with errors")

    page.goto("/assessments/new")
    new = LeaderPage(page)
    axe.check(page, "leader: create an assessment")
    new.follow(new.button("Create assessment"))
    expect(new.error_summary).to_be_visible()
    axe.check(page, "leader: create an assessment, with errors")

    page.goto("/account/password")
    password = LeaderPage(page)
    axe.check(page, "leader: change password")
    password.follow(password.button("Change password"))
    expect(password.error_summary).to_be_visible()
    axe.check(page, "leader: change password, with errors")
    page.goto("/auth/set-up-authenticator")
    axe.check(page, "leader: set up an authenticator app")
    axe.assert_clean()


def test_the_results_date_and_the_staff_page_have_no_violations(page, site, axe):
    SignInPage.open(page).sign_in(site.leader_email, site.leader_password)
    date = LeaderPage.open(page, site.assessment_id, "results-date")
    axe.check(page, "leader: when results will be shared")
    date.page.get_by_label("Month").fill("13")
    date.follow(date.button("Save date"))
    expect(date.error_summary).to_be_visible()
    axe.check(page, "leader: when results will be shared, with errors")
    preview = LeaderPage.open(page, site.assessment_id, "staff-page")
    axe.check(page, "leader: the staff page, before publishing")
    preview.follow(preview.button("Publish the page for staff"))
    axe.check(page, "leader: the staff page, published")
    StartPage.open(page, site.results_invitation).expect_heading("You said, we're doing")
    axe.check(page, "officer: the published staff page")
    preview = LeaderPage.open(page, site.assessment_id, "staff-page")
    preview.follow(preview.button("Unpublish the page"))
    StartPage.open(page, site.results_invitation).expect_heading("closed")
    axe.check(page, "officer: the link after close, results not shared yet")
    axe.assert_clean()


def test_the_admin_pages_have_no_violations(page, site, axe):
    SignInPage.open(page).sign_in(site.admin_email, site.admin_password)
    admin = GovukPage(page)
    page.goto("/admin/councils")
    axe.check(page, "admin: councils")
    admin.follow(admin.button("Create council"))
    expect(admin.error_summary).to_be_visible()
    axe.check(page, "admin: councils, with errors")

    page.goto(f"/admin/councils/{site.council_id}")
    axe.check(page, "admin: a council")
    admin.follow(admin.button("Create leader account"))
    expect(admin.error_summary).to_be_visible()
    axe.check(page, "admin: a council, with errors")

    page.goto(f"/admin/councils/{site.council_id}/privacy")
    axe.check(page, "admin: privacy details")
    page.get_by_label("Data controller").fill("x" * 1001)
    admin.follow(admin.button("Save privacy details"))
    expect(admin.error_summary).to_be_visible()
    axe.check(page, "admin: privacy details, with errors")

    # A leader's reset link, and removing a leader asks first.
    page.goto(f"/admin/councils/{site.other_council_id}")
    admin.follow(page.locator("main form[action$='/reset-link'] button").first)
    axe.check(page, "admin: a reset link")
    page.goto(f"/admin/councils/{site.other_council_id}")
    admin.follow(page.locator("main form[action$='/remove'] button").first)
    expect(page.locator("h1")).to_contain_text("Are you sure")
    axe.check(page, "admin: remove a leader?")

    # Deleting asks first: the confirmation pages (nothing is deleted here).
    page.goto(f"/admin/councils/{site.other_council_id}")
    admin.follow(page.locator("main form[action$='/delete'] button").first)
    expect(page.locator("h1")).to_contain_text("Are you sure")
    axe.check(page, "admin: delete an assessment?")
    page.goto(f"/admin/councils/{site.other_council_id}/delete")
    expect(page.locator("h1")).to_contain_text("Are you sure")
    axe.check(page, "admin: delete a council?")

    page.goto("/assessments")
    axe.check(page, "admin: assessments of every council")
    page.goto("/assessments/new")
    axe.check(page, "admin: create an assessment for any council")
    axe.assert_clean()


def test_a_violation_is_reported_with_its_rule_page_and_element(page, site):
    audit = AxeAudit(axe_source(), AxeLedger())  # a ledger of its own: broken on purpose
    page.goto("/")
    page.evaluate(
        """() => {
          const box = document.createElement("input");
          box.id = "unlabelled";
          document.querySelector("main").append(box);
        }"""
    )
    audit.check(page, "home, with an unlabelled box added")
    with pytest.raises(AssertionError) as failure:
        audit.assert_clean()
    report = str(failure.value)
    assert "label (critical) on home, with an unlabelled box added" in report
    assert f"{site.url}/\n" in report
    assert 'element #unlabelled: <input id="unlabelled">' in report
