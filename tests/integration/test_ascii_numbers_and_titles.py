"""Numbers are typed with 0 to 9 and titles with words: a leader who pastes "٣" into a
headcount, or a title of spaces, is told what to fix; an address with "２" for an id
is not a page. Python's isdigit() and int() take digits of every script, so each
of these was accepted."""

from __future__ import annotations

import pytest

from assessment.storage import assessments, councils

from .people import make_admin, make_council, post_with_token, sign_in

# The zero of each script; its 1 to 9 follow it.
OTHER_ZEROS = {"fullwidth": 0xFF10, "Arabic-Indic": 0x0660, "Devanagari": 0x0966}


def written_in(zero: int, number: int) -> str:
    """The number in another script's digits: int() reads it back as the number."""
    written = "".join(chr(zero + int(d)) for d in str(number))
    assert int(written) == number
    return written


@pytest.fixture
def leader(app, client, clean_database):
    council = make_council(app, "southshire", "lead@south.example")
    sign_in(client, "lead@south.example")
    return council


def _titles(app) -> list[str]:
    with app.app_context():
        return [
            a.title for a in assessments.assessments_for(councils.council_by_slug("southshire"))
        ]


@pytest.mark.parametrize("title", ["   ", "\t \u00a0 ", "\x01\x02"])
def test_a_title_of_only_spaces_is_refused_with_a_message(app, client, leader, title):
    refused = post_with_token(
        client,
        "/assessments/new",
        "/assessments/new",
        {"title": title, "anonymity_threshold": "5"},
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "<title>Error:" in page
    assert "govuk-error-summary" in page and "Enter a title" in page
    assert _titles(app) == ["Southshire 2026"]


def test_a_title_keeps_its_words_without_the_spaces_around_them(app, client, leader):
    created = post_with_token(
        client,
        "/assessments/new",
        "/assessments/new",
        {"title": "  Spring 2027  ", "anonymity_threshold": "5"},
    )
    assert created.status_code == 302
    assert sorted(_titles(app)) == ["Southshire 2026", "Spring 2027"]


@pytest.mark.parametrize("zero", OTHER_ZEROS.values(), ids=OTHER_ZEROS.keys())
def test_an_id_in_an_address_in_other_digits_is_not_a_page(client, leader, zero):
    mine = leader.assessment_id
    assert client.get(f"/assessments/{mine}").status_code == 200
    assert client.get(f"/assessments/{mine}/progress").status_code == 200
    other = written_in(zero, mine)
    for path in (
        f"/assessments/{other}",
        f"/assessments/{other}/progress",
        f"/assessments/{other}/headcounts",
        f"/assessments/{other}/results",
        f"/assessments/{other}/report.pdf",
    ):
        assert client.get(path).status_code == 404, path


def test_an_administrators_address_with_other_digits_is_not_a_page(app, client, leader):
    sign_in(client, make_admin(app))
    assert client.get(f"/admin/councils/{leader.id}").status_code == 200
    other = written_in(OTHER_ZEROS["fullwidth"], leader.id)
    assert client.get(f"/admin/councils/{other}").status_code == 404


@pytest.mark.parametrize("digit", ["\u0663", "\uff13", "\u00b3", "3\u0663"])
def test_a_headcount_in_other_digits_is_refused_and_nothing_is_lost(app, client, leader, digit):
    base = f"/assessments/{leader.assessment_id}/headcounts"
    assert post_with_token(client, base, base, {"role__manager": "7"}).status_code == 302

    refused = post_with_token(client, base, base, {"role__manager": "7", "role__frontline": digit})

    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "<title>Error:" in page
    assert "Frontline: enter a whole number, or leave it empty" in page
    with app.app_context():
        counts = assessments.headcounts(assessments.assessment_by_id(leader.assessment_id))
    assert counts == {("role", "manager"): 7}


def test_an_anonymity_threshold_in_other_digits_is_refused(app, client, leader):
    refused = post_with_token(
        client,
        "/assessments/new",
        "/assessments/new",
        {"title": "Arabic five", "anonymity_threshold": "\u0665"},
    )
    assert refused.status_code == 400
    assert "Anonymity threshold must be a whole number" in refused.get_data(as_text=True)
    assert _titles(app) == ["Southshire 2026"]


def test_a_council_chosen_in_other_digits_is_refused(app, client, leader):
    sign_in(client, make_admin(app))
    refused = post_with_token(
        client,
        "/assessments/new",
        "/assessments/new",
        {
            "title": "Wide",
            "anonymity_threshold": "5",
            "council": written_in(OTHER_ZEROS["fullwidth"], leader.id),
        },
    )
    assert refused.status_code == 400
    assert _titles(app) == ["Southshire 2026"]
