"""An administrator at the command line gives a leader a reset link, and disables
or enables an account; a disabled account's sessions end at once."""

from __future__ import annotations

import re
from datetime import timedelta

from freezegun import freeze_time

from assessment.storage import accounts

from .conftest import assert_one_line_error
from .test_councils_users import create_user

EMAIL = "leader@testshire.example"


def test_a_reset_link_is_printed_once_and_stored_only_as_a_hash(runner, council):
    create_user(runner, EMAIL, "leader", council)
    result = runner.invoke(args=["users", "reset-password", "--email", "Leader@Testshire.example"])
    assert result.exit_code == 0, result.output
    assert "works once, for 24 hours" in result.stdout
    link = re.search(r"http://localhost/auth/reset/(\S+)", result.stdout)
    assert link is not None
    token = link[1]
    assert accounts.reset_link(token) is not None
    stored = accounts.user_by_email(EMAIL).reset_links[0]
    assert token not in stored.token_hash
    with freeze_time() as clock:
        clock.tick(timedelta(hours=24, seconds=1))
        assert accounts.reset_link(token) is None


def test_disabling_ends_sessions_and_enabling_lets_them_sign_in_again(runner, council):
    create_user(runner, EMAIL, "leader", council)
    user = accounts.user_by_email(EMAIL)
    session_id = user.get_id()
    assert accounts.user_for_session(session_id) is not None

    result = runner.invoke(args=["users", "disable", "--email", EMAIL])
    assert result.exit_code == 0, result.output
    assert "Disabled leader@testshire.example" in result.stdout
    assert accounts.user_for_session(session_id) is None
    assert accounts.user_by_email(EMAIL).is_disabled
    refused = runner.invoke(args=["users", "reset-password", "--email", EMAIL])
    assert_one_line_error(refused, "disabled")

    assert runner.invoke(args=["users", "enable", "--email", EMAIL]).exit_code == 0
    assert not accounts.user_by_email(EMAIL).is_disabled
    assert accounts.user_for_session(session_id) is None  # old sessions stay ended


def test_an_unknown_email_is_one_line(runner):
    for command in ("reset-password", "disable", "enable"):
        result = runner.invoke(args=["users", command, "--email", "nobody@example.org"])
        assert_one_line_error(result, "--email", "no account")
