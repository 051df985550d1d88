"""Random and malicious posts to every form route: never a server error, and an
officer's answers change only when a valid post changes them.

The routes come from the app's URL map, so a new form is covered the day it lands.
Each post carries a valid CSRF token and session, so the form itself is what's tested.
"""

from __future__ import annotations

import io
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.routing import Rule

from assessment.storage import accounts, actions, assessments, database, results
from assessment.web import throttle

from ..page_checks import csrf_token
from .officer import Officer, stored_answers
from .people import close, make_admin, make_council, sign_in

INJECTIONS = [
    "' OR 1=1 --",
    "'; DROP TABLE answer; --",
    '" onmouseover="alert(1)',
    "<script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "{{7*7}}",
    "{% raw %}{{ config }}{% endraw %}",
    "${7*7}",
    "../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "%00",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: evil=1",
    "=cmd|' /C calc'!A0",
    "\u202eevil",  # right-to-left override
    "\u200b\u200d\ufeff",  # zero-width characters and a byte-order mark
    "e\u0301\u0301\u0301",  # stacked combining accents
    "\U0001f600\U0001d54f",  # astral characters
    "ＡＢＣＤ２３４５",  # full-width letters and digits
    "\uffff\ufffe",
    "１",
    "-1",
    "1.0",
    "1e9",
    "99999999999999999999",
    "None",
    "null",
    "[]",
    "true",
]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
HUGE = ["x" * 5_001, "é" * 100_000, "<" * 1_000_000]  # the last is past the size limit


def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(INJECTIONS + HUGE),
        st.text(max_size=40),  # any code point but surrogates, control characters included
        st.just(""),
    )


