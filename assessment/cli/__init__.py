"""The flask commands: `flask --app assessment <group> <command> --help` says more.

One module a command group. Errors are one line on stderr and exit status 1
(click.ClickException does both). The command line never imports the web layer:
what both do (the PDF, erasure, the archive, links) is in services/.
"""

from __future__ import annotations

from flask import Flask

from . import (
    actions,
    assessments,
    councils,
    data,
    questions,
    reports,
    responses,
    settings,
    shared,
    targets,
    users,
    worker,
)


def init_app(app: Flask) -> None:
    for group in (
        questions.questions,
        councils.councils,
        users.users,
        assessments.assessments,
        responses.responses,
        targets.targets,
    ):
        app.cli.add_command(group)
    for command in (
        reports.results,
        reports.report,
        actions.actions,
        data.demo,
        data.purge,
        worker.worker,
    ):
        app.cli.add_command(command)
    shared.say_missing_banks(app.cli)
    settings.refuse_without_a_secret(app.cli)
