"""Whoever edits the question bank is told exactly where a mistake is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from assessment.framework.loader import BankError, load_bank

from ..conftest import TWO_THEMES


@pytest.fixture
def bank_copy(tmp_path) -> Path:
    folder = tmp_path / "bank"
    shutil.copytree(TWO_THEMES, folder)
    return folder


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def _problems(folder: Path) -> str:
    with pytest.raises(BankError) as error:
        load_bank(folder)
    return str(error.value)


def test_the_fixture_bank_loads_into_frozen_dataclasses():
    bank = load_bank(TWO_THEMES)
    assert bank.version == "test.1"
    assert [t.id for t in bank.themes] == ["culture", "technology"]
    assert bank.question("culture.change").weight == 2.0
    assert bank.question("culture.change").level_text(5) == "They lead it."
    assert bank.theme("technology").recommendation(1) == "Map the estate."
    with pytest.raises(AttributeError):
        bank.version = "changed"


def test_a_missing_level_names_the_file_the_question_and_the_field(bank_copy):
    theme_file = bank_copy / "themes" / "culture.yaml"
    _edit(theme_file, lambda d: d["questions"][1]["levels"].pop(3))
    message = _problems(bank_copy)
    assert f"{theme_file}: question culture.change: levels:" in message
    assert "missing: [3]" in message


def test_an_unknown_field_is_refused(bank_copy):
    theme_file = bank_copy / "themes" / "culture.yaml"
    _edit(theme_file, lambda d: d["questions"][0].update(colour="blue"))
    assert "question culture.test_and_learn: colour: Extra inputs are not permitted" in _problems(
        bank_copy
    )


def test_a_question_id_must_belong_to_its_theme(bank_copy):
    theme_file = bank_copy / "themes" / "technology.yaml"
    _edit(theme_file, lambda d: d["questions"][0].update(id="culture.legacy"))
    assert "question culture.legacy: id: must start with the theme id 'technology.'" in (
        _problems(bank_copy)
    )


def test_a_repeated_question_id_is_refused(bank_copy):
    theme_file = bank_copy / "themes" / "culture.yaml"
    _edit(theme_file, lambda d: d["questions"][1].update(id="culture.test_and_learn"))
    assert "question culture.test_and_learn: id: already used in" in _problems(bank_copy)


def test_a_missing_theme_file_and_bad_yaml_are_named(bank_copy):
    (bank_copy / "themes" / "technology.yaml").unlink()
    (bank_copy / "themes" / "culture.yaml").write_text("id: [unclosed")
    message = _problems(bank_copy)
    assert "technology.yaml: file not found" in message
    assert "culture.yaml: not valid YAML" in message


def test_the_perception_gap_needs_leadership_and_frontline_tiers(bank_copy):
    _edit(bank_copy / "bank.yaml", lambda d: d["roles"].pop(1))
    assert "roles: the role tier 'leadership' is required" in _problems(bank_copy)


def test_both_pillars_need_a_theme(bank_copy):
    _edit(bank_copy / "themes" / "technology.yaml", lambda d: d.update(pillar="people"))
    assert "needs at least one theme in each pillar" in _problems(bank_copy)


def test_a_weight_must_be_positive(bank_copy):
    _edit(bank_copy / "themes" / "culture.yaml", lambda d: d["questions"][0].update(weight=0))
    assert "question culture.test_and_learn: weight:" in _problems(bank_copy)
