"""Comments leaders can moderate (FRAMEWORK.md, "Anonymity").

A comment is free text an officer typed, so it can name a person or give their phone
number. One that looks like personal data is held: no results page, export or PDF
shows it until a leader releases it. Any comment can be hidden by a leader, with a
reason. The states are read when a comment is about to be shown, so moderating one
after close changes what every page shows without remaking the results.

The detector errs on the side of holding: a held comment costs a leader one click,
a shown phone number cannot be unshown from a printed cabinet paper.
"""

from __future__ import annotations

import hashlib
import hmac
import re

HELD, RELEASED, HIDDEN = "held", "released", "hidden"
STATES = (HELD, RELEASED, HIDDEN)
MAX_REASON_LENGTH = 500

# What a comment can look like, as the review page names it.
EMAIL, PHONE, POSTCODE, NI_NUMBER, NAME = "email", "phone", "postcode", "ni_number", "name"

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# A UK number as people write it: +44, 0044 (with or without "(0)") or 0, an area or
# mobile code, then two groups, with spaces, hyphens, dots or brackets between.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\s?44\s?(?:\(0\)\s?)?|0044\s?(?:\(0\)\s?)?|\(?0)"
    r"\d{2,5}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}(?!\d)"
)
# Outward code, then inward code; any case, as people type them.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
# Two letters, six digits, a suffix A to D; spaced as on the card or not at all. Any
# two letters: the prefixes HMRC never issues (QQ, the example one) are still typed.
_NI_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)
# A title as written before a name: capital then small letters ("Mr", not "MR" or
# "mr"), so "MS Teams", "DR plan" and "ms" (multiple sclerosis) pass; then a word
# starting with a capital. Titles that are also words ("Miss", "Sir") take the
# same rule, which lets "we Miss deadlines" through and holds "Miss Jones".
_TITLES = "Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Cllr|Councillor|Sir|Dame|Lord|Lady|Rev|Revd"
_TITLED_NAME = re.compile(rf"(?<![A-Za-z])(?:{_TITLES})\.?\s+([A-Z][A-Za-z'’-]+)")
# Words after "Ms" that name a product, not a person ("Ms Teams", "Ms Word").
_PRODUCTS = frozenset(
    {
        *("Teams", "Word", "Excel", "Office", "Outlook", "Forms", "Access", "Project"),
        *("Dynamics", "SharePoint", "Sharepoint", "Planner", "Visio", "Edge", "Azure"),
        *("Windows", "PowerPoint", "Powerpoint", "OneDrive", "Onedrive"),
    }
)


def personal_data(text: str) -> tuple[str, ...]:
    """What in `text` looks like personal data, as kinds in a fixed order; empty when
    nothing does."""
    found = []
    if _EMAIL.search(text):
        found.append(EMAIL)
    if any(_is_uk_phone(run.group()) for run in _PHONE.finditer(text)):
        found.append(PHONE)
    if _POSTCODE.search(text):
        found.append(POSTCODE)
    if _NI_NUMBER.search(text):
        found.append(NI_NUMBER)
    if any(_is_titled_name(match) for match in _TITLED_NAME.finditer(text)):
        found.append(NAME)
    return tuple(found)


def _is_uk_phone(run: str) -> bool:
    digits = re.sub(r"\D", "", run)
    if digits.startswith("0044"):
        digits = "0" + digits[4:]
    elif digits.startswith("44") and run.lstrip().startswith("+"):
        digits = "0" + digits[2:]
    # "+44 (0) 20 ..." writes the trunk 0 after the country code.
    if digits.startswith("00"):
        digits = digits[1:]
    # Landlines are 10 or 11 digits with the 0, mobiles (07) 11; 00 is not a UK start.
    return digits[:1] == "0" and digits[1:2] in "12356789" and len(digits) in (10, 11)


def _is_titled_name(match: re.Match) -> bool:
    title = match.group().split()[0].rstrip(".")
    return not (title == "Ms" and match.group(1) in _PRODUCTS)


def is_shown(state: str | None, text: str) -> bool:
    """Whether a comment in a snapshot may be shown now. A comment no one has looked
    at (state None: made before moderation, or not yet checked) is held if it looks
    like personal data, exactly as if it had been marked."""
    if state == RELEASED:
        return True
    return state is None and not personal_data(text)


def is_held(state: str | None, text: str) -> bool:
    return state == HELD or (state is None and bool(personal_data(text)))


def comment_ref(key: bytes, assessment_id: int, entry_id: int) -> str:
    """The name a page gives a comment. Not its row id: ids go up as officers save,
    so two comments with neighbouring ids were likely written by one person, and the
    order would undo the alphabetical order the results show them in."""
    message = f"comment:{assessment_id}:{entry_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:24]
