"""An administrator erases a council's or an assessment's data for good (UK GDPR),
after a page that says what will go; every row of it goes, in every table, and
nothing of any other council or assessment is touched. Only administrators can."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from assessment.storage import accounts, actions, assessments, database, targets
from assessment.storage import councils as council_store
from assessment.storage.base import Base, db

from ..page_checks import csrf_token
from .officer import Officer
from .people import AUTHENTICATOR_SECRET, Council, close, make_admin, make_council, sign_in

# How each table's rows belong to a council (alias c) and, below it, an assessment (a).
_ANSWERS = (
    "JOIN response r ON r.id = x.response_id "
    "JOIN assessment a ON a.id = r.assessment_id JOIN council c ON c.id = a.council_id"
)
OWNED = {
    "council": "council c",
    "user_account": "user_account u JOIN council c ON c.id = u.council_id",
    "assessment": "assessment a JOIN council c ON c.id = a.council_id",
    "response": (
        "response r JOIN assessment a ON a.id = r.assessment_id "
        "JOIN council c ON c.id = a.council_id"
    ),
    "answer": f"answer x {_ANSWERS}",
    "theme_entry": f"theme_entry x {_ANSWERS}",
    "response_tally": f"response_tally x {_ANSWERS}",
    "headcount": (
        "headcount h JOIN assessment a ON a.id = h.assessment_id "
        "JOIN council c ON c.id = a.council_id"
    ),
    "recovery_code": (
        "recovery_code x JOIN user_account u ON u.id = x.user_id "
        "JOIN council c ON c.id = u.council_id"
    ),
    "reset_link": (
        "reset_link x JOIN user_account u ON u.id = x.user_id JOIN council c ON c.id = u.council_id"
    ),
    "results_snapshot": (
        "results_snapshot s JOIN assessment a ON a.id = s.assessment_id "
        "JOIN council c ON c.id = a.council_id"
    ),
    "action": (
        "action x JOIN assessment a ON a.id = x.assessment_id JOIN council c ON c.id = a.council_id"
    ),
    "dropped_suggestion": (
        "dropped_suggestion x JOIN assessment a ON a.id = x.assessment_id "
        "JOIN council c ON c.id = a.council_id"
    ),
    "target": (
        "target t JOIN assessment a ON a.id = t.assessment_id JOIN council c ON c.id = a.council_id"
    ),
}
TABLES = tuple(OWNED)
# Tables of no council: the bank versions used (their words, none about anyone) stay
# after a council goes, so other councils' rounds on them are still checked.
SHARED = {"question_bank"}


def test_the_row_counts_cover_every_table():
    """A new table must say here how its rows belong to a council, or this fails."""
    assert set(OWNED) | SHARED == {table.name for table in Base.metadata.sorted_tables}


def _count(app: Flask, sql: str, **params) -> int:
    with app.app_context():
        count = db.session.scalar(sa.text(sql), params)
        db.session.remove()
    return count


def council_rows(app: Flask, slug: str) -> dict[str, int]:
    """Rows in each table that belong to the council."""
    return {
        table: _count(app, f"SELECT count(*) FROM {joins} WHERE c.slug = :slug", slug=slug)
        for table, joins in OWNED.items()
    }


def assessment_rows(app: Flask, assessment_id: int) -> dict[str, int]:
    """Rows in each table that belong to the assessment (none of the council's own)."""
    return {
        table: _count(app, f"SELECT count(*) FROM {joins} WHERE a.id = :id", id=assessment_id)
        if "assessment a" in joins
        else 0
        for table, joins in OWNED.items()
    }


def all_rows(app: Flask) -> dict[str, int]:
    return {table: _count(app, f"SELECT count(*) FROM {table}") for table in TABLES}


def minus(before: dict[str, int], gone: dict[str, int]) -> dict[str, int]:
    return {table: before[table] - gone[table] for table in TABLES}


def fill(app: Flask, council: Council) -> int:
    """Officers answer the council's assessment (some submit, one is still going), its
    leader enters headcounts, and a second assessment gets an answer; its id."""
    for role, area, culture, technology, submit in [
        (
            "frontline",
            "housing",
            {"culture.test_and_learn": "2", "culture.change": "dk"},
            "1",
            True,
        ),
        ("manager", "planning", {"culture.test_and_learn": "4"}, "3", True),
        ("leadership", "other", {"culture.test_and_learn": "5", "culture.change": "4"}, "", True),
        ("frontline", "planning", {"culture.test_and_learn": "1"}, "1", False),
    ]:
        officer = Officer(app.test_client(), council.invitation)
        officer.say_about_me(role=role, area=area)
        officer.answer("culture", culture, f"From {role} in {area}")
        officer.answer("technology", {"technology.legacy": technology} if technology else {})
        if submit:
            officer.submit()
    with app.app_context():
        assessments.set_headcounts(
            assessments.assessment_by_id(council.assessment_id), {("role", "frontline"): 40}
        )
        second = assessments.create_assessment(
            council_store.council_by_id(council.id), "Second look", 3, "test.1"
        )
        assessments.set_headcounts(second, {("council", "council"): 300})
        # Its action plan: an action of their own on each round, a suggested step dropped.
        first = assessments.assessment_by_id(council.assessment_id)
        for round_ in (first, second):
            actions.add_action(round_, None, {"title": "Tell staff what we heard"})
        actions.drop_suggestion(first, "step-1", None)
        # ... and aims for a culture score by the next round.
        targets.set_targets(
            assessments.assessment_by_id(council.assessment_id), {"culture": 35}, None
        )
        # The leader has an authenticator app's recovery codes and a reset link.
        leader = accounts.leaders_of(council_store.council_by_id(council.id))[0]
        accounts.set_up_mfa(leader, AUTHENTICATOR_SECRET, accounts.new_recovery_codes(), step=1)
        accounts.new_reset_link(leader)
        database.commit()
        second_id, second_invitation = second.id, second.invitation_token
    later = Officer(app.test_client(), second_invitation)
    later.say_about_me()
    later.answer("technology", {"technology.legacy": "2"}, "Old systems")
    later.submit()
    close(app, second_id)  # its results snapshot must go with it too
    return second_id


@pytest.fixture
def councils(app, clean_database) -> tuple[Council, Council]:
    east = make_council(app, "eastshire", "lead@east.example")
    west = make_council(app, "westshire", "lead@west.example")
    fill(app, east)
    fill(app, west)
    return east, west


@pytest.fixture
def admin(app, client, councils):
    sign_in(client, make_admin(app))
    return client


def test_an_administrator_deletes_a_council_and_every_row_of_it_goes(app, admin, councils):
    east, _ = councils
    before = {
        "east": council_rows(app, "eastshire"),
        "west": council_rows(app, "westshire"),
        "all": all_rows(app),
    }
    assert all(before["east"].values()), "every table holds some of the council's data"

    asked = admin.get(f"/admin/councils/{east.id}/delete")
    page = asked.get_data(as_text=True)
    assert "Are you sure you want to delete Eastshire Council?" in page
    assert "This deletes 5 responses" in page
    assert "in 2 assessments" in page and "1 leader account" in page
    assert all_rows(app) == before["all"]  # asking deletes nothing

    deleted = admin.post(
        f"/admin/councils/{east.id}/delete", data={"csrf_token": csrf_token(page), "submit": "y"}
    )

    assert deleted.headers["Location"] == "/admin/councils"
    assert "Eastshire Council and all its data have been deleted" in admin.get(
        "/admin/councils"
    ).get_data(as_text=True)
    assert council_rows(app, "eastshire") == dict.fromkeys(TABLES, 0)
    assert council_rows(app, "westshire") == before["west"]
    assert all_rows(app) == minus(before["all"], before["east"])  # nothing orphaned
    assert sign_in(app.test_client(), "lead@east.example").status_code == 400
    assert sign_in(app.test_client(), "lead@west.example").status_code == 302


def test_an_administrator_deletes_one_assessment_after_being_told_what_goes(app, admin, councils):
    east, _ = councils
    before = {
        "doomed": assessment_rows(app, east.assessment_id),
        "east": council_rows(app, "eastshire"),
        "west": council_rows(app, "westshire"),
    }
    council_page = admin.get(f"/admin/councils/{east.id}").get_data(as_text=True)
    assert f'action="/admin/assessments/{east.assessment_id}/delete"' in council_page

    asked = admin.post(
        f"/admin/assessments/{east.assessment_id}/delete",
        data={"csrf_token": csrf_token(council_page)},
    )
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "Are you sure you want to delete Eastshire 2026?" in page
    assert "This deletes 4 responses" in page
    assert council_rows(app, "eastshire") == before["east"]  # asking deletes nothing

    deleted = admin.post(
        f"/admin/assessments/{east.assessment_id}/delete",
        data={"csrf_token": csrf_token(page), "submit": "y"},
    )

    assert deleted.headers["Location"] == f"/admin/councils/{east.id}"
    assert assessment_rows(app, east.assessment_id) == dict.fromkeys(TABLES, 0)
    assert council_rows(app, "eastshire") == minus(before["east"], before["doomed"])
    assert council_rows(app, "westshire") == before["west"]
    assert "Second look" in admin.get(f"/admin/councils/{east.id}").get_data(as_text=True)


def test_a_leader_cannot_delete_their_council_or_its_assessments(app, client, councils):
    east, west = councils
    sign_in(client, "lead@east.example")
    before = all_rows(app)
    token = csrf_token(client.get("/assessments/new").get_data(as_text=True))

    assert client.get(f"/admin/councils/{east.id}/delete").status_code == 403
    confirmed = {"csrf_token": token, "submit": "y"}
    assert client.post(f"/admin/councils/{east.id}/delete", data=confirmed).status_code == 403
    own = f"/admin/assessments/{east.assessment_id}/delete"
    assert client.post(own, data=confirmed).status_code == 403
    other = f"/admin/assessments/{west.assessment_id}/delete"
    assert client.post(other, data=confirmed).status_code == 404

    assert all_rows(app) == before


def test_a_deleted_assessments_pdf_report_goes_from_the_disk_too(app, admin, councils):
    east, west = councils
    cache = Path(app.config["REPORT_CACHE_DIR"])
    cache.mkdir(parents=True, exist_ok=True)
    doomed = cache / f"assessment-{east.assessment_id}-test.pdf"
    kept = cache / f"assessment-{west.assessment_id}-test.pdf"
    for report in (doomed, kept):
        report.write_bytes(b"%PDF- results")
    try:
        page = admin.get(f"/admin/councils/{east.id}").get_data(as_text=True)
        admin.post(
            f"/admin/assessments/{east.assessment_id}/delete",
            data={"csrf_token": csrf_token(page), "submit": "y"},
        )
        assert not doomed.exists()
        assert kept.exists()
    finally:
        for report in (doomed, kept):
            report.unlink(missing_ok=True)
