"""A leader looks through a theme's comments for a word."""

from assessment.framework.comment_search import search

COMMENTS = [
    "Parking at the depot is a daily fight.",
    "We never hear why systems change.",
    "More training on the new parking permits system, please.",
    "The intranet search is hopeless.",
]


def test_nothing_looked_for_shows_every_comment():
    found = search(COMMENTS, None)
    assert (found.word, found.shown, found.total) == ("", COMMENTS, 4)
    assert search(COMMENTS, "   ").shown == COMMENTS


def test_a_word_finds_the_comments_containing_it_whatever_its_case():
    found = search(COMMENTS, "PARKING")
    assert found.shown == [COMMENTS[0], COMMENTS[2]]
    assert (found.word, found.total) == ("PARKING", 4)


def test_part_of_a_word_and_a_phrase_both_match():
    assert search(COMMENTS, "park").shown == [COMMENTS[0], COMMENTS[2]]
    assert search(COMMENTS, "  systems   change ").shown == [COMMENTS[1]]
    assert search(COMMENTS, "systems change").word == "systems change"


def test_wide_letters_and_folded_cases_match_their_plain_forms():
    assert search(["Die Straße ist zu"], "STRASSE").shown == ["Die Straße ist zu"]
    assert search(COMMENTS, "ｉｎｔｒａｎｅｔ").shown == [COMMENTS[3]]


def test_a_word_no_comment_contains_shows_none_of_them():
    found = search(COMMENTS, "<script>")
    assert (found.shown, found.total) == ([], 4)
