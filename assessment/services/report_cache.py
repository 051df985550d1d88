"""Finished PDFs on disk, shared by every worker process: one per assessment, document
(the report, the councillors' summary ...) and language."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class ReportCache:
    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _path(self, assessment_id: int, document: str, language: str, key: str) -> Path:
        return self.folder / f"assessment-{assessment_id}-{document}-{language}-{key}.pdf"

    def get(self, assessment_id: int, document: str, language: str, key: str) -> bytes | None:
        try:
            return self._path(assessment_id, document, language, key).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None

    def has(self, assessment_id: int, document: str, language: str, key: str) -> bool:
        return self._path(assessment_id, document, language, key).is_file()

    def forget(self, assessment_id: int) -> None:
        """Remove every cached report of an assessment (it has been deleted)."""
        for cached in self.folder.glob(f"assessment-{assessment_id}-*.pdf"):
            cached.unlink(missing_ok=True)

    def put(self, assessment_id: int, document: str, language: str, key: str, pdf: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Written whole then renamed, so a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(pdf)
        # The older copy in this language is out of date; other languages' copies stay, so
        # leaders reading in English and in Welsh don't each rebuild the other's PDF.
        for old in self.folder.glob(f"assessment-{assessment_id}-{document}-{language}-*.pdf"):
            old.unlink(missing_ok=True)
        os.replace(temporary, self._path(assessment_id, document, language, key))
