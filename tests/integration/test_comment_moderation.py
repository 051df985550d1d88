"""A comment that looks like personal data is held: no results page, download or
report shows it until a leader of the council releases it, and any comment can be
hidden with a reason (FRAMEWORK.md, "Anonymity"; issue 21, item 4)."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
import sqlalchemy as sa

from assessment.bank import current_bank
from assessment.storage import assessments, councils, database, responses
from assessment.storage.base import db
from assessment.storage.models import ThemeEntry

from ..report_jobs_helper import download_report
from .people import close, make_council, post_with_token, sign_in
from .test_results_snapshot import _import, _text, leader_urls

PHONE = "Ring Dave in IT on 01632 960123, he fixes it"
PLAIN = "We try things in small steps"
NAMED = "Mr Smith signs off every change"
ON_A_HIDDEN_THEME = "Only two of us answer about technology: 07700 900123"
LEADER = "lead@east.example"

PEOPLE = [
    ("leadership", "housing", {"culture.test_and_learn": 5, "technology.legacy": 3}),
    ("leadership", "housing", {"culture.test_and_learn": 4, "technology.legacy": "dk"}),
    ("frontline", "other", {"culture.test_and_learn": 2, "technology.legacy": "dk"}),
    ("frontline", "other", {"culture.test_and_learn": 1, "technology.legacy": 2}),
]


@pytest.fixture
def closed(app, clean_database):
    """Four people (k = 3): culture is shown, technology (two scorers) is not."""
    council = make_council(app, "eastshire", LEADER)
    _import(app, council.assessment_id, PEOPLE)
    with app.app_context():
        bank = current_bank()
        people = assessments.assessment_by_id(council.assessment_id).responses
        for response, (theme, text) in zip(
            people,
            [("culture", PHONE), ("culture", PLAIN), ("culture", NAMED)],
            strict=False,
        ):
            responses.save_theme(response, bank.theme(theme), {}, text, True)
        responses.save_theme(people[3], bank.theme("technology"), {}, ON_A_HIDDEN_THEME, True)
        database.commit()
    close(app, council.assessment_id)
    return council


def _review_url(council) -> str:
    return f"/assessments/{council.assessment_id}/comments"


def _refs(client, council) -> dict[str, str]:
    """Each comment on the review page, by its first words, with the name its
    actions use."""
    page = client.get(_review_url(council)).get_data(as_text=True)
    refs = {}
    pattern = r"<blockquote[^>]*>([^<]*)</blockquote>.*?/comments/([0-9a-f]{24})/"
    for text, ref in re.findall(pattern, page, flags=re.S):
        refs[text.strip()[:12]] = ref
    return refs


def _release(client, council, ref: str):
    return post_with_token(
        client, _review_url(council), f"{_review_url(council)}/{ref}/release", {}
    )


def _hide(client, council, ref: str, reason: str):
    url = f"{_review_url(council)}/{ref}/hide"
    return post_with_token(client, url, url, {"reason": reason})


def _everything_a_leader_reads(client, council) -> dict[str, str]:
    return {url: _text(download_report(client, url)) for url in leader_urls(council.assessment_id)}


def _culture(client, council) -> str:
    return _text(client.get(f"/assessments/{council.assessment_id}/results/themes/culture"))


def test_a_comment_with_a_phone_number_is_held_everywhere_until_a_leader_releases_it(
    client, closed
):
    sign_in(client, LEADER)
    read = _everything_a_leader_reads(client, closed)
    assert [url for url, text in read.items() if "01632" in text] == []
    assert [url for url, text in read.items() if "Mr Smith" in text] == []
    report = read[f"/assessments/{closed.assessment_id}/report.pdf"]
    assert PLAIN in _culture(client, closed) and "small steps" in report

    review = client.get(_review_url(closed)).get_data(as_text=True)
    assert "Held for review: 2 comments" in review
    assert "a phone number" in review and "a title and a name, such as Mr Smith" in review
    assert "Only two of us" not in review  # technology's score is not shown: nor its comments

    released = _release(client, closed, _refs(client, closed)["Ring Dave in"])
    assert released.status_code == 302
    assert PHONE in _culture(client, closed)
    pdf = _text(download_report(client, f"/assessments/{closed.assessment_id}/report.pdf"))
    assert "01632 960123" in pdf  # a new PDF, not the copy cached before the release
    assert "Mr Smith" not in _culture(client, closed)  # still held


def test_a_comment_hidden_with_a_reason_is_removed_from_every_page_and_the_report(
    app, client, closed
):
    sign_in(client, LEADER)
    assert "small steps" in _text(
        download_report(client, f"/assessments/{closed.assessment_id}/report.pdf")
    )
    hidden = _hide(client, closed, _refs(client, closed)["We try thing"], "Names a small team")
    assert hidden.status_code == 302

    read = _everything_a_leader_reads(client, closed)
    assert [url for url, text in read.items() if "small steps" in text] == []
    review = client.get(_review_url(closed)).get_data(as_text=True)
    assert "Hidden: 1 comment" in review
    assert "Reason: Names a small team" in review and LEADER in review
    with app.app_context():
        entry = db.session.scalar(sa.select(ThemeEntry).where(ThemeEntry.comment == PLAIN))
        assert (entry.moderation, entry.moderation_reason) == ("hidden", "Names a small team")


def test_closing_marks_held_comments_and_the_archive_keeps_them_marked(app, closed):
    from assessment.services.archive import council_archive

    with app.app_context():
        rows = db.session.execute(sa.select(ThemeEntry.comment, ThemeEntry.moderation)).all()
        states = {comment: state for comment, state in rows}
        archive = council_archive(councils.council_by_slug("eastshire"))
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        [document] = json.loads(files.read("council.json"))["assessments"]
    assert states[PHONE] == "held" and states[NAMED] == "held" and states[PLAIN] is None
    assert {c["text"]: c["moderation"] for c in document["comments"]["culture"]} == {
        PHONE: "held",
        PLAIN: "shown",
        NAMED: "held",
    }
    assert document["comments"]["technology"][0]["text"] == ON_A_HIDDEN_THEME
    snapshot_comments = document["results_snapshot"]["comments"]
    assert snapshot_comments == {"culture": [NAMED, PHONE, PLAIN]}  # no entry ids


def test_a_leader_of_another_council_gets_page_not_found(app, client, closed):
    sign_in(client, LEADER)
    refs = _refs(client, closed)
    client.post("/auth/sign-out", data={"csrf_token": _token(client, "/assessments")})

    west = make_council(app, "westshire", "lead@west.example")
    _import(app, west.assessment_id, PEOPLE)
    close(app, west.assessment_id)
    sign_in(client, "lead@west.example")
    ref = refs["Ring Dave in"]
    own_review = f"/assessments/{west.assessment_id}/comments"
    token = _token(client, own_review)
    for url in (f"{_review_url(closed)}/{ref}/release", f"{_review_url(closed)}/{ref}/hide"):
        assert client.post(url, data={"csrf_token": token, "reason": "x"}).status_code == 404
    assert client.get(_review_url(closed)).status_code == 404
    # Their own assessment's address with the other council's comment: not found either.
    for action in ("release", "hide"):
        url = f"{own_review}/{ref}/{action}"
        assert client.post(url, data={"csrf_token": token, "reason": "x"}).status_code == 404
    with app.app_context():
        assert (
            db.session.scalar(sa.select(ThemeEntry.moderation).where(ThemeEntry.comment == PHONE))
            == "held"
        )


def _token(client, page: str) -> str:
    from ..page_checks import csrf_token

    return csrf_token(client.get(page).get_data(as_text=True))


@pytest.mark.parametrize("ref", ["a" * 24, "0" * 23, "ü" * 24, "../" * 8, "1"])
def test_a_forged_comment_name_is_page_not_found(client, closed, ref):
    sign_in(client, LEADER)
    token = _token(client, _review_url(closed))
    for action in ("release", "hide"):
        url = f"{_review_url(closed)}/{ref}/{action}"
        assert client.post(url, data={"csrf_token": token, "reason": "x"}).status_code == 404


def test_releasing_a_comment_that_is_not_held_is_refused_with_a_clear_message(client, closed):
    sign_in(client, LEADER)
    refused = _release(client, closed, _refs(client, closed)["We try thing"])
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "This comment is not held, so there is nothing to release." in page
    assert "<title>Error:" in page
    assert PLAIN in _culture(client, closed)


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Enter why you are hiding this comment"),
        ("   ", "Enter why you are hiding this comment"),
        ("x" * 100_000, "Reason must be 500 characters or fewer"),
    ],
)
def test_a_missing_or_overlong_reason_is_refused_and_nothing_is_hidden(
    client, closed, reason, message
):
    sign_in(client, LEADER)
    refused = _hide(client, closed, _refs(client, closed)["We try thing"], reason)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert message in page and "<title>Error:" in page
    assert PLAIN in _culture(client, closed)


def test_a_reason_with_html_is_shown_as_typed(client, closed):
    sign_in(client, LEADER)
    reason = '<script>alert("x")</script><b>bold</b>'
    assert _hide(client, closed, _refs(client, closed)["Mr Smith sig"], reason).status_code == 302
    review = client.get(_review_url(closed)).get_data(as_text=True)
    assert "<script>alert" not in review and "<b>bold</b>" not in review
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in review


def test_comments_are_deleted_with_their_assessment(app, closed):
    from assessment.services.erasure import erase_assessment

    with app.app_context():
        erase_assessment(assessments.assessment_by_id(closed.assessment_id))
        database.commit()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ThemeEntry)) == 0
