"""An operator in a fresh shell, with no SECRET_KEY yet, runs the commands as the
README shows them: reading the question bank and every --help need no secret; the
rest say in one line what to set and how, never with a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.cli import cli as flask_command

from .conftest import assert_one_line_error
from .test_help import COMMANDS

TWO_THEMES = Path(__file__).resolve().parents[1] / "fixtures" / "questions" / "two_themes"


@pytest.fixture
def fresh_shell(tmp_path):
    """`flask --app assessment ...` as typed in a shell with no secret, in production."""
    environment = {
        "SECRET_KEY": None,
        "APP_ENV": None,
        "FLASK_APP": None,
        "FLASK_SKIP_DOTENV": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}",
        "QUESTION_BANK_PATH": str(TWO_THEMES),
    }

    def run(*args: str, **settings: str):
        shell = CliRunner(env={**environment, **settings})
        return shell.invoke(flask_command, ["--app", "assessment", *args], prog_name="flask")

    return run


def test_questions_check_needs_no_secret(fresh_shell):
    checked = fresh_shell("questions", "check")
    assert checked.exit_code == 0, checked.output
    assert "test.1: 2 themes, 3 questions" in checked.stdout
    assert "The question bank is valid." in checked.stdout


def test_questions_export_needs_no_secret(fresh_shell):
    exported = fresh_shell("questions", "export")
    assert exported.exit_code == 0, exported.output
    assert [theme["id"] for theme in json.loads(exported.stdout)["themes"]] == [
        "culture",
        "technology",
    ]


@pytest.mark.parametrize("command", [[], *COMMANDS, ["run"]], ids=lambda c: " ".join(c) or "flask")
def test_every_help_needs_no_secret(fresh_shell, command):
    helped = fresh_shell(*command, "--help")
    assert helped.exit_code == 0, helped.output
    assert helped.stdout.startswith("Usage:")
    assert "Traceback" not in helped.output


def test_the_list_of_commands_shows_every_group_without_a_secret(fresh_shell):
    listed = fresh_shell("--help")
    for group in ("questions", "councils", "assessments", "results", "db"):
        assert group in listed.stdout
    assert not listed.stderr


NEEDS_A_SECRET = {
    "councils create": ["councils", "create", "--slug", "eastshire", "--name", "East"],
    "results": ["results", "--assessment", "1"],
    "demo": ["demo"],
    "purge": ["purge", "--older-than", "30"],
    "db upgrade": ["db", "upgrade"],  # Flask-Migrate's command
    "run": ["run"],  # Flask's own: must not serve with no secret
    "shell": ["shell"],
}


@pytest.mark.parametrize("command", NEEDS_A_SECRET.values(), ids=NEEDS_A_SECRET.keys())
def test_the_rest_say_in_one_line_what_to_set_and_how(fresh_shell, command):
    refused = fresh_shell(*command)
    assert_one_line_error(refused, "SECRET_KEY is not set", "export SECRET_KEY=", "token_hex(32)")
    assert "Traceback" not in refused.output


def test_a_guessable_secret_is_refused_in_one_line_and_the_bank_still_checks(fresh_shell):
    refused = fresh_shell("councils", "create", "--slug", "e", "--name", "E", SECRET_KEY="short")
    assert_one_line_error(refused, "SECRET_KEY must be a random value of at least 32 characters")
    assert fresh_shell("questions", "check", SECRET_KEY="short").exit_code == 0


def test_any_other_wrong_setting_is_one_line_too(fresh_shell):
    refused = fresh_shell("questions", "check", TRUST_PROXY="two")
    assert_one_line_error(refused, "TRUST_PROXY must be a whole number")


def test_with_a_secret_the_commands_run(fresh_shell):
    key = "Zq8vN3kLw2Rt6Yp1Hd9Fx4Jc7Gb5Ms0A"
    assert fresh_shell("db", "upgrade", SECRET_KEY=key).exit_code == 0
    made = fresh_shell("councils", "create", "--slug", "eastshire", "--name", "E", SECRET_KEY=key)
    assert made.exit_code == 0, made.output
