"""Page objects: what a person can see and do on each page, in the page's own words.

Tests say "choose Housing and save"; how that is found on the page lives here,
so a changed template is fixed in one place.
"""

from __future__ import annotations

import pyotp
from playwright.sync_api import Locator, Page, expect

# The test administrator's authenticator app.
AUTHENTICATOR_SECRET = pyotp.random_base32()
FRONTLINE = "Frontline or specialist staff (not managing a team)"
HOUSING = "Housing"


class GovukPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    @property
    def heading(self) -> str:
        return self.page.locator("h1").inner_text().strip()

    @property
    def error_summary(self) -> Locator:
        return self.page.locator(".govuk-error-summary")

    def error_links(self) -> list[str]:
        return [text.strip() for text in self.error_summary.locator("a").all_inner_texts()]

    def expect_heading(self, text: str) -> None:
        expect(self.page.locator("h1")).to_contain_text(text)

    def button(self, name: str) -> Locator:
        return self.page.get_by_role("button", name=name, exact=True)

    def link(self, name: str) -> Locator:
        return self.page.get_by_role("link", name=name, exact=True)

    def follow(self, control: Locator) -> None:
        """Clicks a link or submit button and waits for the next page to load."""
        control.click()
        self.page.wait_for_load_state()


# Officers


class StartPage(GovukPage):
    @classmethod
    def open(cls, page: Page, invitation: str) -> StartPage:
        page.goto(f"/s/{invitation}")
        return cls(page)

    def start_now(self) -> AboutYouPage:
        self.follow(self.page.get_by_role("button", name="Start now"))
        return AboutYouPage(self.page)

    def continue_with_resume_code(self) -> ResumePage:
        self.follow(self.link("Continue with your resume code"))
        return ResumePage(self.page)


class AboutYouPage(GovukPage):
    def choose(self, role: str = FRONTLINE, area: str = HOUSING) -> AboutYouPage:
        self._group("What is your role?").get_by_label(role, exact=True).check()
        self._group("Which service area do you mainly work in?").get_by_label(
            area, exact=True
        ).check()
        return self

    def save_and_continue(self) -> TaskListPage:
        self.follow(self.button("Save and continue"))
        return TaskListPage(self.page)

    def _group(self, legend: str) -> Locator:
        return self.page.get_by_role("group", name=legend)


class TaskListPage(GovukPage):
    def status(self, theme_title: str) -> str:
        item = self.page.locator(".govuk-task-list__item", has_text=theme_title)
        return item.locator(".govuk-task-list__status").inner_text().strip()

    def open_theme(self, theme_title: str) -> ThemePage:
        self.follow(self.link(theme_title))
        return ThemePage(self.page)

    def check_answers(self) -> CheckAnswersPage:
        self.follow(self.page.get_by_role("button", name="Check your answers"))
        return CheckAnswersPage(self.page)

    def come_back_later(self) -> SavedPage:
        self.follow(self.link("Get a link to come back later"))
        return SavedPage(self.page)


class ThemePage(GovukPage):
    @classmethod
    def open(cls, page: Page, invitation: str, theme_id: str) -> ThemePage:
        page.goto(f"/s/{invitation}/themes/{theme_id}")
        return cls(page)

    def question_ids(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "input[type=radio]", "inputs => [...new Set(inputs.map((input) => input.name))]"
        )

    def answer_all(self, level: str = "3") -> ThemePage:
        for question_id in self.question_ids():
            self.radio(question_id, level).check()
        return self

    def radio(self, question_id: str, value: str) -> Locator:
        return self.page.locator(f'input[type=radio][name="{question_id}"][value="{value}"]')

    def chosen(self, question_id: str) -> str | None:
        checked = self.page.locator(f'input[type=radio][name="{question_id}"]:checked')
        return checked.get_attribute("value") if checked.count() else None

    @property
    def comment(self) -> Locator:
        return self.page.get_by_label("Anything else you want to tell us about this theme?")

    def save_and_continue(self) -> None:
        self.follow(self.button("Save and continue"))

    def save_for_later(self) -> SavedPage:
        self.follow(self.button("Save and come back later"))
        return SavedPage(self.page)


class CheckAnswersPage(GovukPage):
    def answer_to(self, question_text: str) -> str:
        row = self.page.locator(".govuk-summary-list__row", has_text=question_text).first
        return row.locator(".govuk-summary-list__value").inner_text().strip()

    def submit(self) -> ConfirmationPage:
        self.follow(self.button("Submit your answers"))
        return ConfirmationPage(self.page)


class ConfirmationPage(GovukPage):
    @property
    def panel_title(self) -> str:
        return self.page.locator(".govuk-panel__title").inner_text().strip()


