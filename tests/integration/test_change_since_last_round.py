"""Roundshire answered last spring and again this spring; its leader downloads this round's
results and finds how each theme moved, like for like, worked out here by hand from the
answers stored, not through framework/change.py.

Both rounds use the two-theme test bank: culture has two questions (culture.test_and_learn,
weight 1; culture.change, weight 2), so it compares; technology has one, so it does not.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from datetime import timedelta

import pytest

from assessment.bank import current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.services import closing
from assessment.services.change import since_last_round
from assessment.storage import accounts, assessments, councils, database, imports

from ..report_jobs_helper import download_report
from .clock import frozen_clock
from .people import PASSWORD, sign_in

LEADER = "lead@roundshire.example"
WEIGHTS = {"culture.test_and_learn": 1, "culture.change": 2}
LAST_SPRING = [
    ("leadership", "housing", {"culture.test_and_learn": 2, "culture.change": 3}),
    ("leadership", "housing", {"culture.test_and_learn": 3, "culture.change": 2}),
    ("leadership", "housing", {"culture.test_and_learn": 2, "culture.change": "dk"}),
    ("frontline", "other", {"culture.test_and_learn": 1, "culture.change": 2}),
    ("frontline", "other", {"culture.change": 1, "technology.legacy": 2}),
    ("frontline", "other", {"culture.test_and_learn": 2, "culture.change": 1}),
]
THIS_SPRING = [
    ("leadership", "housing", {"culture.test_and_learn": 4, "culture.change": 5}),
    ("leadership", "housing", {"culture.test_and_learn": 5, "culture.change": 4}),
    ("leadership", "housing", {"culture.test_and_learn": 4, "culture.change": 4}),
    ("frontline", "other", {"culture.test_and_learn": 3, "culture.change": 3}),
    ("frontline", "other", {"culture.test_and_learn": 2, "culture.change": 3}),
    ("frontline", "other", {"culture.change": 3, "technology.legacy": 4}),
]
# Answered after last spring's results were made: never part of any change.
LATE = [("frontline", "other", {"culture.test_and_learn": 5, "culture.change": 5})] * 3


def by_hand(people):
    """Each person's culture score on the shared questions, the plain mean, and its spread."""
    scores = []
    for _, _, answers in people:
        levels = [(WEIGHTS[q], a) for q, a in answers.items() if q in WEIGHTS and a != "dk"]
        if levels:
            scores.append(sum(w * a for w, a in levels) / sum(w for w, _ in levels))
    return statistics.mean(scores), statistics.stdev(scores), len(scores)


def _rows(people, first):
    return [
        ImportedResponse(n, f"r{n}", role, area, answers)
        for n, (role, area, answers) in enumerate(people, start=first)
    ]


@pytest.fixture
def roundshire(app, clean_database):
    """Last spring closed (with a late import after), this spring closed, naming it."""
    with frozen_clock() as clock, app.app_context():
        bank = current_bank()
        council = councils.create_council("roundshire", "Roundshire Council")
        from werkzeug.security import generate_password_hash

        accounts.create_user(LEADER, generate_password_hash(PASSWORD), "leader", council)
        last = assessments.create_assessment(council, "Spring 2025", 3, bank.version)
        imports.import_responses(last, _rows(LAST_SPRING, 2), bank)
        clock.tick(timedelta(minutes=1))
        closing.close(last, bank)
        clock.tick(timedelta(minutes=1))
        imports.import_responses(last, _rows(LATE, 100), bank)
        this = assessments.create_assessment(council, "Spring 2026", 3, bank.version)
        this.previous_assessment_id = last.id
        imports.import_responses(this, _rows(THIS_SPRING, 2), bank)
        clock.tick(timedelta(minutes=1))
        closing.close(this, bank)
        database.commit()
        return {"last": last.id, "this": this.id}


def test_the_downloads_and_the_command_line_agree_with_the_change_worked_by_hand(
    app, client, runner, roundshire
):
    before, s1, n1 = by_hand(LAST_SPRING)
    now, s2, n2 = by_hand(THIS_SPRING)
    expected = now - before
    clear = abs(expected) > 1.96 * (s1**2 / n1 + s2**2 / n2) ** 0.5
    assert clear  # the story: culture rose clearly

    sign_in(client, LEADER)
    base = f"/assessments/{roundshire['this']}/exports"
    change = json.loads(client.get(f"{base}/results.json").get_data(as_text=True))["change"]
    assert change["previous"] == str(roundshire["last"])
    culture = change["themes"]["culture"]
    assert culture["change"] == pytest.approx(expected)
    assert (culture["questions_compared"], culture["clear"]) == (2, True)
    assert change["themes"]["technology"] == {
        "change": None,
        "questions_compared": 1,
        "clear": None,
    }
    leaders_before, *_ = by_hand(LAST_SPRING[:3])
    leaders_now, *_ = by_hand(THIS_SPRING[:3])
    assert change["roles"]["leadership"]["culture"]["change"] == pytest.approx(
        leaders_now - leaders_before
    )
    # Nobody answered as an elected member: no change to show, in either round.
    assert change["roles"]["elected_member"] == {
        "culture": None,
        "technology": {"change": None, "questions_compared": 1, "clear": None},
    }

    text = client.get(f"{base}/results.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    [row] = [r for r in rows if r["group_type"] == "council" and r["theme"] == "culture"]
    assert row["previous_score"] == f"{before + 1e-9:.1f}"
    assert row["change"] == f"{expected + 1e-9:+.1f}"
    [tech] = [r for r in rows if r["group_type"] == "council" and r["theme"] == "technology"]
    assert (tech["previous_score"], tech["change"]) == ("", "")

    printed = runner.invoke(
        args=["results", "--assessment", str(roundshire["this"]), "--format", "json"]
    )
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.stdout)["change"] == change


