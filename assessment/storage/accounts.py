"""Leaders' and administrators' accounts: made, found, ending sessions, disabling, MFA
and reset links.

Secrets given to people (reset links, recovery codes) are stored only as SHA-256
hashes: they are random and long enough that a slow hash would add nothing.
"""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

import pyotp
from sqlalchemy import or_, select, update

from .base import Conflict, could_be_an_id, db, utcnow
from .models import Council, RecoveryCode, ResetLink, User
from .secrets import CODE_ALPHABET, digest, new_token

RESET_LINK_LIFETIME = timedelta(hours=24)
RECOVERY_CODES = 10
RECOVERY_CODE_LENGTH = 10


def create_user(email: str, password_hash: str, role: str, council: Council | None) -> User:
    email = email.strip().lower()
    if user_by_email(email) is not None:
        raise Conflict(f"a user with the email {email!r} already exists")
    user = User(email=email, password_hash=password_hash, role=role, council=council)
    db.session.add(user)
    db.session.flush()
    return user


def user_by_id(user_id: int) -> User | None:
    return db.session.get(User, user_id) if could_be_an_id(user_id) else None


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def leaders_of(council: Council) -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.council_id == council.id).order_by(User.email))
    )


def user_for_session(session_id: str) -> User | None:
    """The account a session's user id ("<id>:<generation>") names, while that session
    may still be used: not after a sign-out, password change or reset, and never for a
    disabled account."""
    user_id, _, generation = session_id.partition(":")
    if not (user_id.isascii() and user_id.isdigit() and generation.isascii()):
        return None
    if not generation.isdigit():
        return None
    user = user_by_id(int(user_id))
    if user is None or user.is_disabled or str(user.session_generation) != generation:
        return None
    return user


def end_sessions(user: User) -> None:
    """Every session of the account stops working at its next request."""
    # Counted up in the database, not from the loaded value: two requests ending
    # sessions at once must both move it on.
    user.session_generation = User.session_generation + 1
    db.session.flush()


def set_password(user: User, password_hash: str) -> None:
    user.password_hash = password_hash
    end_sessions(user)


def disable(user: User) -> None:
    if user.disabled_at is None:
        user.disabled_at = utcnow()
    end_sessions(user)


def enable(user: User) -> None:
    user.disabled_at = None
    db.session.flush()


def remove(user: User) -> None:
    db.session.delete(user)
    db.session.flush()


# Reset links


def new_reset_link(user: User, now: datetime | None = None) -> str:
    """A one-time token for the account's reset link; any earlier unused link stops
    working, so only the latest one given out can be used."""
    now = now or utcnow()
    db.session.execute(
        update(ResetLink)
        .where(ResetLink.user_id == user.id, ResetLink.used_at.is_(None))
        .values(used_at=now)
    )
    token = new_token()
    db.session.add(
        ResetLink(
            user_id=user.id,
            token_hash=digest(token),
            created_at=now,
            expires_at=now + RESET_LINK_LIFETIME,
        )
    )
    db.session.flush()
    return token


def reset_link(token: str, now: datetime | None = None) -> ResetLink | None:
    """The link's record while it can still be used: unused, unexpired, and for an
    account that is not disabled."""
    if not token or len(token) > 100:
        return None
    link = db.session.scalar(select(ResetLink).where(ResetLink.token_hash == digest(token)))
    if link is None or link.used_at is not None:
        return None
    if _aware(link.expires_at) <= (now or utcnow()):
        return None
    user = user_by_id(link.user_id)
    if user is None or user.is_disabled:
        return None
    return link


def use_reset_link(link: ResetLink, password_hash: str) -> User | None:
    """Set the password through the link, which is then used up; None when another
    request used it first."""
    # One statement, so the same link posted twice at once sets one password.
    used = db.session.execute(
        update(ResetLink)
        .where(ResetLink.id == link.id, ResetLink.used_at.is_(None))
        .values(used_at=utcnow())
    )
    if used.rowcount != 1:
        return None
    set_password(link.user, password_hash)
    return link.user


def _aware(moment: datetime) -> datetime:
    # SQLite gives back naive datetimes; they were stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


# Multi-factor sign-in


def new_recovery_codes() -> list[str]:
    import secrets

    return [
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))
        for _ in range(RECOVERY_CODES)
    ]


def matching_step(secret: str, typed: str, now: datetime | None = None) -> int | None:
    """The time step whose code was typed (this one or either neighbour, for a clock a
    little out), or None when the code is not one of those."""
    if not (typed.isascii() and typed.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    moment = now or utcnow()
    for offset in (0, -1, 1):
        when = moment + timedelta(seconds=offset * totp.interval)
        if hmac.compare_digest(totp.at(when), typed):
            return totp.timecode(when)
    return None


def use_security_code(user: User, typed: str, now: datetime | None = None) -> bool:
    """Whether the authenticator code is right and newer than the last one accepted;
    it is then used up, so the same code can't sign anyone in again."""
    step = matching_step(user.mfa_secret or "", typed, now) if user.mfa_secret else None
    if step is None:
        return False
    # One statement, so the same code posted twice at once signs in only once.
    used = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.mfa_last_step.is_(None), User.mfa_last_step < step),
        )
        .values(mfa_last_step=step)
        .execution_options(synchronize_session=False)
    )
    return used.rowcount == 1


def set_up_mfa(user: User, secret: str, recovery_codes: list[str], step: int) -> None:
    """Turn on multi-factor sign-in with this secret, whose code for `step` was just
    typed (and so is used up); these recovery codes replace any before."""
    user.mfa_secret = secret
    user.mfa_last_step = step
    db.session.execute(RecoveryCode.__table__.delete().where(RecoveryCode.user_id == user.id))
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=digest(normalise_recovery_code(code)))
        for code in recovery_codes
    )
    db.session.flush()


def use_recovery_code(user: User, typed: str) -> bool:
    """Whether the code is one of the account's unused recovery codes; it is used up."""
    code = normalise_recovery_code(typed)
    if len(code) != RECOVERY_CODE_LENGTH:
        return False
    # One statement, so the same code posted twice at once is used only once.
    used = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == digest(code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
    )
    return used.rowcount == 1


def recovery_codes_left(user: User) -> int:
    return len(
        db.session.scalars(
            select(RecoveryCode.id).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        ).all()
    )


def normalise_recovery_code(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch not in " -\t")


def format_recovery_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"
