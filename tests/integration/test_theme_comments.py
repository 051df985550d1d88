"""A leader reads what officers wrote about a theme, and filters it by a word.

Filtering shows fewer of the comments already on the page, never another one,
so it can give nobody away: the comments of a theme whose score is hidden stay
hidden whatever is typed.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from assessment.bank import current_bank
from assessment.framework.responses_csv import ImportedResponse
from assessment.framework.scoring import DONT_KNOW
from assessment.storage import assessments, database, imports, responses

from .people import SIX_LEADERS_AND_FRONTLINE, close, make_council, sign_in

COMMENTS = [
    "Parking at the depot is a daily fight.",
    "We never hear why systems change.",
    "More training on the new PARKING permits system, please.",
    "Leaders try <b>bold</b> ideas.",
]


@pytest.fixture
def leader(app, client, clean_database):
    council = make_council(app, "commentshire", "lead@comments.example")
    with app.app_context():
        assessment = assessments.assessment_by_id(council.assessment_id)
        rows = [
            ImportedResponse(n, f"r{n}", role, area, answers)
            for n, (role, area, answers) in enumerate(SIX_LEADERS_AND_FRONTLINE, start=2)
        ]
        imports.import_responses(assessment, rows, current_bank())
        culture = current_bank().theme("culture")
        for response, comment in zip(assessment.responses, COMMENTS, strict=False):
            responses.save_theme(response, culture, {}, comment, True)
        database.commit()
    close(app, council.assessment_id)
    sign_in(client, "lead@comments.example")
    client.theme_page = f"/assessments/{council.assessment_id}/results/themes/culture"
    return client


def shown_comments(page: str) -> list[str]:
    return [unescape(c) for c in re.findall(r'class="govuk-inset-text app-comment">([^<]*)<', page)]


def count(page: str) -> str:
    found = re.search(r'id="comments-count">(.*?)</p>', page, re.S)
    return unescape(found.group(1).strip())


def test_a_leader_sees_every_comment_and_how_many_there_are(leader):
    page = leader.get(leader.theme_page).get_data(as_text=True)
    assert sorted(shown_comments(page)) == sorted(COMMENTS)
    assert count(page) == "4 comments"
    assert "Filter comments" in page


def test_a_word_in_any_case_keeps_only_the_comments_containing_it(leader):
    page = leader.get(leader.theme_page, query_string={"word": "parking"}).get_data(as_text=True)
    assert sorted(shown_comments(page)) == sorted([COMMENTS[0], COMMENTS[2]])
    assert count(page) == "2 of 4 comments contain “parking”"
    assert 'value="parking"' in page  # the word stays in the box
    assert "Show all comments" in page


def test_one_match_reads_in_the_singular(leader):
    page = leader.get(leader.theme_page, query_string={"word": "Systems change"}).get_data(
        as_text=True
    )
    assert shown_comments(page) == [COMMENTS[1]]
    assert count(page) == "1 of 4 comments contains “Systems change”"


def test_a_word_nobody_wrote_says_so(leader):
    page = leader.get(leader.theme_page, query_string={"word": "broadband"}).get_data(as_text=True)
    assert shown_comments(page) == []
    assert count(page) == "No comments contain “broadband”."


def test_html_in_the_word_is_printed_as_text_everywhere(leader):
    page = leader.get(leader.theme_page, query_string={"word": "<b>bold</b>"}).get_data(
        as_text=True
    )
    assert "<b>bold</b>" not in page
    assert shown_comments(page) == [COMMENTS[3]]
    assert "1 of 4 comments contains “&lt;b&gt;bold&lt;/b&gt;”" in page
    assert 'value="&lt;b&gt;bold&lt;/b&gt;"' in page


def test_an_over_long_word_gets_a_clear_message_and_every_comment(leader):
    response = leader.get(leader.theme_page, query_string={"word": "parking" * 20})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The word to filter by must be 100 characters or fewer" in page
    assert re.search(r"<title>\s*Error: Culture", page)
    assert count(page) == "4 comments"


def test_odd_input_is_never_a_server_error(leader):
    for word in ("\x00park\x07ing", "%", "ÿ" * 100, "a" * 101, " ", "\u202eparking"):
        response = leader.get(leader.theme_page, query_string={"word": word})
        assert response.status_code == 200, repr(word)
    response = leader.get(leader.theme_page, query_string={"word": "\x00park\x07ing"})
    assert count(response.get_data(as_text=True)) == "2 of 4 comments contain “parking”"


def test_a_theme_whose_score_is_hidden_shows_no_comment_whatever_the_word(app, client):
    # Two of four people answer the technology question (k = 3), so its score is hidden.
    council = make_council(app, "hiddenshire", "lead@hidden.example")
    with app.app_context():
        assessment = assessments.assessment_by_id(council.assessment_id)
        rows = [
            ImportedResponse(
                n,
                f"r{n}",
                "frontline",
                "housing",
                {"culture.test_and_learn": 3, "culture.change": 3, "technology.legacy": tech},
            )
            for n, tech in enumerate((2, 3, DONT_KNOW, DONT_KNOW), start=2)
        ]
        imports.import_responses(assessment, rows, current_bank())
        technology = current_bank().theme("technology")
        responses.save_theme(assessment.responses[0], technology, {}, "Parking for servers", True)
        database.commit()
    close(app, council.assessment_id)
    sign_in(client, "lead@hidden.example")
    page = client.get(
        f"/assessments/{council.assessment_id}/results/themes/technology",
        query_string={"word": "parking"},
    ).get_data(as_text=True)
    assert "Parking for servers" not in page
    assert "Comments are shown only where the theme's score is shown" in page
    assert "Filter comments" not in page
