"""The accessibility statement GOV.UK services publish, one link away on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .pages import GovukPage, StartPage

pytestmark = pytest.mark.e2e
SECTIONS = [
    "How accessible this service is",
    "Feedback and contact information",
    "Reporting accessibility problems with this service",
    "Enforcement procedure",
    "Technical information about this service's accessibility",
    "Compliance status",
    "Non-accessible content",
    "How we tested this service",
    "Preparation of this accessibility statement",
]


def test_the_footer_of_every_page_links_to_the_accessibility_statement(no_js_page, site):
    StartPage.open(no_js_page, site.invitation)
    footer = no_js_page.get_by_role("contentinfo")
    statement = GovukPage(no_js_page)
    statement.follow(footer.get_by_role("link", name="Accessibility statement"))

    statement.expect_heading("Accessibility statement for Digital maturity self-assessment")
    headings = no_js_page.locator("main h2, main h3").all_inner_texts()
    assert [section for section in SECTIONS if section not in headings] == []
    main = no_js_page.get_by_role("main")
    expect(main).to_contain_text("Web Content Accessibility Guidelines version 2.2")
    expect(main).to_contain_text("Equality and Human Rights Commission (EHRC)")
    expect(main).to_contain_text("Equality Commission for Northern Ireland (ECNI)")
    expect(main).to_contain_text("axe-core")
    expect(main).to_contain_text("open-source")
