"""A theme page's post read without building its form reads as the form reads it.

Whatever the plain reader accepts, the WTForms form accepts and reads the same
way; and whatever the form accepts, the plain reader accepts too, unless a field
came twice or a file came with it (then the form reads it, as before).
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask_babel import Babel
from flask_wtf.csrf import generate_csrf
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from assessment.forms.builder import MAX_COMMENT_LENGTH, theme_form_class
from assessment.forms.posted import PostedTheme, from_form, read_plainly
from assessment.framework.loader import load_bank

from ..conftest import TWO_THEMES

BANK = load_bank(TWO_THEMES)
CULTURE = BANK.theme("culture")
QUESTIONS = [question.id for question in CULTURE.questions]

app = Flask(__name__)
app.config.update(SECRET_KEY="unit-posted-theme", WTF_CSRF_TIME_LIMIT=None)
Babel(app)

FIELDS = [
    *QUESTIONS,
    "comment",
    "resume_code",
    "save_and_continue",
    "save_for_later",
    "shown",
    "page",
]
answers = st.sampled_from(["1", "2", "3", "4", "5", "6", "0", "dk", "DK", "", " "])
texts = st.one_of(
    st.sampled_from(["", " ", "false", "y", "x" * MAX_COMMENT_LENGTH]),
    st.sampled_from(["x" * (MAX_COMMENT_LENGTH + 1), " " * (MAX_COMMENT_LENGTH + 1)]),
    st.sampled_from(["\x00" * MAX_COMMENT_LENGTH + "ab", "\x00" + "x" * MAX_COMMENT_LENGTH]),
    st.text(max_size=20),
)
values = st.one_of(answers, texts)
# Each of the form's fields, given or not, then a few more (repeats, other names).
fields = st.fixed_dictionaries(
    {}, optional={name: answers if name in QUESTIONS else texts for name in FIELDS}
)
extras = st.lists(
    st.tuples(st.sampled_from([*FIELDS, "technology.estate", "other"]), values), max_size=3
)
posts = st.builds(lambda given, more: [*given.items(), *more], fields, extras)
tokens = st.sampled_from(["good", "good", "bad", "missing"])


def _both(pairs: list[tuple[str, str]], token: str):
    """(the plain reading, the form's reading or None when it refuses), same request."""
    data = MultiDict([(name, value) for name, value in pairs if name != "csrf_token"])
    if token == "good":
        data.add("csrf_token", generate_csrf())
    elif token == "bad":
        data.add("csrf_token", "not-a-token")
    plain = read_plainly(CULTURE, data, {})
    form = theme_form_class(CULTURE)(formdata=data)
    return plain, (from_form(form) if form.validate() else None), data


@settings(max_examples=400, deadline=None)
@given(posts, tokens)
def test_what_the_plain_reader_accepts_the_form_accepts_and_reads_the_same(pairs, token):
    with app.test_request_context(method="POST"):
        plain, by_form, _ = _both(pairs, token)
        if plain is not None:
            assert by_form == plain


@settings(max_examples=400, deadline=None)
@given(posts, tokens)
def test_what_the_form_accepts_once_a_field_the_plain_reader_accepts(pairs, token):
    with app.test_request_context(method="POST"):
        plain, by_form, data = _both(pairs, token)
        repeated = any(len(data.getlist(name)) > 1 for name in data)
        if by_form is not None and not repeated:
            assert plain == by_form


@pytest.fixture
def posting():
    with app.test_request_context(method="POST"):
        yield


def test_a_plain_save_is_read_without_the_form(posting):
    data = MultiDict(
        {
            "csrf_token": generate_csrf(),
            "culture.change": "dk",
            "culture.test_and_learn": "",
            "comment": "Good\x07 team",
            "save_for_later": "y",
            "page": "p1",
            "shown": "comment=e3b0c44298fc1c14&culture.change=2",
        }
    )
    post = read_plainly(CULTURE, data, {})
    assert post == PostedTheme({"culture.change": "dk"}, "Good team", False, "p1", data["shown"])
    assert post.shown_state() == {"comment": "e3b0c44298fc1c14", "culture.change": "2"}


@pytest.mark.parametrize(
    "odd",
    [
        {"culture.change": "9"},  # never offered
        {"comment": "x" * (MAX_COMMENT_LENGTH + 1)},
        {"csrf_token": "expired-or-forged"},
    ],
)
def test_a_post_the_form_would_say_something_about_is_left_to_the_form(posting, odd):
    assert read_plainly(CULTURE, MultiDict({"csrf_token": generate_csrf(), **odd}), {}) is None


def test_a_post_with_a_file_is_left_to_the_form(posting):
    data = MultiDict({"csrf_token": generate_csrf(), "culture.change": "2"})
    assert read_plainly(CULTURE, data, {"upload": object()}) is None
