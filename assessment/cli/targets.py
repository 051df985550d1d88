"""`targets`: the score leaders aim for in each theme by the next round."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..forms.fields import is_ascii_digits
from ..framework.targets import TargetError, parse_target, target_text
from ..storage import database
from ..storage import targets as target_store
from ..storage.models import Assessment
from .shared import assessment, bank_of

targets = AppGroup("targets", help="Set, clear and list the target score of each theme.")

_ASSESSMENT = click.option(
    "--assessment", "assessment_id", required=True, help="The assessment's id"
)


def _assessment(given: str) -> Assessment:
    # Read here rather than as click's int, so a bad id is one line and exit 1 too.
    if not is_ascii_digits(given):
        raise click.ClickException(f"--assessment {given[:40]!r}: give an assessment's id")
    return assessment(int(given))


def _theme_id(found: Assessment, theme_id: str) -> str:
    themes = [theme.id for theme in bank_of(found).themes]
    if theme_id not in themes:
        raise click.ClickException(
            f"--theme {theme_id[:60]!r}: no such theme in this assessment's question bank "
            f"(one of {', '.join(themes)})"
        )
    return theme_id


@targets.command("set")
@_ASSESSMENT
@click.option("--theme", "theme_id", required=True, help="The theme's id, as in `targets list`")
@click.option("--score", required=True, help="From 1.0 to 5.0, with one decimal at most")
def targets_set(assessment_id: str, theme_id: str, score: str) -> None:
    """Set a theme's target for the next round."""
    found = _assessment(assessment_id)
    theme = _theme_id(found, theme_id)
    try:
        tenths = parse_target(score, "--score")
    except TargetError as refused:
        raise click.ClickException(str(refused)) from None
    target_store.set_targets(found, {theme: tenths}, None)
    database.commit()
    click.echo(f"Assessment {found.id}: the target for {theme} is {target_text(tenths)}")


@targets.command("clear")
@_ASSESSMENT
@click.option("--theme", "theme_id", required=True, help="The theme's id, as in `targets list`")
def targets_clear(assessment_id: str, theme_id: str) -> None:
    """Remove a theme's target."""
    found = _assessment(assessment_id)
    theme = _theme_id(found, theme_id)
    target_store.set_targets(found, {theme: None}, None)
    database.commit()
    click.echo(f"Assessment {found.id}: {theme} has no target")


@targets.command("list")
@_ASSESSMENT
def targets_list(assessment_id: str) -> None:
    """Each theme's id and its target, tab-separated; empty where there is none."""
    found = _assessment(assessment_id)
    saved = target_store.targets(found)
    for theme in bank_of(found).themes:
        target = saved.get(theme.id)
        click.echo(f"{theme.id}\t{'' if target is None else target_text(target)}")
