"""`users`: leader and administrator accounts."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup
from werkzeug.security import generate_password_hash

from ..framework import passwords
from ..services.links import reset_link
from ..storage import accounts, database
from ..storage.base import Conflict
from ..storage.models import USER_ROLES
from .shared import council, user

users = AppGroup("users", help="Manage leader and administrator accounts.")


@users.command("create")
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(USER_ROLES), required=True)
@click.option("--council", "council_slug", help="The leader's council (required for a leader)")
@click.option("--password-stdin", is_flag=True, help="Read the password as one line on stdin")
def users_create(email: str, role: str, council_slug: str | None, password_stdin: bool) -> None:
    """Create a leader (one council) or an administrator (the installation)."""
    if "@" not in email or email.strip() != email or len(email) > 254:
        raise click.ClickException(f"--email {email!r} is not an email address")
    if role == "leader" and not council_slug:
        raise click.ClickException("--council is required for a leader")
    of_council = council(council_slug) if council_slug else None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = passwords.password_problem(password, email)
    if problem is not None:
        raise click.ClickException(passwords.ENGLISH[problem])
    try:
        created = accounts.create_user(email, generate_password_hash(password), role, of_council)
    except Conflict as error:
        raise click.ClickException(str(error)) from None
    database.commit()
    click.echo(f"Created {role} {created.email}")


@users.command("reset-password")
@click.option("--email", required=True)
def users_reset_password(email: str) -> None:
    """Print a one-time link, valid for 24 hours, to set a new password."""
    account = user(email)
    if account.is_disabled:
        raise click.ClickException(f"{account.email} is disabled: enable the account first")
    token = accounts.new_reset_link(account)
    database.commit()
    click.echo(f"Reset link for {account.email} (works once, for 24 hours):")
    click.echo(reset_link(token))


@users.command("disable")
@click.option("--email", required=True)
def users_disable(email: str) -> None:
    """Stop an account signing in, and end its sessions at once."""
    account = user(email)
    accounts.disable(account)
    database.commit()
    click.echo(f"Disabled {account.email}; its sessions have ended")


@users.command("enable")
@click.option("--email", required=True)
def users_enable(email: str) -> None:
    """Let a disabled account sign in again."""
    account = user(email)
    accounts.enable(account)
    database.commit()
    click.echo(f"Enabled {account.email}")
