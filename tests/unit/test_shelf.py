"""An installation holds several bank versions at once: a shelf, one folder a version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessment.framework.loader import BankError, UnknownBankVersion, load_shelf

from ..conftest import FIXTURES, TWO_THEMES

SHELF = FIXTURES / "questions" / "shelf"


def _shelve(shelf: Path, version: str, folder_name: str | None = None) -> None:
    """A copy of the tiny bank on the shelf as `version`, in a folder of that name unless told."""
    folder = shelf / (folder_name or version)
    shutil.copytree(TWO_THEMES, folder)
    index = folder / "bank.yaml"
    index.write_text(
        index.read_text(encoding="utf-8").replace('version: "test.1"', f'version: "{version}"'),
        encoding="utf-8",
    )


def test_the_fixture_shelf_holds_both_versions_and_the_newest_is_current():
    shelf = load_shelf(SHELF)
    assert shelf.versions == ("t1", "t2")
    assert shelf.current.version == "t2"
    assert shelf.get("t1").theme("culture").title == "Culture"
    assert shelf.get("t2").theme("culture").title == "Culture and ways of working"
    assert shelf.get("t1").has_question("culture.change")
    assert not shelf.get("t2").has_question("culture.change")


def test_versions_are_ordered_as_numbers_so_2026_10_comes_after_2026_9(tmp_path):
    for version in ("2026.10", "2026.9", "2025.12"):
        _shelve(tmp_path, version)
    shelf = load_shelf(tmp_path)
    assert shelf.versions == ("2025.12", "2026.9", "2026.10")
    assert shelf.current.version == "2026.10"


def test_a_folder_named_other_than_its_version_is_refused_naming_both(tmp_path):
    _shelve(tmp_path, "2026.1")
    _shelve(tmp_path, "2027.1", folder_name="2027.2")
    with pytest.raises(BankError) as refused:
        load_shelf(tmp_path)
    message = str(refused.value)
    assert str(tmp_path / "2027.2" / "bank.yaml") in message
    assert "'2027.1'" in message and "'2027.2'" in message


def test_a_folder_holding_one_bank_is_a_shelf_of_that_one():
    shelf = load_shelf(TWO_THEMES)
    assert shelf.versions == ("test.1",)
    assert shelf.current.version == "test.1"


def test_a_version_not_on_the_shelf_is_an_unknown_version_that_names_it():
    with pytest.raises(UnknownBankVersion) as unknown:
        load_shelf(SHELF).get("2025.9")
    assert unknown.value.version == "2025.9"


def test_a_folder_with_no_bank_in_it_says_so(tmp_path):
    (tmp_path / "notes").mkdir()
    with pytest.raises(BankError, match=r"no bank\.yaml"):
        load_shelf(tmp_path)
