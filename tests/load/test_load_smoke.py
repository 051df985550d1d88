"""The load script at a small size, in every test run: officers answering whole
questionnaires at once through gunicorn get no errors and lose nothing.

Times are printed, never asserted: `python -m benchmarks.load_officers` measures."""

from __future__ import annotations

from benchmarks import load_officers


def test_officers_answering_at_once_get_no_errors_and_lose_nothing(capsys, postgresql_server):
    report = load_officers.run(
        officers=5,
        seconds=10,
        database_url=postgresql_server.url,  # else SQLite
        workers=2,
        threads=4,
    )
    with capsys.disabled():
        print("\n" + "\n".join(report.lines()))
    assert report.errors == 0
    assert report.check.submitted_sent > 0
    assert report.check.answers_sent > 0
    assert report.check.lost == 0
    assert report.check.unexpected == 0
