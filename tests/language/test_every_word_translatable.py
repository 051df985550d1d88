"""Every word a person reads can be translated into Welsh.

The site is served in a pretend Welsh (tests/language/pseudo_welsh.py) and
walked as an officer, a leader and an administrator: each page's text must
be translated or be data, and the page must say which language it is in.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections import deque
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

import pyotp
import pytest
from babel.dates import get_month_names
from werkzeug.security import generate_password_hash

from assessment import create_app, demo
from assessment.bank import bank_of, current_bank, shelf
from assessment.storage import accounts, assessments, councils, database, snapshots
from assessment.storage.base import db

from ..conftest import TEST_SECRET_KEY
from ..page_checks import CheckedClient, csrf_token
from .pseudo_welsh import OPEN, build_catalogue, untranslated

ADMIN_EMAIL = "admin@example.org"
PASSWORD = "a-long-test-password"
OTHER_COUNCIL = "Otherton Council"
OFFICERS_TITLE = "Officers' assessment"
CLOSED_TITLE = "Spring 2025"
TYPED = "A comment typed by an officer"
TOO_LONG = "x" * 20_000
# Links the walk does not follow: files, and the language switch itself.
NOT_PAGES = re.compile(r"\.(csv|xlsx|json|pdf)$|[?&]lang=|^/static/")


@dataclasses.dataclass
class Site:
    app: object
    data: set[str]
    demo_assessment_id: int
    open_assessment_id: int
    invitation: str
    closed_invitation: str


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[Site]:
    translations = build_catalogue(tmp_path_factory.mktemp("translations"))
    database_file = tmp_path_factory.mktemp("db") / "welsh.db"
    app = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SECRET_KEY": TEST_SECRET_KEY,
            "SESSION_COOKIE_SECURE": False,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database_file}",
            "BASE_URL": "http://localhost",
            "LANGUAGES": ["en", "cy"],
            "BABEL_TRANSLATION_DIRECTORIES": str(translations),
            "REPORT_CACHE_DIR": str(tmp_path_factory.mktemp("reports")),
        }
    )
    app.test_client_class = CheckedClient
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        bank = current_bank()
        demo.load_demo(shelf())
        council = councils.council_by_slug(demo.COUNCIL_SLUG)
        officers = assessments.create_assessment(council, OFFICERS_TITLE, 5, bank.version)
        # So the officer's confirmation page says when results will be shared.
        assessments.set_results_shared_on(officers, date(2099, 3, 14))
        closed = assessments.create_assessment(council, CLOSED_TITLE, 5, bank.version)
        assessments.set_status(closed, "closed")
        accounts.create_user(ADMIN_EMAIL, generate_password_hash(PASSWORD), "admin", None)
        other = councils.create_council("otherton", OTHER_COUNCIL)
        assessments.create_assessment(other, "Otherton 2026", 5, bank.version)
        demo_assessment = next(
            a for a in assessments.assessments_for(council) if a.title == demo.ASSESSMENT_TITLE
        )
        # The results round follows the previous one, so its page shows last round's targets.
        previous = [
            a for a in assessments.assessments_for(council) if a.title == demo.PREVIOUS_TITLE
        ]
        if previous and demo_assessment.previous_assessment_id is None:
            demo_assessment.previous_assessment_id = previous[0].id
        database.commit()
        site = Site(
            app,
            _data(shelf().banks),
            demo_assessment.id,
            officers.id,
            officers.invitation_token,
            closed.invitation_token,
        )
    yield site
    with app.app_context():
        db.engine.dispose()


def _data(banks) -> set[str]:
    """What pages show that is data, not our words: every bank's text (the demo's
    previous round was made with the first), names, typed text."""
    words = {
        demo.COUNCIL_NAME,
        demo.ASSESSMENT_TITLE,
        demo.OPEN_TITLE,
        demo.PREVIOUS_TITLE,
        demo.LEADER_EMAIL,
        ADMIN_EMAIL,
        OTHER_COUNCIL,
        OFFICERS_TITLE,
        CLOSED_TITLE,
        "Otherton 2026",
        TYPED,
        TOO_LONG,
        "exampleshire",
        "otherton",
        "session",  # the cookie's name, which the cookies page gives as it is
    }
    for bank in banks:
        words.update(_strings_in(bank))
    # Babel's own Welsh: month names in dates, and each language's name for itself.
    words.update(get_month_names("wide", locale="cy").values())
    words.update(("English", "Cymraeg"))
    words.update(c for comments in demo.COMMENTS.values() for c in comments)
    # The demo's actions, typed by its leaders.
    words.update(
        text for action in demo.PREVIOUS_ACTIONS for text in action[:5] if isinstance(text, str)
    )
    return words


def _strings_in(thing) -> Iterator[str]:
    if isinstance(thing, str):
        yield thing
    elif dataclasses.is_dataclass(thing):
        for field in dataclasses.fields(thing):
            yield from _strings_in(getattr(thing, field.name))
    elif isinstance(thing, dict):
        for value in thing.values():
            yield from _strings_in(value)
    elif isinstance(thing, list | tuple | set | frozenset):
        for item in thing:
            yield from _strings_in(item)


class Reader:
    """Someone reading the site in (pretend) Welsh, noting every untranslated word."""

    def __init__(self, site: Site):
        self.site = site
        self.client = site.app.test_client()
        self.problems: list[str] = []
        self.pages_read: list[str] = []  # pages (not redirects) whose words were checked
        self.client.get("/?lang=cy")

    def read(self, response, url: str):
        html = response.get_data(as_text=True)
        if response.mimetype == "text/html":
            if not 300 <= response.status_code < 400:
                self.pages_read.append(url)
            if 'lang="cy"' not in html[:300]:
                self.problems.append(f"{url}: <html> does not say lang=cy")
            self.problems += [f"{url} {p}" for p in untranslated(html, self.site.data)]
        return html

    def get(self, url: str, **kwargs) -> str:
        return self.read(self.client.get(url, **kwargs), url)

    def post(self, url: str, data: dict, form_page: str | None = None) -> str:
        token = csrf_token(self.client.get(form_page or url).get_data(as_text=True))
        response = self.client.post(url, data={"csrf_token": token, **data}, follow_redirects=True)
        return self.read(response, url)

    def sign_in(self, email: str, password: str) -> None:
        self.post("/auth/sign-in", {"email": email, "password": password})

    def walk(self, start: str) -> int:
        """Read every page reachable by links from start; how many answered with a page."""
        already = len(self.pages_read)
        seen, queue = {start}, deque([start])
        while queue:
            url = queue.popleft()
            html = self.get(url)
            for href in re.findall(r'href="([^"#]*)', html):
                path = urlsplit(href.replace("&amp;", "&"))
                link = path.path + (f"?{path.query}" if path.query else "")
                if path.netloc not in ("", "localhost") or not link.startswith("/"):
                    continue
                if NOT_PAGES.search(link) or link in seen:
                    continue
                seen.add(link)
                queue.append(link)
        return len(self.pages_read) - already

    def assert_read(self, *urls: str) -> None:
        """Each of these answered with a page, so its words were checked."""
        missed = set(urls) - set(self.pages_read)
        assert not missed, f"never read (no page, or a redirect): {sorted(missed)}"

    def assert_all_translated(self):
        assert self.pages_read, "no page was read, so no word was checked"
        assert not self.problems, "Not translatable:\n" + "\n".join(self.problems)


def test_pages_for_everyone(site):
    reader = Reader(site)
    pages = ("/", "/how-scores-work", "/accessibility", "/privacy", "/cookies", "/auth/sign-in")
    for url in (*pages, "/no-such-page"):
        reader.get(url)
    reader.post("/auth/sign-in", {"email": "", "password": ""})
    reader.post("/auth/sign-in", {"email": "nobody@example.org", "password": "wrong"})
    reader.assert_read(*pages)
    reader.assert_all_translated()


def test_the_officer_journey(site):
    reader = Reader(site)
    base = f"/s/{site.invitation}"
    reader.get(base)
    reader.get(f"{base}/privacy")
    reader.get(f"{base}/about-you")
    reader.post(f"{base}/about-you", {})
    reader.post(f"{base}/about-you", {"role_tier": "frontline", "service_area": "housing"})
    with site.app.app_context():
        themes = current_bank().themes
    for theme in themes:
        reader.get(f"{base}/themes/{theme.id}")
    first = themes[0]
    reader.post(f"{base}/themes/{first.id}", {"comment": TOO_LONG, "save_and_continue": "y"})
    answers = {q.id: "3" for q in first.questions}
    saved = reader.post(
        f"{base}/themes/{first.id}", {**answers, "comment": TYPED, "save_for_later": "y"}
    )
    resume_link = re.search(r'href="http://localhost(/resume/[^"]+)"', saved).group(1)
    reader.get(resume_link)
    reader.post(resume_link, {})
    reader.get(f"{base}/check")
    reader.get(f"{base}/resume")
    reader.post(f"{base}/resume", {"code": ""})
    reader.post(f"{base}/resume", {"code": "WRONG-CODE"})
    # Not finished: check answers offers no button, and refuses a forged submit.
    reader.post(f"{base}/check", {}, form_page=f"{base}/about-you")
    for theme in themes[1:]:
        rest = {q.id: "dk" for q in theme.questions}
        reader.post(f"{base}/themes/{theme.id}", {**rest, "save_and_continue": "y"})
    reader.post(f"{base}/check", {})
    reader.get(f"{base}/check")
    already_answered = reader.get(base)
    assert f"{base}/about-you" not in already_answered  # submitted: no second start
    reader.get(f"/s/{site.closed_invitation}")
    themes_read = [f"{base}/themes/{theme.id}" for theme in themes]
    reader.assert_read(base, f"{base}/privacy", f"{base}/about-you", *themes_read, f"{base}/check")
    reader.assert_read(resume_link, f"{base}/resume", f"/s/{site.closed_invitation}")
    reader.assert_all_translated()


def test_the_leader_pages(site):
    reader = Reader(site)
    reader.sign_in(demo.LEADER_EMAIL, demo.LEADER_PASSWORD)
    pages = reader.walk("/assessments")
    assert pages > 20
    shown = f"/assessments/{site.demo_assessment_id}"
    reader.assert_read(
        *(f"{shown}/{page}" for page in ("results", "results/themes/culture", "progress")),
        f"{shown}/results/themes/culture/questions",
        *(f"{shown}/{page}" for page in ("exports", "headcounts", "comments", "targets")),
        f"{shown}/results/themes",
    )
    # The comments filtered by a word: matches, one match, none, and a word too long.
    culture = f"{shown}/results/themes/culture"
    for word in ("the", "triage", "broadband", "x" * 101):
        reader.get(culture, query_string={"word": word})
    # An open assessment links to no results; read what its results addresses say.
    for path in (
        "results",
        "results/themes/culture",
        "results/themes/culture/questions",
        "exports/results.csv",
        "exports/findings.csv",
        "report.pdf",
    ):
        reader.get(f"/assessments/{site.open_assessment_id}/{path}")
    reader.post("/assessments/new", {"title": "", "anonymity_threshold": "1"})
    headcounts = f"/assessments/{site.demo_assessment_id}/headcounts"
    reader.post(headcounts, {"housing": "-4"})
    # A previous round that cannot be (not one of the council's): its error message.
    reader.post(f"/assessments/{site.demo_assessment_id}/previous-round", {"previous": "0"})
    # Every way a target is refused; then the demo's own targets saved again, unchanged.
    targets = f"{shown}/targets"
    reader.post(targets, {"theme__leadership": "9", "theme__culture": "3.25", "theme__risk": "x"})
    reader.post(targets, {f"theme__{t}": f"{n / 10:.1f}" for t, n in demo.TARGETS.items()})
    review = f"/assessments/{site.demo_assessment_id}/comments"
    [ref] = re.findall(r"/comments/([0-9a-f]{24})/release", reader.get(review))
    reader.post(f"{review}/{ref}/hide", {"reason": ""})
    reader.post(f"{review}/{ref}/release", {}, review)
    reader.post(f"{review}/{ref}/release", {}, review)  # no longer held: refused
    reader.get("/admin/councils")  # not theirs: the refusal is translated too
    _the_action_plan(reader, shown)
    reader.assert_all_translated()


def test_the_date_results_are_shared_and_the_staff_page(site):
    reader = Reader(site)
    reader.sign_in(demo.LEADER_EMAIL, demo.LEADER_PASSWORD)
    shown = f"/assessments/{site.demo_assessment_id}"
    with site.app.app_context():
        invitation = f"/s/{assessments.assessment_by_id(site.demo_assessment_id).invitation_token}"
    reader.get(invitation)  # closed, no date yet
    for typed in (["31", "2", "2099"], ["1", "", ""], ["1", "1", "2001"]):
        reader.post(f"{shown}/results-date", {"results_shared_on": typed})
    reader.post(f"{shown}/results-date", {"results_shared_on": ["14", "3", "2099"]})
    reader.get(invitation)  # "by" the date
    reader.post("/assessments/new", {"title": "x", "results_shared_on": ["1", "13", "2099"]})
    opened = f"/assessments/{site.open_assessment_id}"
    reader.post(f"{opened}/close", {"results_shared_on": ["x", "1", "2099"]}, opened)
    reader.get(f"{opened}/staff-page")  # not closed: nothing to publish yet
    reader.get(f"{shown}/staff-page")
    reader.post(f"{shown}/staff-page/publish", {}, f"{shown}/staff-page")
    assert 'id="staff-themes-caption"' in reader.get(invitation)  # the published page
    reader.post(f"{shown}/staff-page/unpublish", {}, f"{shown}/staff-page")
    reader.assert_read(f"{shown}/staff-page", f"{shown}/results-date", invitation)
    reader.assert_all_translated()


def _the_action_plan(reader: Reader, shown: str) -> None:
    """Errors, an action in every status, a suggestion dropped, and where they show."""
    plan = f"{shown}/actions"
    reader.post(f"{plan}/new", {"title": "", "due": "31", "status": "finished"})
    reader.post(f"{plan}/new", {"title": "x", "due": ["31", "2", "2027"], "theme_id": "no"})
    # Titles a leader typed are theirs, in any language: these are no English words.
    for n, status in enumerate(("planned", "in_progress", "done", "dropped")):
        reader.post(f"{plan}/new", {"title": f"A-{n}", "status": status, "theme_id": "culture"})
    page = reader.get(plan)
    [first, *_] = re.findall(r"/actions/new\?suggestion=(step-\d+)", page)
    reader.post(f"{plan}/suggestions/{first}/drop", {}, plan)
    for action_id in sorted(set(re.findall(r"/actions/(\d+)\"", page))):
        reader.get(f"{plan}/{action_id}")
    reader.get(f"{shown}/results")
    reader.assert_read(plan, f"{plan}/new")


def test_the_findings_download_stays_english_like_every_export(site):
    reader = Reader(site)
    reader.sign_in(demo.LEADER_EMAIL, demo.LEADER_PASSWORD)
    url = f"/assessments/{site.demo_assessment_id}/exports/findings.csv"
    text = reader.client.get(url).get_data(as_text=True).lstrip("\ufeff")
    findings = [row["finding"] for row in csv.DictReader(io.StringIO(text))]
    assert findings, "the demo has findings to check"
    assert not [f for f in findings if OPEN in f], "exports are English (ADR 0005)"
    # The page that led there was in Welsh, so the English is chosen, not a default.
    assert OPEN in reader.get(f"/assessments/{site.demo_assessment_id}/results")


def test_the_admin_pages(site):
    reader = Reader(site)
    reader.sign_in(ADMIN_EMAIL, PASSWORD)  # to the authenticator app's set-up page
    set_up = "/auth/set-up-authenticator"
    reader.post(set_up, {"code": "000000"})
    page = reader.get(set_up)
    secret = re.search(r'id="authenticator-key"><code>([A-Z2-7 ]+)<', page)[1].replace(" ", "")
    reader.post(set_up, {"code": pyotp.TOTP(secret).now()})  # the recovery codes
    pages = reader.walk("/admin/councils")
    assert pages > 5
    reader.post("/admin/councils", {"name": "", "slug": "Not A Slug"})
    with site.app.app_context():
        leader = accounts.user_by_email(demo.LEADER_EMAIL)
        council_page = f"/admin/councils/{leader.council_id}"
        leader_id = leader.id
    privacy = f"{council_page}/privacy"
    reader.post(privacy, {"controller": TOO_LONG, "contact": ""})
    reader.post(privacy, {"controller": "", "contact": ""})  # unset: the notice's own words
    reader.get(f"/s/{site.invitation}/privacy")
    reader.post(f"/admin/leaders/{leader_id}/reset-link", {}, council_page)
    reader.post(f"/admin/leaders/{leader_id}/remove", {}, council_page)  # asks first
    reader.post(f"/admin/leaders/{leader_id}/disable", {}, council_page)
    reader.post(f"/admin/leaders/{leader_id}/enable", {}, council_page)
    reader.assert_read(set_up, "/admin/councils", council_page, privacy, f"{council_page}/delete")
    reader.assert_all_translated()


def test_the_account_pages(site):
    reader = Reader(site)
    reader.sign_in(demo.LEADER_EMAIL, demo.LEADER_PASSWORD)
    reader.post("/account/password", {"current_password": "wrong", "new_password": "aaa"})
    with site.app.app_context():
        token = accounts.new_reset_link(accounts.user_by_email(demo.LEADER_EMAIL))
        database.commit()
    reader.post(f"/auth/reset/{token}", {"new_password": "aaaaaaaaaaaa"})
    reader.get("/auth/reset/not-a-link")
    reader.post("/auth/security-code", {"code": "1"}, "/auth/sign-in")
    reader.post("/auth/sign-out", {}, "/assessments")
    reader.sign_in(ADMIN_EMAIL, PASSWORD)  # set up in the test above, or not yet
    reader.post("/auth/security-code", {"code": "000000"})
    reader.assert_read("/account/password", f"/auth/reset/{token}", "/auth/security-code")
    reader.assert_all_translated()


def test_the_report_for_cabinet(site):
    from assessment.services.report import report_html

    with site.app.test_request_context("/", headers={"Accept-Language": "cy"}):
        assessment = assessments.assessment_by_id(site.demo_assessment_id)
        html, _ = report_html(bank_of(assessment), assessment, snapshots.stored(assessment))
    problems = untranslated(html, site.data)
    assert 'lang="cy"' in html
    assert not problems, "Not translatable:\n" + "\n".join(problems)


def test_the_summary_for_councillors(site):
    from assessment.services.report import councillors_html

    with site.app.test_request_context("/", headers={"Accept-Language": "cy"}):
        assessment = assessments.assessment_by_id(site.demo_assessment_id)
        html, _ = councillors_html(bank_of(assessment), assessment, snapshots.stored(assessment))
    problems = untranslated(html, site.data)
    assert 'lang="cy"' in html
    assert not problems, "Not translatable:\n" + "\n".join(problems)


def test_preparing_the_report_in_welsh(site, monkeypatch, tmp_path):
    """ "Preparing your report" as it runs, once done, failed, and with its queue gone."""
    from assessment.reports import chart_export
    from assessment.services import report_jobs

    from ..integration.report_job_fakes import FastExporter
    from ..report_jobs_helper import wait_for_job

    exporter = FastExporter().held()
    monkeypatch.setattr(chart_export, "exporter", lambda: exporter)
    reader = Reader(site)
    reader.sign_in(demo.LEADER_EMAIL, demo.LEADER_PASSWORD)
    link = f"/assessments/{site.demo_assessment_id}/report.pdf"
    job_page = reader.client.get(link).headers["Location"]
    assert exporter.drawing.wait(60)
    reader.get(job_page)  # drawing charts, with "Check again"
    status = reader.client.get(f"{job_page}/status").get_json()
    assert status["status"].startswith(OPEN), status
    exporter.hold.set()
    assert wait_for_job(reader.client, job_page)["state"] == "done"
    reader.get(job_page)  # the links to the documents

    def crash(html):
        raise OSError("killed")

    with monkeypatch.context() as patch:
        patch.setattr(report_jobs, "render_pdf", crash)
        reader.post(f"{job_page}/retry", {}, job_page)
        assert wait_for_job(reader.client, job_page)["state"] == "failed"
    reader.get(job_page)  # "Try again"
    with monkeypatch.context() as patch:
        patch.setitem(site.app.config, "REDIS_URL", "redis://127.0.0.1:1/0")  # nothing there
        patch.setitem(site.app.config, "REPORT_CACHE_DIR", str(tmp_path))  # none made yet
        reader.get(link)
    reader.assert_read(job_page, link)
    reader.assert_all_translated()


def test_english_is_the_language_unless_another_is_chosen(site):
    client = site.app.test_client()
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)
    welsh = client.get("/", headers={"Accept-Language": "cy, en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="cy"' in welsh


def test_the_footer_offers_the_other_language_in_its_own_name(site):
    client = site.app.test_client()
    english = client.get("/how-scores-work").get_data(as_text=True)
    assert 'href="?lang=cy" lang="cy" hreflang="cy">Cymraeg</a>' in english
    welsh = client.get("/how-scores-work?lang=cy").get_data(as_text=True)
    assert '<html lang="cy"' in welsh
    assert 'href="?lang=en" lang="en" hreflang="en">English</a>' in welsh
    # The choice lasts the session.
    assert '<html lang="cy"' in client.get("/").get_data(as_text=True)


def test_a_round_made_with_a_bank_not_installed(site):
    # Last, so the walks above never meet these rounds.
    with site.app.app_context():
        council = councils.council_by_slug(demo.COUNCIL_SLUG)
        closed = assessments.create_assessment(council, CLOSED_TITLE, 5, "2025.9")
        assessments.set_status(closed, "closed")
        answering = assessments.create_assessment(council, OFFICERS_TITLE, 5, "2025.9")
        database.commit()
        results, invitation = f"/assessments/{closed.id}/results", answering.invitation_token
    reader = Reader(site)
    reader.get(f"/s/{invitation}")
    reader.sign_in(demo.LEADER_EMAIL, demo.LEADER_PASSWORD)
    reader.get(results)
    reader.assert_read(f"/s/{invitation}", results)
    reader.assert_all_translated()
