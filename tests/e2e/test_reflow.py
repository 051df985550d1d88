"""WCAG 1.4.10 Reflow: at 320 CSS pixels wide (1280 zoomed to 400%) nothing
scrolls sideways except data tables, inside their own scrolling box."""

from __future__ import annotations

import pytest

from .pages import LeaderPage, ResultsPage, SignInPage, StartPage

pytestmark = pytest.mark.e2e
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_pages_reflow_at_400_percent_zoom(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    wide = {}
    tasks = StartPage.open(page, site.invitation).start_now().choose().save_and_continue()
    wide["task list"] = page.evaluate(OVERFLOW)
    tasks.open_theme(site.theme_titles[0])
    wide["theme page"] = page.evaluate(OVERFLOW)
    page.goto("/how-scores-work")
    wide["how scores work"] = page.evaluate(OVERFLOW)
    SignInPage.open(page).sign_in(site.leader_email, site.leader_password)
    wide["assessments"] = page.evaluate(OVERFLOW)
    LeaderPage.open(page, site.assessment_id, "progress")
    wide["progress"] = page.evaluate(OVERFLOW)
    for path in ("results", "results/silos", f"results/themes/{site.theme_ids[0]}"):
        ResultsPage.open(page, site.assessment_id, path).wait_for_charts()
        wide[path] = page.evaluate(OVERFLOW)
    assert {name: pixels for name, pixels in wide.items() if pixels > 0} == {}