def form_pairs(fields: dict[str, list[str]]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Each field of the form valid, hostile, missing or sent twice, and other fields besides:
    mostly valid posts, so that hostile values get past the validators to the database too."""

    def field(name: str, valid: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
        good = st.sampled_from(valid) if valid else hostile_text()
        value = st.one_of(good, good, good, hostile_text())
        once = st.builds(lambda v: [(name, v)], value)
        return st.one_of(
            once,
            once,
            once,
            st.just([]),
            st.builds(lambda a, b: [(name, a), (name, b)], value, value),
        )

    extra = st.lists(st.tuples(st.text(max_size=20), hostile_text()), max_size=2)
    parts = [field(name, valid) for name, valid in fields.items()]
    return st.tuples(*parts, extra).map(lambda drawn: [pair for part in drawn for pair in part])


def raw_bodies() -> st.SearchStrategy[tuple[bytes, str]]:
    content_types = st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
            "application/json",
            "text/plain; charset=utf-16",
        ]
    )
    return st.tuples(st.binary(max_size=300), content_types)


class Scene:
    """An officer with saved answers, and admin and anonymous browsers, to post from."""

    def __init__(self, app: Flask, invitation: str) -> None:
        self.app = app
        self.invitation = invitation
        self.officer = Officer(app.test_client(), invitation)
        self.officer.say_about_me()
        self.officer.answer("culture", {"culture.test_and_learn": "3"}, "First thoughts")
        self.officer.answer("technology", {"technology.legacy": "dk"})
        self.resume_token = self.officer.resume_secrets()[0].rsplit("/", 1)[1]
        self.officer_token = csrf_token(
            self.officer.get(f"/s/{invitation}/about-you").get_data(as_text=True)
        )
        other = make_council(app, "othershire", "lead@other.example")
        self.other_council, self.other_assessment = other.id, other.assessment_id
        with app.app_context():
            self.other_leader = accounts.user_by_email("lead@other.example").id
            self.other_action = actions.add_action(
                assessments.assessment_by_id(other.assessment_id), None, {"title": "Fix it"}
            ).id
            database.commit()
        make_admin(app)
        self.admin = app.test_client()
        assert sign_in(self.admin, "admin@example.org").status_code == 302
        self.admin_token = csrf_token(self.admin.get("/assessments/new").get_data(as_text=True))
        self.anonymous = app.test_client()
        self.anonymous_token = csrf_token(
            self.anonymous.get("/auth/sign-in").get_data(as_text=True)
        )

    def client_for(self, endpoint: str) -> tuple[FlaskClient, str]:
        if endpoint.startswith("survey."):
            return self.officer.client, self.officer_token
        if endpoint in ("auth.sign_in", "account.reset_password"):
            return self.anonymous, self.anonymous_token
        return self.admin, self.admin_token

    def path(self, rule: Rule) -> str:
        # A resume link's token serves the reset-link route too: both check it after CSRF.
        known = {
            "invitation": self.invitation,
            "theme_id": "culture",
            "token": self.resume_token,
            "council_id": self.other_council,
            "assessment_id": self.other_assessment,
            "user_id": self.other_leader,
            "ref": "a" * 24,  # a comment's name: another council's assessment has none
            "action_id": self.other_action,
            "suggestion": "step-1",  # the assessment is open: it has no suggested steps
            "job_id": f"report-{self.other_assessment}-en-{'0' * 32}",  # nor report jobs
        }
        values: dict[str, object] = {}
        for name in rule.arguments:
            converter = type(rule._converters[name]).__name__
            if name in known:
                values[name] = known[name]
            elif converter == "AnyConverter":
                values[name] = sorted(rule._converters[name].items)[0]
            else:
                raise AssertionError(f"no test value for {rule.rule} argument {name}")
        path = rule.rule
        for name, value in values.items():
            path = re.sub(rf"<[^>]*\b{name}>", str(value), path)
        return path

    def watched(self) -> dict:
        [response] = [r for r in stored_answers(self.app, self.invitation)]
        return {"answers": response["answers"], "comments": response["comments"]}


TEXT: list[str] = []  # any text is valid
FIELDS: dict[str, dict[str, list[str]]] = {
    "survey.about_you": {"role_tier": ["frontline", "manager"], "service_area": ["housing"]},
    "survey.theme_page": {
        "culture.test_and_learn": ["1", "5", "dk"],
        "culture.change": ["2", "dk"],
        "technology.legacy": ["4"],
        "comment": TEXT,
        "resume_code": TEXT,
        "save_and_continue": ["y"],
        "save_for_later": ["y"],
        "shown": ["culture.change=5&comment=0", "comment=e3b0c44298fc1c14"],
        "page": ["AAAAAAAAAAAAAAAA"],
    },
    "survey.resume_with_code": {"code": ["ABCD-2345"]},
    "survey.check": {"submit": ["Submit your answers"]},
    "auth.sign_in": {"email": ["admin@example.org"], "password": TEXT},
    "leaders.new_assessment": {
        "council": ["{council}"],
        "title": TEXT,
        "anonymity_threshold": ["3", "50"],
    },
    "leaders.headcounts": {"role__frontline": ["12"], "service_area__housing": ["1"]},
    "targets.targets": {"theme__culture": ["3.5"], "theme__technology": ["1.0"]},
    "admin.councils": {"name": TEXT, "slug": ["newshire", "a-b-1"]},
    "admin.council": {"email": ["new@example.org"], "password": ["a long enough password"]},
    "admin.privacy_details": {"controller": TEXT, "contact": TEXT},
    "comments.hide": {"reason": TEXT},
    "actions.new": {
        "title": TEXT,
        "detail": TEXT,
        "owner": TEXT,
        "measure": TEXT,
        "theme_id": ["culture", ""],
        "status": ["done", "planned"],
        "due": ["1", "12", "2027", "31"],
    },
    "actions.edit": {"title": TEXT, "status": ["in_progress"], "due": ["28", "2", "2027"]},
}
OTHER_FORMS = {"submit": ["y"], "confirm": ["y"]}


def _post_routes(app: Flask) -> list[Rule]:
    return sorted(
        (rule for rule in app.url_map.iter_rules() if "POST" in (rule.methods or ())),
        key=lambda rule: rule.endpoint,
    )


def test_the_field_table_names_real_routes(app):
    assert {rule.endpoint for rule in _post_routes(app)} >= set(FIELDS)


def pytest_generate_tests(metafunc):
    if "post_route" in metafunc.fixturenames:
        # The URL map of the app the tests run: every POST route, whoever added it.
        from assessment import create_app

        from ..conftest import TEST_SECRET_KEY, TWO_THEMES

        app = create_app(
            {
                "APP_ENV": "testing",
                "SECRET_KEY": TEST_SECRET_KEY,
                "SQLALCHEMY_DATABASE_URI": "sqlite://",
                "QUESTION_BANK_PATH": str(TWO_THEMES),
            }
        )
        endpoints = [rule.endpoint for rule in _post_routes(app)]
        metafunc.parametrize("post_route", endpoints)


@pytest.fixture
def scene(app, client, open_assessment) -> Scene:
    return Scene(app, open_assessment)


def _after_valid_theme_post(before: dict, pairs: list[tuple[str, str]]) -> dict:
    """What a valid post of these pairs to the culture page stores: the questions given a
    value, and the comment as posted (none when empty or missing)."""
    posted = MultiDict(pairs)
    answers = dict(before["answers"])
    for question in ("culture.test_and_learn", "culture.change"):
        value = posted.get(question)
        if value:
            answers[question] = value if value == "dk" else int(value)
    comments = {theme: text for theme, text in before["comments"].items() if theme != "culture"}
    comment = CONTROL.sub("", posted.get("comment", ""))  # invisible, and NUL can't be stored
    if comment:
        comments["culture"] = comment
    return {"answers": answers, "comments": comments}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_posts_never_fail_and_change_only_what_was_validly_posted(
    app, scene, post_route, data
):
    rule = next(r for r in _post_routes(app) if r.endpoint == post_route)
    path = scene.path(rule)
    client, token = scene.client_for(post_route)
    throttle.forget_everything(
        app
    )  # counts of wrong codes or passwords would hide the forms behind a 429
    before = scene.watched()

    if data.draw(st.sampled_from([False, False, False, True]), label="raw body"):
        body, content_type = data.draw(raw_bodies(), label="body")
        sent = client.post(
            path, data=body, content_type=content_type, headers={"X-CSRFToken": token}
        )
        pairs: list[tuple[str, str]] = []
    else:
        pairs = data.draw(form_pairs(FIELDS.get(post_route, OTHER_FORMS)), label="form")
        council = str(scene.other_council)
        pairs = [(name, council if value == "{council}" else value) for name, value in pairs]
        sent = client.post(path, data=MultiDict([("csrf_token", token), *pairs]))

    assert sent.status_code < 500, sent.get_data(as_text=True)[:2000]
    page = sent.get_data(as_text=True)
    for value in (v for _, v in pairs if "<script>" in v):
        assert value not in page, "posted markup came back unescaped"

    after = scene.watched()
    if post_route == "survey.theme_page" and sent.status_code == 302:
        assert after == _after_valid_theme_post(before, pairs)
    else:
        assert after == before


def test_a_changed_answer_needs_a_valid_post(app, scene):
    # The oracle above would pass if nothing ever saved: one valid post does.
    client, token = scene.client_for("survey.theme_page")
    sent = client.post(
        f"/s/{scene.invitation}/themes/culture",
        data={"csrf_token": token, "culture.change": "dk", "comment": "<script>x</script>"},
    )
    assert sent.status_code == 302
    assert scene.watched()["answers"] == {
        "culture.test_and_learn": 3,
        "culture.change": "dk",
        "technology.legacy": "dk",
    }
    with app.app_context():
        assessment = assessments.assessment_by_invitation(scene.invitation)
        assert results.response_counts(assessment) == (1, 0)


VALID_POSTS: dict[str, dict[str, str]] = {
    "survey.about_you": {"role_tier": "frontline", "service_area": "housing"},
    "survey.theme_page": {
        "culture.test_and_learn": "4",
        "culture.change": "dk",
        "comment": "Fine",
        "resume_code": "",
        "save_and_continue": "y",
    },
    "survey.resume_with_code": {"code": "ABCD-2345"},
    "auth.sign_in": {"email": "admin@example.org", "password": "not the password"},
    "leaders.new_assessment": {"council": "{council}", "title": "Fine", "anonymity_threshold": "5"},
    "leaders.headcounts": {"role__frontline": "12"},
    "targets.targets": {"theme__culture": "3.5"},
    "admin.councils": {"name": "Fine", "slug": "newshire-{n}"},
    "admin.council": {"email": "new{n}@example.org", "password": "a long enough password"},
    "admin.privacy_details": {"controller": "Othershire Council", "contact": "dpo@example.org"},
    "actions.new": {"title": "Fine", "owner": "Head of Digital", "measure": "Fine"},
}
POISONS = [
    "\x00",
    "a\x00b",
    "\x01\x1b[31m\x7f",
    "<script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "' OR 1=1 --",
    "{{7*7}}",
    "../../etc/passwd",
    "\u202eevil\u200b",
    "\U0001f600",
    "x" * 5_001,
]


@pytest.mark.parametrize("route", sorted(VALID_POSTS))
def test_every_field_of_every_form_takes_every_poison_without_failing(app, scene, route):
    rule = next(r for r in _post_routes(app) if r.endpoint == route)
    path = scene.path(rule)
    client, token = scene.client_for(route)
    for n, (name, poison) in enumerate(
        (name, poison) for name in VALID_POSTS[route] for poison in POISONS
    ):
        throttle.forget_everything(app)
        form = {
            key: value.format(council=scene.other_council, n=n)
            for key, value in VALID_POSTS[route].items()
        }
        before = scene.watched()
        sent = client.post(path, data={"csrf_token": token, **form, name: poison})
        assert sent.status_code < 500, (name, poison)
        if "<script>" in poison:
            assert poison not in sent.get_data(as_text=True)
        if route == "survey.theme_page" and sent.status_code == 302:
            posted = [("csrf_token", token), *{**form, name: poison}.items()]
            assert scene.watched() == _after_valid_theme_post(before, posted)
        else:
            assert scene.watched() == before


SCRIPT = "<script>alert(1)</script>"


def test_a_script_typed_in_a_comment_is_text_in_the_pages_the_pdf_and_the_exports(app, client):
    from assessment.bank import current_bank
    from assessment.services import closing, report

    council = make_council(app, "scriptshire", "lead@script.example")
    for n in range(3):
        officer = Officer(app.test_client(), council.invitation)
        officer.say_about_me("frontline", "housing")
        comment = f"Before {SCRIPT} after" if n == 0 else ""
        assert officer.answer("culture", {"culture.change": "3"}, comment).status_code == 302
        officer.answer("technology", {"technology.legacy": "2"})
        officer.submit()
    close(app, council.assessment_id)

    sign_in(client, "lead@script.example")
    base = f"/assessments/{council.assessment_id}"
    page = client.get(f"{base}/results/themes/culture").get_data(as_text=True)
    assert "Before &lt;script&gt;alert(1)&lt;/script&gt; after" in page
    assert SCRIPT not in page

    with app.test_request_context():
        bank = current_bank()
        assessment = assessments.assessment_by_id(council.assessment_id)
        snapshot = closing.shown_snapshot(assessment, bank)
        source, _ = report.report_html(bank, assessment, snapshot)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert SCRIPT not in source

    for extension in ("csv", "json", "xlsx"):
        export = client.get(f"{base}/exports/results.{extension}")
        assert export.status_code == 200
        body = export.data
        if extension == "xlsx":
            import zipfile

            with zipfile.ZipFile(io.BytesIO(body)) as workbook:
                body = b"".join(workbook.read(name) for name in workbook.namelist())
        assert b"alert(1)" not in body, f"a comment reached the {extension} export"
