"""A leader asks for the report and watches it being prepared: without JavaScript by
"Check again", with JavaScript by the page updating itself; then the file. Charts are
drawn by a stand-in here (test_charts.py and the PDF's own tests draw real ones)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from assessment.reports import chart_export
from assessment.services import report_jobs

from ..integration.report_job_fakes import FastExporter
from .pages import ReportJobPage, SignInPage

pytestmark = pytest.mark.e2e


@pytest.fixture
def exporter(site, monkeypatch, tmp_path):
    # No report made yet for this test; its charts drawn at once, once let go.
    monkeypatch.setitem(site.server.app.config, "REPORT_CACHE_DIR", str(tmp_path))
    fast = FastExporter().held()
    monkeypatch.setattr(chart_export, "exporter", lambda: fast)
    yield fast
    fast.hold.set()


def test_without_javascript_check_again_leads_to_the_file(no_js_page, site, exporter):
    SignInPage.open(no_js_page).sign_in(site.leader_email, site.leader_password)
    job = ReportJobPage.asked_for(no_js_page, site.assessment_id)
    assert exporter.drawing.wait(60)
    job.follow(job.check_again)
    expect(job.status).to_contain_text("Drawing charts (")
    exporter.hold.set()
    for _ in range(120):  # a person pressing the button now and then
        if job.report_link.count():
            break
        no_js_page.wait_for_timeout(500)
        job.follow(job.check_again)
    expect(job.status).to_have_text("Your report is ready")
    assert job.download_report().startswith(b"%PDF")


def test_with_javascript_the_page_updates_itself(page, site, exporter, axe):
    SignInPage.open(page).sign_in(site.leader_email, site.leader_password)
    job = ReportJobPage.asked_for(page, site.assessment_id)
    expect(job.check_again).to_be_hidden()  # the page asks for itself
    expect(job.status).to_contain_text("Drawing charts (", timeout=60_000)
    axe.check(page, "leader: preparing the report")
    exporter.hold.set()
    expect(job.report_link).to_be_visible(timeout=120_000)
    expect(job.status).to_have_text("Your report is ready")
    axe.check(page, "leader: the report is ready")
    assert job.download_report().startswith(b"%PDF")
    axe.assert_clean()


def test_a_failed_report_says_so_and_try_again_makes_it(page, site, exporter, monkeypatch, axe):
    def crash(html):
        raise OSError("the PDF renderer was killed")

    exporter.hold.set()
    SignInPage.open(page).sign_in(site.leader_email, site.leader_password)
    with monkeypatch.context() as patch:
        patch.setattr(report_jobs, "render_pdf", crash)
        job = ReportJobPage.asked_for(page, site.assessment_id)
        # The page reloads itself on failure, to offer "Try again" with its form's token.
        expect(job.button("Try again")).to_be_visible(timeout=120_000)
    expect(job.status).to_have_text("Your report could not be prepared")
    axe.check(page, "leader: the report could not be prepared")
    job.follow(job.button("Try again"))
    expect(job.report_link).to_be_visible(timeout=120_000)
    assert job.download_report().startswith(b"%PDF")
    axe.assert_clean()