class SavedPage(GovukPage):
    @property
    def resume_code(self) -> str:
        return self.page.locator("#resume-code").inner_text().strip()

    @property
    def resume_link(self) -> str:
        return self.page.locator("#resume-link").get_attribute("href") or ""


class ResumePage(GovukPage):
    @classmethod
    def open(cls, page: Page, invitation: str) -> ResumePage:
        page.goto(f"/s/{invitation}/resume")
        return cls(page)

    def continue_with(self, code: str) -> TaskListPage:
        self.page.get_by_label("Resume code").fill(code)
        self.follow(self.button("Continue"))
        return TaskListPage(self.page)


class ResumeLinkPage(GovukPage):
    @classmethod
    def open(cls, page: Page, link: str) -> ResumeLinkPage:
        page.goto(link)
        return cls(page)

    def continue_(self) -> TaskListPage:
        self.follow(self.button("Continue"))
        return TaskListPage(self.page)


# Leaders and administrators


class SignInPage(GovukPage):
    @classmethod
    def open(cls, page: Page) -> SignInPage:
        page.goto("/auth/sign-in")
        return cls(page)

    def sign_in(self, email: str, password: str) -> AssessmentsPage:
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.follow(self.button("Sign in"))
        if self.page.url.endswith("/auth/security-code"):
            SecurityCodePage(self.page).enter(pyotp.TOTP(AUTHENTICATOR_SECRET).now())
        return AssessmentsPage(self.page)


class SecurityCodePage(GovukPage):
    def enter(self, code: str) -> None:
        self.page.get_by_label("Security code").fill(code)
        self.follow(self.button("Continue"))


class AssessmentsPage(GovukPage):
    @classmethod
    def open(cls, page: Page) -> AssessmentsPage:
        page.goto("/assessments")
        return cls(page)

    def open_assessment(self, title: str) -> AssessmentPage:
        self.follow(self.link(title))
        return AssessmentPage(self.page)

    def sign_out(self) -> None:
        self.follow(self.page.get_by_role("button", name="Sign out"))


class AssessmentPage(GovukPage):
    @classmethod
    def open(cls, page: Page, assessment_id: int) -> AssessmentPage:
        page.goto(f"/assessments/{assessment_id}")
        return cls(page)

    @property
    def copy_button(self) -> Locator:
        return self.page.locator(".app-copy-button")


class LeaderPage(GovukPage):
    """A page under an assessment, found by its path."""

    @classmethod
    def open(cls, page: Page, assessment_id: int, path: str) -> LeaderPage:
        page.goto(f"/assessments/{assessment_id}/{path}")
        return cls(page)


class CommentsPage(GovukPage):
    """The leaders' review of comments: held ones to release, any to hide."""

    @classmethod
    def open(cls, page: Page, assessment_id: int) -> CommentsPage:
        page.goto(f"/assessments/{assessment_id}/comments")
        return cls(page)

    def section(self, heading_start: str) -> str:
        return self.page.locator("h2", has_text=heading_start).inner_text().strip()

    def release_first(self) -> CommentsPage:
        self.follow(self.page.get_by_role("button", name="Release").first)
        return self

    def hide_first(self) -> GovukPage:
        self.follow(self.page.get_by_role("link", name="Hide").first)
        return GovukPage(self.page)


class ActionPlanPage(GovukPage):
    """The leaders' action plan: suggested steps to accept or drop, and their actions."""

    @classmethod
    def open(cls, page: Page, assessment_id: int) -> ActionPlanPage:
        page.goto(f"/assessments/{assessment_id}/actions")
        return cls(page)

    def accept_first(self) -> ActionPage:
        self.follow(self.page.get_by_role("button", name="Accept").first)
        return ActionPage(self.page)

    def drop_first(self) -> ActionPlanPage:
        self.follow(self.page.get_by_role("button", name="Drop").first)
        return self

    def action_rows(self) -> list[str]:
        return self.page.locator("#actions-caption ~ tbody tr").all_inner_texts()


class ActionPage(GovukPage):
    """One action's form: a suggestion accepted, a new action or one to change."""

    def fill(self, owner: str, day: str, month: str, year: str) -> None:
        self.page.get_by_label("Owner", exact=True).fill(owner)
        self.page.get_by_label("Day", exact=True).fill(day)
        self.page.get_by_label("Month", exact=True).fill(month)
        self.page.get_by_label("Year", exact=True).fill(year)

    def save(self) -> None:
        self.follow(self.button("Save action"))


