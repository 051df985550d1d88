"""Finished PDFs on disk, shared by every worker process, one per assessment, language and
document (the report, or the councillors' summary)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

REPORT = "report"


class ReportCache:
    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _prefix(self, assessment_id: int, language: str, document: str) -> str:
        # The report keeps the names it had before there was a second document.
        shown = "" if document == REPORT else f"{document}-"
        return f"assessment-{assessment_id}-{shown}{language}-"

    def _path(self, assessment_id: int, language: str, key: str, document: str) -> Path:
        return self.folder / f"{self._prefix(assessment_id, language, document)}{key}.pdf"

    def get(
        self, assessment_id: int, language: str, key: str, document: str = REPORT
    ) -> bytes | None:
        try:
            return self._path(assessment_id, language, key, document).read_bytes()
        except FileNotFoundError:
            return None

    def forget(self, assessment_id: int) -> None:
        """Remove every cached report of an assessment (it has been deleted)."""
        for cached in self.folder.glob(f"assessment-{assessment_id}-*.pdf"):
            cached.unlink(missing_ok=True)

    def put(
        self, assessment_id: int, language: str, key: str, pdf: bytes, document: str = REPORT
    ) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Written whole then renamed, so a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(pdf)
        # The older copy in this language is out of date; other languages' copies stay, so
        # leaders reading in English and in Welsh don't each rebuild the other's PDF.
        for old in self.folder.glob(f"{self._prefix(assessment_id, language, document)}*.pdf"):
            old.unlink(missing_ok=True)
        os.replace(temporary, self._path(assessment_id, language, key, document))
