"""Which comments are held for a leader to look at first: those that look like
personal data. And which are not, so leaders are not asked to release every comment
that mentions Teams or a disaster-recovery plan."""

import pytest

from assessment.framework.moderation import (
    HELD,
    HIDDEN,
    RELEASED,
    comment_ref,
    is_held,
    is_shown,
    personal_data,
)


@pytest.mark.parametrize(
    ("comment", "kind"),
    [
        ("Email jo.bloggs@example.gov.uk if you want the details", "email"),
        ("Ring Dave in IT on 01632 960123, he knows", "phone"),
        ("Call 020 7946 0958 about it", "phone"),
        ("Call (020) 7946 0958 about it", "phone"),
        ("her mobile is 07700 900123.", "phone"),
        ("her mobile is 07700900123", "phone"),
        ("text +44 7700 900123 any time", "phone"),
        ("or +44 (0)20 7946 0958 in London", "phone"),
        ("or 0044 20 7946 0958", "phone"),
        ("landline 0161-496-0000", "phone"),
        ("She lives at SW1A 1AA near the office", "postcode"),
        ("she lives at sw1a 1aa", "postcode"),
        ("the depot at M1 1AE floods", "postcode"),
        ("postcode B338TH", "postcode"),
        ("my NI number is QQ 12 34 56 C", "ni_number"),
        ("my NI number is QQ123456C", "ni_number"),
        ("Mr Smith in planning never answers", "name"),
        ("ask Mrs Jones", "name"),
        ("Dr Patel runs the pilot", "name"),
        ("Ms Okafor signs everything off", "name"),
        ("Miss Green said no", "name"),
        ("Cllr Hughes blocks every idea", "name"),
        ("Councillor O'Brien blocks every idea", "name"),
        ("Mr. McDonald is great", "name"),
    ],
)
def test_a_comment_that_looks_like_personal_data_is_held(comment, kind):
    assert kind in personal_data(comment)
    assert is_held(None, comment) and not is_shown(None, comment)


@pytest.mark.parametrize(
    "comment",
    [
        "We use MS Teams for everything now",
        "We use Ms Teams and Ms Word",
        "Our DR plan has never been tested",
        "People with ms or long covid find the office hard",
        "mr smith would not be flagged in lower case",
        "In 2019 we bought 300 laptops; in 2024 another 1200",
        "Budget went from 0.5m to 1.25m over 3 years",
        "Windows 10 and Office 365 are still being rolled out",
        "ticket INC0012345 was open for 30 days",
        "Version 2.0.1 of the app crashed at 10:30",
        "We met on 01/02/2025 and again on 03/04/2025",
        "The A1 road and the M62 are the only way in",
        "Leaders talk about digital, and now they act on it.",
        "",
    ],
)
def test_everyday_comments_are_not_held(comment):
    assert personal_data(comment) == ()
    assert is_shown(None, comment)


def test_a_title_cased_verb_before_a_capital_is_read_as_a_name_on_purpose():
    # Holding costs a leader one click; guessing wrong the other way prints a name.
    assert personal_data("We Miss Deadlines Because Of Sign-Off") == ("name",)
    assert personal_data("we miss deadlines because of sign-off") == ()


def test_every_kind_is_named_once_in_a_fixed_order():
    comment = "Mr Smith, 07700 900123, mr.smith@example.org, SW1A 1AA, QQ123456C"
    assert personal_data(comment) == ("email", "phone", "postcode", "ni_number", "name")


def test_a_leaders_decision_wins_over_the_detector():
    phone = "Ring 01632 960123"
    assert is_shown(RELEASED, phone) and not is_held(RELEASED, phone)
    assert not is_shown(HIDDEN, "Nothing personal here") and not is_held(HIDDEN, phone)
    assert not is_shown(HELD, "Nothing personal here") and is_held(HELD, "Nothing personal")


def test_a_comment_is_named_by_a_keyed_hash_not_its_row_id():
    ref = comment_ref(b"key", 7, 1041)
    assert "1041" not in ref and len(ref) == 24
    assert ref != comment_ref(b"key", 7, 1042) != comment_ref(b"key", 8, 1041)
    assert ref != comment_ref(b"another key", 7, 1041)
