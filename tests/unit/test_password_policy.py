"""The password policy every place a password is set uses."""

from __future__ import annotations

import pytest

from assessment.framework.passwords import (
    GUESSABLE,
    HAS_EMAIL,
    TOO_LONG,
    TOO_SHORT,
    password_problem,
)

EMAIL = "jane.smith@northshire.gov.uk"


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("", TOO_SHORT),
        ("elevenchars", TOO_SHORT),
        ("x" * 201, TOO_LONG),
        ("aaaaaaaaaaaa", GUESSABLE),
        (" " * 12, GUESSABLE),
        ("123456789012", GUESSABLE),
        ("password1234", GUESSABLE),
        ("iloveyou2024", GUESSABLE),
        ("northshire2026", GUESSABLE),  # part of the email, with a year
        ("jane.smith.rocks.2026", HAS_EMAIL),
        ("JANE.SMITH@northshire.gov.uk!", HAS_EMAIL),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password, problem):
    assert password_problem(password, EMAIL) == problem


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "marmalade tugboat quietly orbits",
        "Tr0ub4dor&3xyz",
        "é" * 4 + "q9!Zk2#mWp",
    ],
)
def test_strong_passwords_pass(password):
    assert password_problem(password, EMAIL) is None


def test_a_very_long_strong_password_passes():
    assert password_problem("marmalade tugboat quietly orbits " * 6, EMAIL) is None
