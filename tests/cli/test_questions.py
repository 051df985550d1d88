"""A content editor checks the question bank they edited, and a developer exports it."""

import json
import shutil

import pytest

from ..conftest import FIXTURES, TWO_THEMES
from .conftest import REAL_BANK, assert_one_line_error

TOO_LONG = FIXTURES / "questions" / "too_long"


@pytest.fixture
def broken_bank(tmp_path):
    """A copy of the tiny bank whose weighted question has a weight of zero."""
    bank = tmp_path / "bank"
    shutil.copytree(TWO_THEMES, bank)
    culture = bank / "themes" / "culture.yaml"
    text = culture.read_text(encoding="utf-8")
    assert "weight: 2.0" in text
    culture.write_text(text.replace("weight: 2.0", "weight: 0"), encoding="utf-8")
    return bank


def test_a_valid_bank_is_reported_valid_with_its_size_and_reading_time(runner):
    result = runner.invoke(args=["questions", "check"])
    assert result.exit_code == 0, result.output
    assert "test.1: 2 themes, 3 questions, reading time 0.3 minutes (limit 15" in result.stdout
    assert "The question bank is valid." in result.stdout
    assert result.stderr == ""


def test_the_real_shelf_prints_each_version_and_the_current_one_reads_in_15_minutes(
    standalone_app,
):
    app = standalone_app(REAL_BANK, migrate=False)
    result = app.test_cli_runner().invoke(args=["questions", "check"])
    assert result.exit_code == 0, result.output
    old, current, verdict = result.stdout.strip().splitlines()
    assert old.startswith("2026.1: 7 themes, 50 questions, reading time 27.0 minutes")
    assert old.endswith("(kept for the assessments made with it)")
    assert current.startswith("2027.1: 7 themes, 34 questions, reading time ")
    assert current.endswith("minutes (limit 15; new assessments use it)")
    minutes = float(current.split("reading time ")[1].split(" minutes")[0])
    assert 10 <= minutes <= 15
    assert verdict == "The question banks are valid."


def test_a_bank_too_long_to_read_is_refused_naming_the_file_and_the_question(standalone_app):
    app = standalone_app(TOO_LONG, migrate=False)
    result = app.test_cli_runner().invoke(args=["questions", "check"])
    assert "test.2: 2 themes, 3 questions, reading time 15.3 minutes" in result.stdout
    assert "valid" not in result.stdout
    assert_one_line_error(
        result,
        f"{TOO_LONG / 'themes' / 'technology.yaml'}: question technology.legacy: reading time:",
        "15.3 minutes",
        "over the limit of 15",
    )


def test_an_older_bank_too_long_to_read_is_kept_while_the_current_one_is_short(
    standalone_app, tmp_path
):
    shelf = tmp_path / "questions"
    shutil.copytree(TOO_LONG, shelf / "test.0")
    older = shelf / "test.0" / "bank.yaml"
    older.write_text(older.read_text(encoding="utf-8").replace('"test.2"', '"test.0"'), "utf-8")
    shutil.copytree(TWO_THEMES, shelf / "test.1")
    app = standalone_app(shelf, migrate=False)
    result = app.test_cli_runner().invoke(args=["questions", "check"])
    assert result.exit_code == 0, result.output
    assert "test.0: 2 themes, 3 questions, reading time 15.3 minutes (kept for" in result.stdout
    assert "test.1: 2 themes, 3 questions, reading time 0.3 minutes (limit 15" in result.stdout


def test_a_newer_bank_too_long_to_read_is_refused_though_the_older_one_is_short(
    standalone_app, tmp_path
):
    shelf = tmp_path / "questions"
    shutil.copytree(TWO_THEMES, shelf / "test.1")
    shutil.copytree(TOO_LONG, shelf / "test.2")
    app = standalone_app(shelf, migrate=False)
    result = app.test_cli_runner().invoke(args=["questions", "check"])
    assert_one_line_error(result, str(shelf / "test.2" / "themes" / "technology.yaml"), "test.2")


def test_a_broken_bank_names_the_file_the_question_and_the_field(standalone_app, broken_bank):
    app = standalone_app(broken_bank, migrate=False)
    result = app.test_cli_runner().invoke(args=["questions", "check"])
    assert result.exit_code == 1
    assert "is valid" not in result.stdout
    [problem] = result.stderr.strip().splitlines()
    assert str(broken_bank / "themes" / "culture.yaml") in problem
    assert "question culture.change" in problem
    assert "weight" in problem


def test_every_problem_in_a_broken_bank_is_listed(standalone_app, broken_bank):
    technology = broken_bank / "themes" / "technology.yaml"
    text = technology.read_text(encoding="utf-8")
    technology.write_text(text.replace("      5: Never.\n", ""), encoding="utf-8")
    app = standalone_app(broken_bank, migrate=False)
    result = app.test_cli_runner().invoke(args=["questions", "check"])
    assert result.exit_code == 1
    problems = result.stderr.strip().splitlines()
    assert len(problems) == 2
    assert "question culture.change: weight" in problems[0]
    assert "question technology.legacy: levels" in problems[1]


def test_other_commands_refuse_a_broken_bank_in_one_line(standalone_app, broken_bank):
    app = standalone_app(broken_bank, migrate=False)
    result = app.test_cli_runner().invoke(args=["questions", "export"])
    assert_one_line_error(result, "question bank is not valid", "questions check")


def test_the_bank_exports_as_the_json_framework_md_describes(runner):
    result = runner.invoke(args=["questions", "export", "--format", "json"])
    assert result.exit_code == 0, result.output
    exported = json.loads(result.stdout)
    assert set(exported) == {"version", "levels", "roles", "service_areas", "themes"}
    assert exported["version"] == "test.1"
    assert exported["levels"][0] == {"level": 1, "name": "Starting"}
    assert [level["name"] for level in exported["levels"]] == [
        "Starting",
        "Developing",
        "Established",
        "Advanced",
        "Leading",
    ]
    assert {"id": "leadership", "label": "Leadership"} in exported["roles"]
    assert [area["id"] for area in exported["service_areas"]] == [
        "housing",
        "planning",
        "other",
        "prefer_not_to_say",
    ]
    culture, technology = exported["themes"]
    assert (culture["id"], culture["title"], culture["pillar"]) == ("culture", "Culture", "people")
    assert technology["pillar"] == "technology"
    test_and_learn, change = culture["questions"]
    assert test_and_learn == {
        "id": "culture.test_and_learn",
        "text": "How does the council try new things?",
        "hint": "Think about the last year.",
        "weight": 1.0,
        "levels": [
            {"level": 1, "text": "Never tries."},
            {"level": 2, "text": "Rarely tries."},
            {"level": 3, "text": "Sometimes tries."},
            {"level": 4, "text": "Often tries."},
            {"level": 5, "text": "Always tries."},
        ],
    }
    assert (change["id"], change["weight"], change["hint"]) == ("culture.change", 2.0, None)


def test_only_json_is_offered_as_an_export_format(runner):
    result = runner.invoke(args=["questions", "export", "--format", "xml"])
    assert result.exit_code == 2
    assert "xml" in result.stderr
