"""With JavaScript off, as in a locked-down browser: everything still works.

Officers answer, save, resume and submit; leaders sign in and out; every results
page shows each chart's table in place of the chart.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .pages import (
    RESULTS_PAGES,
    ActionPlanPage,
    AssessmentPage,
    AssessmentsPage,
    CheckAnswersPage,
    CommentsPage,
    GovukPage,
    LeaderPage,
    NotYetPage,
    ResultsPage,
    ResumeLinkPage,
    ResumePage,
    SignInPage,
    StartPage,
    ThemePage,
)

pytestmark = pytest.mark.e2e


def test_an_officer_answers_every_theme_and_submits_without_javascript(no_js_page, site):
    page = no_js_page
    about_you = StartPage.open(page, site.invitation).start_now()
    about_you.follow(about_you.button("Save and continue"))
    expect(about_you.error_summary).to_be_visible()  # refused, and told why

    tasks = about_you.choose().save_and_continue()
    assert tasks.status(site.theme_titles[0]) == "Not started"
    theme = tasks.open_theme(site.theme_titles[0])
    for number, title in enumerate(site.theme_titles):
        theme.expect_heading(title)
        theme.answer_all(str(number % 5 + 1))
        if number == 0:
            theme.comment.fill("Written with JavaScript off.")
        theme.save_and_continue()
        theme = ThemePage(page)

    check = CheckAnswersPage(page)
    check.expect_heading("Check your answers")
    values = page.locator(".govuk-summary-list__value")
    expect(values.filter(has_text="Not answered")).to_have_count(0)
    expect(values.filter(has_text="Written with JavaScript off.")).to_have_count(1)
    confirmation = check.submit()
    assert confirmation.panel_title == "Answers submitted"


def test_an_officer_saves_and_resumes_on_another_device_without_javascript(
    no_js_page, new_page, site
):
    tasks = StartPage.open(no_js_page, site.invitation).start_now().choose().save_and_continue()
    theme = tasks.open_theme(site.theme_titles[4])
    question = theme.question_ids()[0]
    theme.radio(question, "dk").check()
    saved = theme.save_for_later()
    code = saved.resume_code

    elsewhere = new_page(javascript=False)
    tasks = ResumePage.open(elsewhere, site.invitation).continue_with(code)
    assert tasks.status(site.theme_titles[4]) == "In progress"
    assert tasks.open_theme(site.theme_titles[4]).chosen(question) == "dk"

    by_link = ResumeLinkPage.open(new_page(javascript=False), saved.resume_link).continue_()
    assert by_link.status(site.theme_titles[4]) == "In progress"


def test_a_leader_signs_in_and_out_without_javascript(no_js_page, site):
    sign_in = SignInPage.open(no_js_page)
    expect(sign_in.button("Show password")).to_be_hidden()  # it needs JavaScript to work
    sign_in.sign_in(site.leader_email, "not the password")
    assert sign_in.error_links() == ["Enter a correct email address and password"]

    assessments = sign_in.sign_in(site.leader_email, site.leader_password)
    assessments.expect_heading("Assessments")
    assessment = AssessmentPage.open(no_js_page, site.assessment_id)
    expect(assessment.copy_button).to_be_hidden()  # copying needs JavaScript
    expect(no_js_page.locator("#timeout-warning")).to_be_hidden()
    other_council = no_js_page.goto(f"/assessments/{site.other_assessment_id}/results")
    assert other_council.status == 404  # another council's results are not even confirmed
    for path in ("results", "exports/results.csv", "exports/findings.csv", "report.pdf"):
        NotYetPage.open(no_js_page, site.open_assessment_id, path).expect_heading(
            NotYetPage.HEADING
        )
    AssessmentsPage(no_js_page).sign_out()
    GovukPage(no_js_page).expect_heading("You have signed out")


def test_a_leader_releases_a_held_comment_and_is_told_a_reason_is_needed_to_hide(no_js_page, site):
    SignInPage.open(no_js_page).sign_in(site.leader_email, site.leader_password)
    comments = CommentsPage.open(no_js_page, site.assessment_id)
    hide = comments.hide_first()
    hide.follow(hide.button("Hide comment"))
    assert hide.error_links() == ["Enter why you are hiding this comment"]
    comments = CommentsPage.open(no_js_page, site.assessment_id)
    assert comments.section("Held for review") == "Held for review: 1 comment"
    comments.release_first()
    assert comments.section("Held for review") == "Held for review: 0 comments"
    theme = ResultsPage.open(no_js_page, site.assessment_id, "results/themes/technology")
    expect(theme.page.get_by_text("ring Dave in IT on 01632 960123")).to_be_visible()


def test_a_leader_sets_a_target_without_javascript_and_reads_it_beside_the_score(no_js_page, site):
    SignInPage.open(no_js_page).sign_in(site.leader_email, site.leader_password)
    targets = LeaderPage.open(no_js_page, site.assessment_id, "targets")
    first_theme = site.theme_titles[0]
    box = no_js_page.get_by_label(first_theme, exact=True)
    box.fill("3.25")
    targets.follow(targets.button("Save targets"))
    assert targets.error_links() == [
        f"{first_theme}: enter the target with one decimal place at most, like 3.5"
    ]
    box.fill("3.5")
    targets.follow(targets.button("Save targets"))
    expect(box).to_have_value("3.5")
    themes = ResultsPage.open(no_js_page, site.assessment_id, "results/themes")
    table = themes.page.locator("#themes-table")
    expect(table.locator("thead")).to_contain_text("Target for the next round")
    expect(table.locator("tbody tr").first).to_contain_text("3.5")


def test_a_leader_accepts_and_drops_suggested_steps_and_dates_an_action_without_javascript(
    no_js_page, site
):
    SignInPage.open(no_js_page).sign_in(site.leader_email, site.leader_password)
    plan = ActionPlanPage.open(no_js_page, site.assessment_id)
    before = len(plan.action_rows())
    action = plan.accept_first()
    action.fill("Chief Executive", "1", "", "2027")
    action.save()
    assert action.error_links() == ["Due date must include a month"]
    action.fill("Chief Executive", "1", "9", "2027")
    action.save()
    plan = ActionPlanPage(no_js_page)
    plan.expect_heading("Action plan")
    rows = plan.action_rows()
    assert len(rows) == before + 1
    assert any("Chief Executive" in row and "1 September 2027" in row for row in rows)
    plan.drop_first()
    expect(no_js_page.get_by_text("The suggestion is dropped from the plan.")).to_be_visible()


def test_every_results_page_shows_its_tables_in_place_of_charts_without_javascript(
    no_js_page, site
):
    SignInPage.open(no_js_page).sign_in(site.leader_email, site.leader_password)
    paths = list(RESULTS_PAGES.values()) + [f"results/themes/{t}" for t in site.theme_ids]
    paths += [f"results/themes/{t}/questions" for t in site.theme_ids]
    for path in paths:
        results = ResultsPage.open(no_js_page, site.assessment_id, path)
        assert results.figures.count() >= 1, path
        for figure in results.figures.all():
            expect(figure.locator("[data-app-chart]")).to_be_hidden()
            expect(figure.locator("svg")).to_have_count(0)
            table = figure.locator("table")
            expect(table).to_be_visible()
            expect(table.locator("caption")).not_to_be_empty()
            assert table.locator("tbody tr").count() >= 1, path


def test_leaders_find_sign_in_and_officers_the_privacy_notice_without_javascript(no_js_page, site):
    no_js_page.goto("/")
    home = GovukPage(no_js_page)
    home.follow(no_js_page.get_by_role("navigation", name="Menu").get_by_role("link"))
    home.expect_heading("Sign in")

    no_js_page.goto("/")
    home.follow(no_js_page.locator(".govuk-footer").get_by_role("link", name="Cookies"))
    home.expect_heading("Cookies")
    home.follow(no_js_page.locator(".govuk-footer").get_by_role("link", name="Privacy"))
    home.expect_heading("Privacy notice")

    StartPage.open(no_js_page, site.invitation)
    home.follow(no_js_page.get_by_role("link", name="Read the privacy notice"))
    home.expect_heading("Privacy notice")
    expect(no_js_page.locator("main")).to_contain_text("is the data controller")


def test_a_leader_sets_the_date_and_publishes_and_an_officer_reads_it_without_javascript(
    no_js_page, site
):
    SignInPage.open(no_js_page).sign_in(site.leader_email, site.leader_password)
    date = LeaderPage.open(no_js_page, site.assessment_id, "results-date")
    for label, value in (("Day", "14"), ("Month", "3"), ("Year", "2099")):
        date.page.get_by_label(label).fill(value)
    date.follow(date.button("Save date"))
    expect(no_js_page.get_by_text("14 March 2099")).to_be_visible()
    StartPage.open(no_js_page, site.results_invitation)
    expect(no_js_page.get_by_text("Results will be shared by 14 March 2099.")).to_be_visible()

    preview = LeaderPage.open(no_js_page, site.assessment_id, "staff-page")
    preview.follow(preview.button("Publish the page for staff"))
    shared = StartPage.open(no_js_page, site.results_invitation)
    shared.expect_heading("You said, we're doing")
    expect(no_js_page.locator("#staff-themes-caption")).to_be_visible()
    assert no_js_page.locator("main table tbody tr").count() >= 1

    preview = LeaderPage.open(no_js_page, site.assessment_id, "staff-page")
    preview.follow(preview.button("Unpublish the page"))
    StartPage.open(no_js_page, site.results_invitation).expect_heading("closed")
