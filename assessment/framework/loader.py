"""Load and validate the question banks from their YAML files.

A bank is a folder: `bank.yaml` (version, levels, role tiers, service areas
and the order of the themes) and `themes/<theme id>.yaml`, one file a theme.
A shelf is a folder of banks, one subfolder a version (`questions/2026.1/`),
so that every assessment is scored with the bank it was made with, forever.
Every problem is reported with the file, the question id and the field, so the
person editing the YAML can go straight to it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .model import LEVELS, PREFER_NOT_TO_SAY, Bank, Level, Option, Question, Theme

SLUG = r"^[a-z][a-z0-9_]*$"
REQUIRED_ROLES = ("leadership", "frontline", PREFER_NOT_TO_SAY)
Text = Annotated[str, Field(min_length=1)]
_M = TypeVar("_M", bound=BaseModel)


class BankError(ValueError):
    """The bank on disk is not valid; the message lists every problem found."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class _Level(_Strict):
    level: Literal[1, 2, 3, 4, 5]
    name: Text
    description: Text


class _Option(_Strict):
    id: Annotated[str, Field(pattern=SLUG)]
    label: Text


class _Question(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]
    text: Text
    hint: Text | None = None
    weight: Annotated[float, Field(gt=0, le=10)] = 1.0
    references: list[Text] = []
    levels: dict[int, Text]

    @field_validator("levels")
    @classmethod
    def _five_levels(cls, levels: dict[int, str]) -> dict[int, str]:
        return _exactly_five(levels)


class _Theme(_Strict):
    id: Annotated[str, Field(pattern=SLUG)]
    title: Text
    pillar: Literal["people", "technology"]
    summary: Text
    questions: Annotated[list[_Question], Field(min_length=1)]
    recommendations: dict[int, Text]

    @field_validator("recommendations")
    @classmethod
    def _five_recommendations(cls, recommendations: dict[int, str]) -> dict[int, str]:
        return _exactly_five(recommendations)


class _BankIndex(_Strict):
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z._-]*$")]
    levels: Annotated[list[_Level], Field(min_length=5, max_length=5)]
    roles: Annotated[list[_Option], Field(min_length=1)]
    service_areas: Annotated[list[_Option], Field(min_length=1)]
    themes: Annotated[list[Annotated[str, Field(pattern=SLUG)]], Field(min_length=2)]


def _exactly_five(by_level: dict[int, str]) -> dict[int, str]:
    missing = [level for level in LEVELS if level not in by_level]
    extra = [level for level in by_level if level not in LEVELS]
    if missing or extra:
        raise ValueError(
            "needs exactly levels 1 to 5 "
            f"(missing: {missing or 'none'}, unexpected: {extra or 'none'})"
        )
    return by_level


@functools.cache
def load_bank(folder: str | Path) -> Bank:
    """The bank in `folder`, validated; cached, since the files do not change while we run."""
    folder = Path(folder)
    index = _parse(folder / "bank.yaml", _BankIndex)
    problems = _index_problems(folder / "bank.yaml", index)
    themes: list[Theme] = []
    question_files: dict[str, Path] = {}
    for theme_id in index.themes:
        path = folder / "themes" / f"{theme_id}.yaml"
        try:
            raw = _parse(path, _Theme)
        except BankError as error:
            problems.append(str(error))
            continue
        problems += _theme_problems(path, theme_id, raw, question_files)
        themes.append(_theme(raw))
    pillars = {theme.pillar for theme in themes}
    if not problems and pillars != {"people", "technology"}:
        problems.append(f"{folder / 'bank.yaml'}: themes: needs at least one theme in each pillar")
    if problems:
        raise BankError("\n".join(problems))
    return Bank(
        version=index.version,
        levels=tuple(Level(lv.level, lv.name, lv.description) for lv in index.levels),
        roles=tuple(Option(o.id, o.label) for o in index.roles),
        service_areas=tuple(Option(o.id, o.label) for o in index.service_areas),
        themes=tuple(themes),
    )


class UnknownBankVersion(LookupError):
    """An assessment names a bank version this installation does not have."""

    def __init__(self, version: str) -> None:
        super().__init__(version)
        self.version = version


@dataclass(frozen=True)
class Shelf:
    """Every installed bank by version; new assessments use the newest (`current`)."""

    banks: tuple[Bank, ...]  # oldest first

    @property
    def current(self) -> Bank:
        return self.banks[-1]

    @property
    def versions(self) -> tuple[str, ...]:
        return tuple(bank.version for bank in self.banks)

    def get(self, version: str) -> Bank:
        for bank in self.banks:
            if bank.version == version:
                return bank
        raise UnknownBankVersion(version)


