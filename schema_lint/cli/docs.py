"""What the project documents: the rules (`rules`, `explain`) and the tracking plan (`catalog`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from schema_lint.cli.base import handle_errors, say_notes, settings_for
from schema_lint.cli.common import (
    cache_option,
    config_option,
    debug_option,
    lockfile_option,
    paths_argument,
)


@click.command("rules")
def rules_command() -> None:
    """List the rules."""
    from schema_lint.rules import infos

    for info in infos():
        state = "on" if info.default_on else "off"
        fix = " (fixable)" if info.fixable else ""
        click.echo(
            f"{info.code}  {info.name:<26} {info.severity.value:<8} {state:<4}{info.summary}{fix}"
        )


@click.command("explain")
@click.argument("code")
def explain_command(code: str) -> None:
    """Print one rule's documentation."""
    from schema_lint.rules import get

    try:
        rule = get(code)
    except KeyError as exc:
        click.echo(f"schema-lint: error: {exc.args[0]}", err=True)
        sys.exit(2)
    info = rule.info
    click.echo(
        f"# {info.code} {info.name}\n\nDefault: {info.severity.value}"
        f"{'' if info.default_on else ' (off unless selected)'}\n\n{info.docs}"
    )


@click.command("catalog")
@paths_argument
@lockfile_option
@config_option
@click.option(
    "--format",
    "format_",
    type=click.Choice(("markdown", "json", "html")),
    default="markdown",
    show_default=True,
    help="Output format.",
)
@click.option("--output-file", type=click.Path(path_type=Path, dir_okay=False), help="Write here.")
@click.option("--diff-against", metavar="REF", help="List what is new or changed since git REF.")
@cache_option
@debug_option
@handle_errors
def catalog_command(
    paths: tuple[Path, ...],
    lockfile: Path | None,
    config: Path | None,
    format_: str,
    output_file: Path | None,
    diff_against: str | None,
    no_cache: bool,
) -> None:
    """The tracking plan as the code has it: events, keys, types, lock status, coverage."""
    from schema_lint.catalog.command import render, write

    settings = settings_for(paths, config, lockfile, not no_cache)
    page, notes = render(settings, paths, format_, diff_against, not no_cache)
    say_notes(notes)
    if output_file is None:
        click.echo(page, nl=False)
    else:
        write(page, output_file)
