"""Unguessable tokens, and the short resume codes an officer can type."""

from __future__ import annotations

import hashlib
import secrets

# No 0/O, 1/I/L or U/V: a code read aloud or copied by hand survives.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
CODE_LENGTH = 8


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_resume_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What an officer typed, as stored: spaces and hyphens dropped, upper case."""
    return "".join(ch for ch in typed.upper() if ch not in " -\t")


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
