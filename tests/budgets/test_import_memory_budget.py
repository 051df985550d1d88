"""Performance budget: a large file is imported a batch at a time, so the memory an
import needs grows by little more than each respondent's id, not by each row's
answers as it once did. The time and the peak RSS at 100,000 rows are `make bench`'s
(benchmarks/import_scale.py); this checks only how peak memory grows with rows,
which tracemalloc counts exactly whatever else the machine is doing."""

from __future__ import annotations

import tracemalloc

import pytest

from assessment.storage import imports

HEADER = "respondent,role,service_area,culture.test_and_learn,culture.change,technology.legacy"


@pytest.fixture
def make_assessment(runner):
    """Make an assessment through the command line, as an importing council would; its id."""
    council = ["councils", "create", "--slug", "memoryshire", "--name", "Memoryshire"]
    assert runner.invoke(args=council).exit_code == 0

    def make() -> str:
        args = ["assessments", "create", "--council", "memoryshire", "--title", "Big"]
        result = runner.invoke(args=[*args, "--anonymity-threshold", "3"])
        assert result.exit_code == 0, result.output
        return result.stdout.strip()

    return make


def _peak_bytes(runner, assessment_id: str, path: str) -> int:
    tracemalloc.start()
    try:
        result = runner.invoke(args=["responses", "import", "--assessment", assessment_id, path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 0, result.output
    return peak


def _file(tmp_path, rows: int) -> str:
    path = tmp_path / f"{rows}.csv"
    lines = [HEADER] + [f"person-{n:06d},frontline,housing,4,dk,2" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_peak_memory_grows_by_a_respondent_id_a_row_not_by_its_answers(
    runner, make_assessment, tmp_path, monkeypatch
):
    monkeypatch.setattr(imports, "BATCH", 250)
    small, large = 1_000, 6_000
    _peak_bytes(runner, make_assessment(), _file(tmp_path, 50))  # caches warmed
    peak_small = _peak_bytes(runner, make_assessment(), _file(tmp_path, small))
    peak_large = _peak_bytes(runner, make_assessment(), _file(tmp_path, large))
    per_row = (peak_large - peak_small) / (large - small)
    # About 130 bytes now (the ids seen, to name a repeated one's line); 17,000 before.
    assert per_row < 1_000, f"{peak_small:,} B at {small:,} rows, {peak_large:,} B at {large:,}"