def test_without_a_previous_round_the_change_is_null_and_the_csv_columns_empty(
    app, client, roundshire
):
    sign_in(client, LEADER)
    base = f"/assessments/{roundshire['last']}/exports"
    assert json.loads(client.get(f"{base}/results.json").get_data(as_text=True))["change"] is None
    text = client.get(f"{base}/results.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {(r["previous_score"], r["change"]) for r in rows} == {("", "")}


def test_the_page_says_how_each_theme_moved_in_words_and_figures(app, client, roundshire):
    before, _, _ = by_hand(LAST_SPRING)
    now, _, _ = by_hand(THIS_SPRING)
    sign_in(client, LEADER)
    page = client.get(f"/assessments/{roundshire['this']}/results/change")
    assert page.status_code == 200
    text = " ".join(page.get_data(as_text=True).split())
    assert "2 questions were compared" in text
    assert f"↑ up {now - before + 1e-9:.1f}, clear change" in text
    assert f"{before + 1e-9:.1f}" in text and f"{now + 1e-9:.1f}" in text
    assert "not comparable: 1 question shared" in text
    assert "Leadership" in text  # shown in both rounds, so in the groups' table


def test_a_round_without_a_previous_one_says_so_and_links_to_where_to_set_it(
    app, client, roundshire
):
    sign_in(client, LEADER)
    page = client.get(f"/assessments/{roundshire['last']}/results/change")
    text = page.get_data(as_text=True)
    assert "does not follow an earlier round" in text
    assert f'href="/assessments/{roundshire["last"]}"' in text


def test_the_pdf_has_a_section_since_the_last_round(app, client, roundshire):
    from pypdf import PdfReader

    before, _, _ = by_hand(LAST_SPRING)
    now, _, _ = by_hand(THIS_SPRING)
    sign_in(client, LEADER)
    pdf = download_report(client, f"/assessments/{roundshire['this']}/report.pdf")
    assert pdf.status_code == 200
    pages = PdfReader(io.BytesIO(pdf.get_data())).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Since the last round" in text
    assert f"up {now - before + 1e-9:.1f}, clear change" in text


def test_three_rounds_show_a_trend_of_full_scores_naming_each_rounds_questions(
    app, client, roundshire
):
    with frozen_clock(), app.app_context():
        bank = current_bank()
        council = councils.council_by_slug("roundshire")
        third = assessments.create_assessment(council, "Spring 2027", 3, bank.version)
        third.previous_assessment_id = roundshire["this"]
        imports.import_responses(third, _rows(THIS_SPRING, 2), bank)
        closing.close(third, bank)
        database.commit()
        third_id = third.id
    sign_in(client, LEADER)
    text = client.get(f"/assessments/{third_id}/results/change").get_data(as_text=True)
    assert "round by round" in text
    for title in ("Spring 2025", "Spring 2026", "Spring 2027"):
        assert f"{title} (questions test.1)" in text
    # Two rounds only: no trend.
    two = client.get(f"/assessments/{roundshire['this']}/results/change").get_data(as_text=True)
    assert "round by round" not in two


def test_the_change_sends_as_many_queries_for_many_people_as_for_few(app, roundshire):
    from .statements import counting_queries

    def queries():
        with app.app_context():
            this = assessments.assessment_by_id(roundshire["this"])
            bank = current_bank()
            shown = closing.shown_snapshot(this, bank)
            with counting_queries(app) as statements:
                since_last_round(this, bank, shown)
            return len(statements)

    few = queries()
    with frozen_clock() as clock, app.app_context():
        bank = current_bank()
        this = assessments.assessment_by_id(roundshire["this"])
        assessments.set_status(this, "open")
        imports.import_responses(this, _rows(THIS_SPRING * 5, 200), bank)
        clock.tick(timedelta(minutes=1))
        closing.close(this, bank)
        database.commit()
    assert queries() == few


def test_the_reports_fingerprint_follows_what_the_change_is_made_from_without_making_it(
    app, roundshire, monkeypatch
):
    """A download's first response hashes what the PDF shows; scoring every officer's
    answers again for the change would cost it seconds at a large council."""
    from assessment.bank import bank_of
    from assessment.services import change, report

    def not_made(*args, **kwargs):
        raise AssertionError("the fingerprint made the change")

    def key():
        this = assessments.assessment_by_id(roundshire["this"])
        snapshot = closing.shown_snapshot(this, bank_of(this))
        with monkeypatch.context() as patch:
            patch.setattr(change, "compare", not_made)
            return report.fingerprint(bank_of(this), this, snapshot)

    with app.test_request_context():
        first = key()
        assert key() == first  # nothing moved

        last = assessments.assessment_by_id(roundshire["last"])
        assessments.set_status(last, "open")  # reopened, and closed with the late answers
        closing.close(last, current_bank())
        database.commit()
        with_late_answers = key()
        assert with_late_answers != first

        this = assessments.assessment_by_id(roundshire["this"])
        this.previous_assessment_id = None  # no longer follows a round
        database.commit()
        assert key() not in (first, with_late_answers)
