"""The flask commands: `flask --app assessment <group> <command> --help` says more.

Errors are one line on stderr and exit status 1 (click.ClickException does both).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click
from flask import Flask, current_app, url_for
from flask.cli import AppGroup, with_appcontext
from werkzeug.security import generate_password_hash

from . import cli_settings
from .bank import current_bank
from .cli_settings import needs_no_secret
from .demo import load_demo
from .framework import passwords
from .framework.bank_export import bank_json
from .framework.loader import BankError, load_bank
from .framework.responses_csv import CsvImportError, read_responses_csv
from .framework.results_contract import results_json, write_results_csv
from .services import closing
from .storage import accounts, imports, queries, snapshots
from .storage.models import MIN_ANONYMITY_THRESHOLD, USER_ROLES, Assessment, Council, User
from .web.links import invitation_link
from .web.report import report_pdf

questions = AppGroup("questions", help="Check and export the question bank.")
councils = AppGroup("councils", help="Manage councils.")
users = AppGroup("users", help="Manage leader and administrator accounts.")
assessments = AppGroup("assessments", help="Create, open and close assessments.")
responses = AppGroup("responses", help="Import responses collected elsewhere.")


def init_app(app: Flask) -> None:
    # Imported here: the data-rights commands use this module's helpers.
    from . import cli_data

    for group in (questions, councils, users, assessments, responses):
        app.cli.add_command(group)
    app.cli.add_command(results)
    app.cli.add_command(demo)
    app.cli.add_command(report)
    cli_data.register(app.cli, councils, assessments)
    cli_settings.refuse_without_a_secret(app.cli)


@needs_no_secret
@questions.command("check")
def questions_check() -> None:
    """Validate the question bank and say what is wrong, file by file."""
    path = current_app.config["QUESTION_BANK_PATH"]
    try:
        bank = load_bank(path)
    except BankError as error:
        for line in str(error).splitlines():
            click.echo(line, err=True)
        sys.exit(1)
    count = sum(len(theme.questions) for theme in bank.themes)
    click.echo(
        f"The question bank {bank.version} is valid: {len(bank.themes)} themes, {count} questions."
    )


@needs_no_secret
@questions.command("export")
@click.option(
    "--format", "output_format", type=click.Choice(["json"]), default="json", show_default=True
)
def questions_export(output_format: str) -> None:
    """Print the question bank as JSON."""
    click.echo(json.dumps(bank_json(_bank()), indent=2, ensure_ascii=False))


@councils.command("create")
@click.option("--slug", required=True, help="Short id used in links and exports, e.g. exampleshire")
@click.option("--name", required=True, help="The council's name, e.g. Exampleshire County Council")
def councils_create(slug: str, name: str) -> None:
    """Create a council."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,59}", slug):
        raise click.ClickException(
            f"--slug {slug!r}: use up to 60 lower-case letters, numbers and hyphens"
        )
    if not name.strip() or len(name.strip()) > 200:
        raise click.ClickException("--name: give the council's name, up to 200 characters")
    try:
        council = queries.create_council(slug, name.strip())
    except queries.Conflict as error:
        raise click.ClickException(str(error)) from None
    queries.commit()
    click.echo(f"Created council {council.slug} ({council.name})")


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
    council = _council(council_slug) if council_slug else None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = passwords.password_problem(password, email)
    if problem is not None:
        raise click.ClickException(passwords.ENGLISH[problem])
    try:
        user = queries.create_user(email, generate_password_hash(password), role, council)
    except queries.Conflict as error:
        raise click.ClickException(str(error)) from None
    queries.commit()
    click.echo(f"Created {role} {user.email}")


@users.command("reset-password")
@click.option("--email", required=True)
def users_reset_password(email: str) -> None:
    """Print a one-time link, valid for 24 hours, to set a new password."""
    user = _user(email)
    if user.is_disabled:
        raise click.ClickException(f"{user.email} is disabled: enable the account first")
    token = accounts.new_reset_link(user)
    queries.commit()
    with current_app.test_request_context():
        path = url_for("account.reset_password", token=token)
    click.echo(f"Reset link for {user.email} (works once, for 24 hours):")
    click.echo(current_app.config["BASE_URL"] + path)


@users.command("disable")
@click.option("--email", required=True)
def users_disable(email: str) -> None:
    """Stop an account signing in, and end its sessions at once."""
    user = _user(email)
    accounts.disable(user)
    queries.commit()
    click.echo(f"Disabled {user.email}; its sessions have ended")


@users.command("enable")
@click.option("--email", required=True)
def users_enable(email: str) -> None:
    """Let a disabled account sign in again."""
    user = _user(email)
    accounts.enable(user)
    queries.commit()
    click.echo(f"Enabled {user.email}")