@functools.cache
def load_shelf(folder: str | Path) -> Shelf:
    """The banks in `folder`: the folder itself when it is one bank (it has a bank.yaml),
    else each subfolder that is one, named by its version."""
    folder = Path(folder)
    if (folder / "bank.yaml").exists():
        return Shelf((load_bank(folder),))
    subfolders = sorted(p for p in folder.glob("*") if (p / "bank.yaml").exists())
    if not subfolders:
        raise BankError(f"{folder}: no bank.yaml here or in any folder inside it")
    banks, problems = [], []
    for subfolder in subfolders:
        try:
            bank = load_bank(subfolder)
        except BankError as error:
            problems.append(str(error))
            continue
        if bank.version != subfolder.name:
            problems.append(
                f"{subfolder / 'bank.yaml'}: version: is {bank.version!r} "
                f"but the folder is named {subfolder.name!r}"
            )
        banks.append(bank)
    if problems:
        raise BankError("\n".join(problems))
    return Shelf(tuple(sorted(banks, key=lambda bank: _version_order(bank.version))))


def bank_folder(shelf_folder: str | Path, version: str) -> Path:
    """Where the files of `version` are, by the rule load_shelf reads them with."""
    shelf_folder = Path(shelf_folder)
    return shelf_folder if (shelf_folder / "bank.yaml").exists() else shelf_folder / version


def _version_order(version: str) -> tuple[tuple[int, int | str], ...]:
    # 2026.10 is after 2026.9: numeric parts compare as numbers.
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.-]", version)
    )


def _parse(path: Path, model: type[_M]) -> _M:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BankError(f"{path}: file not found") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise BankError(f"{path}: not valid YAML: {_one_line(error)}") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise BankError("\n".join(_describe(path, data, e) for e in error.errors())) from None


def _describe(path: Path, data: Any, error: Any) -> str:
    location = list(error["loc"])
    where = [str(path)]
    # Name the question by its id rather than its position in the list.
    if len(location) >= 2 and location[0] == "questions" and isinstance(location[1], int):
        question_id = _question_id(data, location[1])
        where.append(f"question {question_id}" if question_id else f"question {location[1] + 1}")
        location = location[2:]
    field_path = ".".join(str(part) for part in location) or "(file)"
    return f"{': '.join(where)}: {field_path}: {error['msg']}"


def _question_id(data: Any, index: int) -> str | None:
    try:
        question_id = data["questions"][index]["id"]
    except (KeyError, IndexError, TypeError):
        return None
    return question_id if isinstance(question_id, str) else None


def _index_problems(path: Path, index: _BankIndex) -> list[str]:
    problems = []
    for field_name in ("roles", "service_areas", "themes"):
        values = getattr(index, field_name)
        ids = [v if isinstance(v, str) else v.id for v in values]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            problems.append(f"{path}: {field_name}: repeated id {', '.join(duplicates)}")
    if [lv.level for lv in index.levels] != list(LEVELS):
        problems.append(f"{path}: levels: must be levels 1 to 5 in order")
    role_ids = {r.id for r in index.roles}
    for role in REQUIRED_ROLES:
        if role not in role_ids:
            problems.append(f"{path}: roles: the role tier {role!r} is required")
    if PREFER_NOT_TO_SAY not in {a.id for a in index.service_areas}:
        problems.append(f"{path}: service_areas: {PREFER_NOT_TO_SAY!r} is required")
    return problems


def _theme_problems(path: Path, theme_id: str, raw: _Theme, seen: dict[str, Path]) -> list[str]:
    problems = []
    if raw.id != theme_id:
        problems.append(f"{path}: id: is {raw.id!r} but the file is for theme {theme_id!r}")
    for question in raw.questions:
        where = f"{path}: question {question.id}"
        if not question.id.startswith(f"{theme_id}."):
            problems.append(f"{where}: id: must start with the theme id '{theme_id}.'")
        if question.id in seen:
            problems.append(f"{where}: id: already used in {seen[question.id]}")
        seen[question.id] = path
    return problems


def _theme(raw: _Theme) -> Theme:
    return Theme(
        id=raw.id,
        title=raw.title,
        pillar=raw.pillar,
        summary=raw.summary,
        questions=tuple(
            Question(
                id=q.id,
                theme_id=raw.id,
                text=q.text,
                hint=q.hint,
                weight=q.weight,
                levels=tuple(q.levels[level] for level in LEVELS),
                references=tuple(q.references),
            )
            for q in raw.questions
        ),
        recommendations=tuple(raw.recommendations[level] for level in LEVELS),
    )


def _one_line(error: Exception) -> str:
    return re.sub(r"\s+", " ", str(error)).strip()