class NotYetPage(GovukPage):
    """What every results page, download and the report show while an assessment is open."""

    HEADING = "Results appear when you close the assessment"

    @classmethod
    def open(cls, page: Page, assessment_id: int, path: str = "results") -> NotYetPage:
        page.goto(f"/assessments/{assessment_id}/{path}")
        return cls(page)


# Each results page: its title in the results navigation, and its path.
RESULTS_PAGES = {
    "Overview": "results",
    "Themes at a glance": "results/radar",
    "Scores and agreement": "results/themes",
    "Leaders and frontline": "results/perception",
    "Service areas": "results/silos",
    "Since the last round": "results/change",
}


class ResultsPage(GovukPage):
    @classmethod
    def open(cls, page: Page, assessment_id: int, path: str) -> ResultsPage:
        page.goto(f"/assessments/{assessment_id}/{path}")
        return cls(page)

    @property
    def charts(self) -> Locator:
        return self.page.locator("[data-app-chart]")

    @property
    def figures(self) -> Locator:
        return self.page.locator("figure.app-figure")

    def wait_for_charts(self) -> None:
        """Waits until plotly.js has drawn every chart on the page."""
        for chart in self.charts.all():
            expect(chart).to_be_visible()
            expect(chart.locator("svg.main-svg").first).to_be_attached()


class TimeoutWarning:
    """The dialog that warns a signed-in leader before an idle sign-out."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialog = page.locator("#timeout-warning")

    @property
    def stay_signed_in(self) -> Locator:
        return self.dialog.get_by_role("button", name="Stay signed in")

    @property
    def countdown(self) -> str:
        return self.dialog.locator(".app-timeout-dialog__countdown").inner_text()


# GOV.UK Frontend's focus state: the focus colour, as an outline, shadow or background.
_FOCUS_COLOUR = "rgb(255, 221, 0)"
_FOCUS_SHOWN = """(element) => {
  const styles = [getComputedStyle(element)];
  // A radio's focus ring is drawn by its label, around the circle.
  if (element.labels && element.labels.length) {
    styles.push(getComputedStyle(element.labels[0], "::before"));
  }
  return styles.some((style) =>
    (style.outlineStyle !== "none" && style.outlineColor === "%s") ||
    style.boxShadow.includes("%s") ||
    style.backgroundColor === "%s"
  );
}""" % ((_FOCUS_COLOUR,) * 3)
_DESCRIBE_FOCUS = """() => {
  const element = document.activeElement;
  return {
    tag: element.tagName.toLowerCase(),
    name: element.getAttribute("name") || "",
    type: element.getAttribute("type") || "",
    text: (element.innerText || element.value || "").trim().slice(0, 80),
    id: element.id,
  };
}"""


class KeyboardUser:
    """Someone using only the keyboard: Tab, arrows, Space and Enter, never the mouse."""

    MAX_TABS = 80

    def __init__(self, page: Page) -> None:
        self.page = page
        self.stops: list[dict] = []  # every element focus landed on, and whether it showed

    def focused(self) -> dict:
        return self.page.evaluate(_DESCRIBE_FOCUS)

    def focus_is_visible(self) -> bool:
        return self.page.evaluate(f"() => ({_FOCUS_SHOWN})(document.activeElement)")

    def tab_to(self, **wanted: str) -> dict:
        """Presses Tab until focus is on an element with these attributes."""
        for _ in range(self.MAX_TABS):
            self.page.keyboard.press("Tab")
            focused = self.focused()
            self.stops.append({**focused, "visible": self.focus_is_visible()})
            if all(focused.get(key) == value for key, value in wanted.items()):
                return focused
        raise AssertionError(f"Tab never reached an element with {wanted}; stops: {self.stops}")

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)

    def invisible_stops(self) -> list[dict]:
        return [stop for stop in self.stops if not stop["visible"]]


class ReportJobPage(GovukPage):
    """ "Preparing your report": what the report job is doing, then the file."""

    HEADING = "Preparing your report"

    @classmethod
    def asked_for(cls, page: Page, assessment_id: int) -> ReportJobPage:
        """The report link, followed while the report is not made yet."""
        page.goto(f"/assessments/{assessment_id}/report.pdf")
        made = cls(page)
        made.expect_heading(cls.HEADING)
        return made

    @property
    def status(self) -> Locator:
        return self.page.get_by_role("status")

    @property
    def check_again(self) -> Locator:
        return self.button("Check again")

    @property
    def report_link(self) -> Locator:
        return self.link("The report for cabinet (PDF)")

    def download_report(self) -> bytes:
        with self.page.expect_download() as download:
            self.report_link.click()
        return download.value.path().read_bytes()