@assessments.command("create")
@click.option("--council", "council_slug", required=True)
@click.option("--title", required=True)
@click.option(
    "--anonymity-threshold",
    type=click.IntRange(min=MIN_ANONYMITY_THRESHOLD),
    default=5,
    show_default=True,
    help="Groups with fewer respondents than this are never shown",
)
def assessments_create(council_slug: str, title: str, anonymity_threshold: int) -> None:
    """Create an open assessment: its id on stdout, its invitation link on stderr."""
    council = _council(council_slug)
    if not title.strip() or len(title) > 200:
        raise click.ClickException("--title: give a title of 1 to 200 characters")
    assessment = queries.create_assessment(
        council, title.strip(), anonymity_threshold, _bank().version
    )
    queries.commit()
    click.echo(str(assessment.id))
    click.echo(f"Invitation link: {invitation_link(assessment)}", err=True)


@assessments.command("open")
@click.argument("assessment_id", type=int)
def assessments_open(assessment_id: int) -> None:
    """Open an assessment to answers."""
    _set_status(assessment_id, "open")


@assessments.command("close")
@click.argument("assessment_id", type=int)
def assessments_close(assessment_id: int) -> None:
    """Close an assessment and store the results leaders then see: answers already
    saved are kept, no new ones are taken. A second close keeps the first results
    unless at least the anonymity threshold of new responses came in between."""
    assessment = _assessment(assessment_id)
    closed = closing.close(assessment, _bank())
    queries.commit()
    click.echo(f"Assessment {assessment.id} is closed")
    if not closed.replaced:
        click.echo(
            f"The results leaders see are those of the last close: {closed.new_since} "
            f"new submitted responses since, and {closed.threshold} are needed to replace them",
            err=True,
        )


def _set_status(assessment_id: int, status: str) -> None:
    assessment = _assessment(assessment_id)
    queries.set_status(assessment, status)
    queries.commit()
    click.echo(f"Assessment {assessment.id} is {status}")


@responses.command("import")
@click.option("--assessment", "assessment_id", type=int, required=True)
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def responses_import(assessment_id: int, csv_file: Path) -> None:
    """Import a CSV of responses (all or nothing); each row counts as submitted."""
    assessment = _assessment(assessment_id)
    already = imports.imported_refs(assessment)
    try:
        with csv_file.open("rb") as stream:
            # The whole file is checked before a row is stored: a bad file never
            # holds the database's write lock, and costs one read of the file.
            for _row in read_responses_csv(_bank(), stream, already):
                pass
            stream.seek(0)
            rows = read_responses_csv(_bank(), stream, already)
            count = imports.import_responses(assessment, rows, _bank())
    except (CsvImportError, queries.Conflict) as error:
        queries.rollback()
        raise click.ClickException(f"{csv_file}: {error}") from None
    queries.commit()
    queries.refresh_planner_statistics()
    click.echo(f"Imported {count} responses into assessment {assessment.id}")


@click.command("results")
@with_appcontext  # as AppGroup commands are: app.cli alone pushes no app context
@click.option("--assessment", "assessment_id", type=int, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
)
def results(assessment_id: int, output_format: str) -> None:
    """Print an assessment's results, suppressed under its anonymity threshold.

    Scored live from the responses submitted so far, even while the assessment is
    open: this is an operator's tool. Leaders' pages, downloads and PDF show only the
    results stored when the assessment was closed."""
    assessment = _assessment(assessment_id)
    scored = snapshots.live_results(assessment, _bank())
    if output_format == "json":
        document = results_json(_bank(), scored, queries.assessment_info(assessment))
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        write_results_csv(_bank(), scored, sys.stdout)


@click.command("report")
@click.option("--assessment", "assessment_id", type=int, required=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="Where to write the PDF, e.g. report.pdf",
)
@with_appcontext
def report(assessment_id: int, output: Path) -> None:
    """Write an assessment's PDF report for leaders."""
    assessment = _assessment(assessment_id)
    snapshot = closing.shown_snapshot(assessment, _bank())
    if snapshot is None:
        raise click.ClickException(
            f"assessment {assessment.id} is open: its report is made once it is closed"
        )
    queries.commit()  # a snapshot made now, for an assessment closed before they were kept
    pdf = report_pdf(assessment, snapshot)
    try:
        output.write_bytes(pdf)
    except OSError as error:
        raise click.ClickException(
            f"{output}: cannot write the report ({error.strerror})"
        ) from None
    click.echo(f"Wrote {output} ({len(pdf):,} bytes)")


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Load a demo council, leader and assessment with synthetic responses (safe to rerun)."""
    summary = load_demo(_bank())
    queries.commit()
    for line in summary:
        click.echo(line)


def _bank():
    try:
        return current_bank()
    except BankError as error:
        raise click.ClickException(
            "the question bank is not valid; run `flask --app assessment questions check`"
        ) from error


def _council(slug: str) -> Council:
    council = queries.council_by_slug(slug)
    if council is None:
        raise click.ClickException(f"--council {slug!r}: no council has that slug")
    return council


def _user(email: str) -> User:
    user = queries.user_by_email(email)
    if user is None:
        raise click.ClickException(f"--email {email!r}: no account has that email address")
    return user


def _assessment(assessment_id: int) -> Assessment:
    assessment = queries.assessment_by_id(assessment_id)
    if assessment is None:
        raise click.ClickException(f"assessment {assessment_id}: no assessment has that id")
    return assessment
