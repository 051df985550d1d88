"""Every results page: its interactive charts drawn by plotly.js under the real
Content Security Policy, without console errors, each announced as an image and
paired with its table; and no axe violations once the charts are drawn."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .pages import RESULTS_PAGES, ResultsPage, SignInPage

pytestmark = pytest.mark.e2e


def test_every_results_page_draws_its_charts_with_their_tables_and_no_violations(
    browsing, page, site, axe
):
    SignInPage.open(page).sign_in(site.leader_email, site.leader_password)
    pages = dict(RESULTS_PAGES)
    pages.update(
        (f"theme {title}", f"results/themes/{theme_id}")
        for theme_id, title in zip(site.theme_ids, site.theme_titles, strict=True)
    )
    pages.update(
        (f"questions of {title}", f"results/themes/{theme_id}/questions")
        for theme_id, title in zip(site.theme_ids, site.theme_titles, strict=True)
    )
    drawn = 0
    for name, path in pages.items():
        results = ResultsPage.open(page, site.assessment_id, path)
        results.wait_for_charts()
        assert results.figures.count() >= 1, path
        for figure in results.figures.all():
            chart = figure.locator("[data-app-chart]")
            expect(chart).to_have_attribute("role", "img")
            expect(chart).to_have_attribute("aria-label", re.compile(r"The table below shows"))
            assert chart.locator("svg.main-svg").count() >= 1, path
            # plotly.js's own rules, from static/assets/plotly.css now that the CSP
            # refuses the <style> element it would write: its layers sit on top of
            # each other only when they apply.
            layer = chart.locator("svg.main-svg").first
            assert layer.evaluate("e => getComputedStyle(e).position") == "absolute", path
            assert chart.locator("button, a[href]").count() == 0, "no controls in an image"
            table = figure.locator("table")
            expect(table).to_be_visible()
            assert table.locator("tbody tr").count() >= 1, path
            drawn += 1
        axe.check(page, f"results: {name}")

    assert drawn >= len(pages)
    # Console errors and CSP violations also fail any test as it ends; here they are the point.
    assert browsing.problems.found == [], "\n".join(browsing.problems.found)
    axe.assert_clean()
