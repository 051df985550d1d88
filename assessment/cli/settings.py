"""Settings at the command line: a wrong setting is one line, and reading the
question bank needs no secret.

`flask --app assessment` makes the app before it knows which command will run (to
list the commands, or to find the one asked for), so a missing SECRET_KEY used to
stop even `questions check` and `--help` with a traceback. Under the command line,
then, a SECRET_KEY problem is held on the app, and every command but those marked
`needs_no_secret` refuses to run while it is held: one line on stderr, exit status 1
(click.ClickException does both). Any other wrong setting is that one line at once.
Outside the command line (gunicorn, tests), create_app raises ConfigError as before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import click
from flask import Flask
from flask.cli import ScriptInfo

from ..config import ConfigError, SecretKeyError

_HELD = "secret_key_problem"  # in app.extensions, while a command line waits to see
_NEEDS_NO_SECRET: set[click.Command] = set()


def needs_no_secret(command: click.Command) -> click.Command:
    """Mark a command that signs nothing, so it runs without SECRET_KEY."""
    _NEEDS_NO_SECRET.add(command)
    return command


def configure(app: Flask, load: Callable[[], None]) -> None:
    """Run `load`, which reads and checks app.config, saying what is wrong as the
    command line should when `flask` made the app."""
    context = click.get_current_context(silent=True)
    if context is None:
        load()
        return
    try:
        load()
    except SecretKeyError as error:
        if not _may_wait(context.command):
            raise click.ClickException(str(error)) from None
        app.extensions[_HELD] = str(error)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


def _may_wait(command: click.Command) -> bool:
    # A group is `flask` itself (or a group of ours) loading the app to find its
    # commands: the command found decides. Flask's own (run, shell, routes) and
    # Flask-Migrate's make the app in their own context, and refuse here.
    return isinstance(command, click.Group) or command in _NEEDS_NO_SECRET


def refuse_without_a_secret(group: click.Group) -> None:
    """Make each command under `group`, but those that need no secret, refuse to run
    while a SECRET_KEY problem is held. The commands are made once a process and
    shared by every app, so each is wrapped once."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            refuse_without_a_secret(command)
        elif command not in _NEEDS_NO_SECRET and not _refuses(command.callback):
            command.callback = _refusing(command.callback)


def _refuses(callback: Callable | None) -> bool:
    return callback is None or getattr(callback, "refuses_without_a_secret", False)


def _refusing(callback: Callable) -> Callable:
    @functools.wraps(callback)
    def run(*args, **kwargs):
        # After the options are read, so --help has already been answered.
        app = click.get_current_context().ensure_object(ScriptInfo).load_app()
        if _HELD in app.extensions:
            raise click.ClickException(app.extensions[_HELD])
        return callback(*args, **kwargs)

    run.refuses_without_a_secret = True
    return run
