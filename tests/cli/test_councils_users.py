"""An administrator sets up a council and the people who may sign in for it."""

import pytest
from werkzeug.security import check_password_hash

from assessment.storage import accounts, councils

from .conftest import assert_one_line_error

PASSWORD = "a-long-password"


def create_user(runner, email: str, role: str, council: str | None = None, password=PASSWORD):
    options = ["--email", email, "--role", role] + (["--council", council] if council else [])
    return runner.invoke(
        args=["users", "create", *options, "--password-stdin"], input=f"{password}\n"
    )


def test_an_administrator_creates_a_council(runner):
    result = runner.invoke(
        args=["councils", "create", "--slug", "exampleshire", "--name", "Exampleshire Council"]
    )
    assert result.exit_code == 0, result.output
    assert "exampleshire" in result.stdout
    council = councils.council_by_slug("exampleshire")
    assert council is not None
    assert council.name == "Exampleshire Council"


def test_a_slug_already_taken_is_refused_in_one_line(runner, council):
    result = runner.invoke(args=["councils", "create", "--slug", council, "--name", "Another"])
    assert_one_line_error(result, repr(council), "already exists")
    assert councils.council_by_slug(council).name == "Test"


@pytest.mark.parametrize(
    "slug", ["Exampleshire", "example shire", "example_shire", "café", "-shire", "a" * 61]
)
def test_a_slug_that_cannot_go_in_a_link_is_refused(runner, slug):
    result = runner.invoke(args=["councils", "create", "--slug", slug, "--name", "Example"])
    assert_one_line_error(result, "--slug", repr(slug), "lower-case")
    assert councils.council_by_slug(slug) is None


@pytest.mark.parametrize("name", ["  ", "N" * 201])
def test_a_council_needs_a_name_that_fits(runner, name):
    result = runner.invoke(args=["councils", "create", "--slug", "nameless", "--name", name])
    assert_one_line_error(result, "--name")
    assert councils.council_by_slug("nameless") is None


def test_a_leader_is_created_for_a_council_with_a_hashed_password(runner, council):
    result = create_user(runner, "Leader@Testshire.example", "leader", council)
    assert result.exit_code == 0, result.output
    assert "leader@testshire.example" in result.stdout
    user = accounts.user_by_email("leader@testshire.example")
    assert (user.role, user.council.slug) == ("leader", council)
    assert PASSWORD not in user.password_hash
    assert check_password_hash(user.password_hash, PASSWORD)


def test_an_administrator_needs_no_council(runner):
    result = create_user(runner, "admin@example.org", "admin")
    assert result.exit_code == 0, result.output
    user = accounts.user_by_email("admin@example.org")
    assert (user.role, user.council) == ("admin", None)


def test_a_leader_without_a_council_is_refused(runner):
    result = create_user(runner, "leader@example.org", "leader")
    assert_one_line_error(result, "--council", "required for a leader")
    assert accounts.user_by_email("leader@example.org") is None


def test_a_leader_for_an_unknown_council_is_refused(runner):
    result = create_user(runner, "leader@example.org", "leader", "nowhere")
    assert_one_line_error(result, "--council", "'nowhere'", "no council")
    assert accounts.user_by_email("leader@example.org") is None


@pytest.mark.parametrize("password", ["short", "eleven-char"])
def test_a_password_under_twelve_characters_is_refused(runner, council, password):
    result = create_user(runner, "leader@example.org", "leader", council, password=password)
    assert_one_line_error(result, "password", "at least 12 characters")
    assert accounts.user_by_email("leader@example.org") is None


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("aaaaaaaaaaaa", "too common or easy to guess"),
        (" " * 12, "too common or easy to guess"),
        ("password1234", "too common or easy to guess"),
        ("my-leader-password-is-long", "must not contain the email address"),
    ],
)
def test_a_common_or_guessable_password_is_refused(runner, council, password, message):
    result = create_user(runner, "leader@example.org", "leader", council, password=password)
    assert_one_line_error(result, "password", message)
    assert accounts.user_by_email("leader@example.org") is None


def test_an_email_already_used_is_refused_whatever_its_case(runner):
    assert create_user(runner, "admin@example.org", "admin").exit_code == 0
    result = create_user(runner, "ADMIN@example.org", "admin")
    assert_one_line_error(result, "admin@example.org", "already exists")


@pytest.mark.parametrize("email", ["not-an-email", " admin@example.org"])
def test_something_that_is_not_an_email_is_refused(runner, email):
    result = create_user(runner, email, "admin")
    assert_one_line_error(result, "--email", "not an email address")


def test_a_role_other_than_leader_or_admin_is_a_usage_error(runner):
    result = create_user(runner, "officer@example.org", "officer")
    assert result.exit_code == 2
    assert "officer" in result.stderr
    assert accounts.user_by_email("officer@example.org") is None


def test_without_password_stdin_the_password_is_asked_for_twice(runner):
    result = runner.invoke(
        args=["users", "create", "--email", "admin@example.org", "--role", "admin"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert accounts.user_by_email("admin@example.org") is not None
