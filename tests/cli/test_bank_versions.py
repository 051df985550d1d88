"""An operator installs bank versions side by side: `questions check` checks them all,
`questions export --version` prints any one, and a version assessments already use is
never changed under them: check and start-up refuse it, naming file, question, field."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assessment.framework.loader import BankError, load_shelf
from assessment.services import bank_versions
from assessment.storage import councils, database, question_banks

from ..conftest import FIXTURES, TEST_SECRET_KEY
from .conftest import assert_one_line_error

SHELF = FIXTURES / "questions" / "shelf"
ROOT = Path(__file__).resolve().parents[2]


def _runner(app):
    return app.test_cli_runner(mix_stderr=False) if _mixes() else app.test_cli_runner()


def _mixes() -> bool:
    import inspect

    from click.testing import CliRunner

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


@pytest.fixture
def shelf_copy(tmp_path) -> Path:
    """A shelf of its own to edit, loaded by no test before."""
    copy = tmp_path / "questions"
    shutil.copytree(SHELF, copy)
    return copy


def _used(app, version: str) -> None:
    """An assessment made with `version`, as a leader would make it: its first use. The
    bank is the fixture's, so that the app's own copy is first loaded once edited, as a
    server started after the edit would load it."""
    with app.app_context():
        council = councils.create_council("usedshire", "Usedshire Council")
        bank_versions.new_assessment(council, "Round", 3, load_shelf(SHELF).get(version))
        database.commit()


def _reword_a_statement(shelf: Path) -> Path:
    culture = shelf / "t1" / "themes" / "culture.yaml"
    text = culture.read_text(encoding="utf-8")
    assert "      3: They accept it.\n" in text
    culture.write_text(text.replace("3: They accept it.", "3: They go along with it."), "utf-8")
    return culture


def test_check_lists_every_installed_version(standalone_app):
    result = _runner(standalone_app(SHELF)).invoke(args=["questions", "check"])
    assert result.exit_code == 0, result.output
    *lines, verdict = result.stdout.splitlines()
    assert [line.split(",")[0] for line in lines] == ["t1: 2 themes", "t2: 2 themes"]
    assert verdict == "The question banks are valid."
    assert "kept for the assessments made with it" in lines[0]
    assert "new assessments use it" in lines[1]


def test_export_prints_the_current_version_unless_told_another(standalone_app):
    runner = _runner(standalone_app(SHELF))
    current = json.loads(runner.invoke(args=["questions", "export"]).stdout)
    assert current["version"] == "t2"
    older = runner.invoke(args=["questions", "export", "--version", "t1"])
    assert older.exit_code == 0, older.output
    exported = json.loads(older.stdout)
    assert exported["version"] == "t1"
    assert exported["themes"][0]["title"] == "Culture"


def test_export_of_a_version_not_installed_is_one_line(standalone_app):
    result = _runner(standalone_app(SHELF)).invoke(
        args=["questions", "export", "--version", "2025.9"]
    )
    assert_one_line_error(result, "--version '2025.9'", "installed: t1, t2")


def test_check_refuses_a_used_version_whose_statement_changed(standalone_app, shelf_copy):
    app = standalone_app(shelf_copy)
    _used(app, "t1")
    culture = _reword_a_statement(shelf_copy)
    result = _runner(app).invoke(args=["questions", "check"])
    assert result.exit_code == 1
    assert "is valid" not in result.stdout
    assert result.stderr.strip().splitlines() == [
        f"{culture}: question culture.change: levels.3: "
        "differs from the bank t1 already used by assessments"
    ]


def test_a_version_nobody_used_yet_may_still_change(standalone_app, shelf_copy):
    app = standalone_app(shelf_copy)
    _used(app, "t2")
    _reword_a_statement(shelf_copy)  # t1, which no assessment uses
    result = _runner(app).invoke(args=["questions", "check"])
    assert result.exit_code == 0, result.output


def test_start_up_refuses_a_used_version_with_a_question_taken_out(standalone_app, shelf_copy):
    app = standalone_app(shelf_copy)
    _used(app, "t1")
    culture = shelf_copy / "t1" / "themes" / "culture.yaml"
    text = culture.read_text(encoding="utf-8")
    culture.write_text(text[: text.index("  - id: culture.change")] + text[text.index("recom") :])
    with app.app_context(), pytest.raises(BankError) as refused:
        bank_versions.check_on_start_up(str(shelf_copy))
    assert str(refused.value) == (
        f"{culture}: question culture.change: is missing, "
        "but the bank t1 already used by assessments has it"
    )


def test_check_without_a_database_only_validates_the_files(standalone_app):
    app = standalone_app(SHELF, migrate=False)
    result = _runner(app).invoke(args=["questions", "check"])
    assert result.exit_code == 0, result.output
    assert "The question banks are valid." in result.stdout


def test_start_up_records_versions_used_before_records_were_kept(standalone_app):
    app = standalone_app(SHELF)
    with app.app_context():
        council = councils.create_council("oldshire", "Oldshire Council")
        from assessment.storage import assessments

        assessments.create_assessment(council, "From before", 3, "t1")
        database.commit()
        assert question_banks.recorded() == {}
        bank_versions.check_on_start_up(str(SHELF))
        database.commit()
        assert set(question_banks.recorded()) == {"t1"}


def test_the_server_will_not_start_with_a_used_version_changed(standalone_app, shelf_copy):
    app = standalone_app(shelf_copy)
    _used(app, "t1")
    culture = _reword_a_statement(shelf_copy)
    environment = {
        **os.environ,
        "APP_ENV": "development",
        "SECRET_KEY": TEST_SECRET_KEY,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "QUESTION_BANK_PATH": str(shelf_copy),
        "PYTHONPATH": str(ROOT),
    }
    started = subprocess.run(
        [sys.executable, "-c", "import assessment.wsgi"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert started.returncode != 0
    assert f"{culture}: question culture.change: levels.3: differs" in started.stderr
