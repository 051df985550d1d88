"""The one password policy, for every place a password is set: the command line,
the administrator's new-leader form, a leader's change and a reset link.

It says what is wrong as a short reason; the web and the command line each put
that into their own words (the command line stays English).
"""

from __future__ import annotations

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 200
# zxcvbn's scores run 0 to 4; 3 is "safely unguessable" by an online attacker
# and then some, and is what its authors suggest as the floor.
MIN_STRENGTH = 3
# zxcvbn refuses longer input (and slows on it); the rest of a password that long
# only makes it stronger.
_CHECKED_LENGTH = 72
# Shorter local parts ("jo") turn up inside ordinary words.
_MIN_EMAIL_PART = 3

TOO_SHORT = "too_short"
TOO_LONG = "too_long"
HAS_EMAIL = "has_email"
GUESSABLE = "guessable"


def password_problem(password: str, email: str = "") -> str | None:
    """Why the password may not be used, as one of the reasons above, or None."""
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    email = email.strip().lower()
    local_part = email.split("@", 1)[0]
    folded = password.lower()
    if len(local_part) >= _MIN_EMAIL_PART and (local_part in folded or email in folded):
        return HAS_EMAIL
    # The name and the council's domain make guesses an attacker tries first.
    words = [
        email,
        local_part,
        *email.replace("-", ".").replace("_", ".").replace("@", ".").split("."),
    ]
    strength = zxcvbn(password[:_CHECKED_LENGTH], user_inputs=[w for w in words if w])
    if strength["score"] < MIN_STRENGTH:
        return GUESSABLE
    return None


# What the command line says; the web says it through its translations (forms/auth.py).
ENGLISH = {
    TOO_SHORT: f"the password must be at least {MIN_LENGTH} characters",
    TOO_LONG: f"the password must be {MAX_LENGTH} characters or fewer",
    HAS_EMAIL: "the password must not contain the email address",
    GUESSABLE: "the password is too common or easy to guess: use three or four unrelated words",
}
