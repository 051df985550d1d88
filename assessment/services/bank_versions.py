"""Bank versions in use: each assessment is scored with the bank version it was made
with, forever (FRAMEWORK.md, "Rounds and change"; docs/adr/0007-bank-versions.md).

So a version's content, once an assessment has been made with it, must never
change: the first use records the version's export (framework/bank_export.py),
and start-up and `questions check` refuse an installed version that differs from
its record, naming the file, the question and the field. Versions used before
records were kept are recorded at start-up, from what is installed then.
"""

from __future__ import annotations

from pathlib import Path

from ..framework.bank_export import Difference, bank_json, first_difference
from ..framework.loader import BankError, Shelf, load_shelf
from ..framework.model import Bank
from ..storage import assessments, question_banks
from ..storage.models import Assessment, Council
from . import rounds


def new_assessment(
    council: Council, title: str, anonymity_threshold: int, bank: Bank
) -> Assessment:
    """An open assessment made with `bank` (the current one), whose content is recorded
    if this is the version's first use. It follows the council's latest closed round
    (rounds.set_previous changes that)."""
    question_banks.record(bank.version, bank_json(bank))
    previous = rounds.latest_closed(council)
    made = assessments.create_assessment(council, title, anonymity_threshold, bank.version)
    made.previous_assessment_id = None if previous is None else previous.id
    return made


def changed_versions(shelf: Shelf, folder: str | Path) -> list[str]:
    """One line for each installed version that differs from its record; none while the
    database is unreachable or not yet migrated (nothing recorded to compare with)."""
    if not question_banks.is_ready():
        return []
    kept = question_banks.recorded()
    problems = []
    for bank in shelf.banks:
        if bank.version not in kept:
            continue
        difference = first_difference(kept[bank.version], bank_json(bank))
        if difference is not None:
            problems.append(_describe(_bank_folder(folder, bank.version), bank.version, difference))
    return problems


def check_on_start_up(folder: str | Path) -> Shelf:
    """The installed banks, refused (BankError) when one is not valid or a version
    already used has changed; versions in use but not yet recorded are recorded."""
    shelf = load_shelf(folder)
    problems = changed_versions(shelf, folder)
    if problems:
        raise BankError("\n".join(problems))
    if question_banks.is_ready():
        in_use = question_banks.versions_in_use()
        for bank in shelf.banks:
            if bank.version in in_use:
                question_banks.record(bank.version, bank_json(bank))
    return shelf


def _bank_folder(folder: str | Path, version: str) -> Path:
    # A shelf holds a folder a version; QUESTION_BANK_PATH may also be one bank's folder.
    folder = Path(folder)
    return folder if (folder / "bank.yaml").exists() else folder / version


def _describe(folder: Path, version: str, difference: Difference) -> str:
    where = [str(folder / difference.file)]
    if difference.question:
        where.append(f"question {difference.question}")
    used = f"the bank {version} already used by assessments"
    if difference.change == "removed":
        return f"{': '.join(where)}: is missing, but {used} has it"
    if difference.change == "added":
        return f"{': '.join(where)}: is new, but {used} does not have it"
    return f"{': '.join(where)}: {difference.field}: differs from {used}"
