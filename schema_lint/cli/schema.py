"""The lock as others use it: `export` (a JSON Schema) and `merge-lock` (a git merge driver)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from schema_lint.cli.base import handle_errors, say_notes, settings_for
from schema_lint.cli.common import (
    config_option,
    debug_option,
    lockfile_option,
    offline_option,
)
from schema_lint.model import NAMESPACES


@click.command("export")
@lockfile_option
@config_option
@click.option(
    "--format", "format_", type=click.Choice(("json-schema",)), required=True, help="What to print."
)
@click.option(
    "--namespace",
    type=click.Choice(NAMESPACES),
    default="events",
    show_default=True,
    help="The namespace whose metadata the schema describes.",
)
@offline_option
@debug_option
@handle_errors
def export_command(
    lockfile: Path | None, config: Path | None, format_: str, namespace: str, offline: bool
) -> None:
    """Print the lock as a JSON Schema (draft 2020-12) for one namespace's metadata."""
    from schema_lint import export

    settings = settings_for((), config, lockfile, True)
    text, notes = export.export(settings, namespace, offline)
    say_notes(notes)
    click.echo(text, nl=False)


@click.command("merge-lock")
@click.argument("base", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("ours", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("theirs", type=click.Path(path_type=Path, dir_okay=False))
@debug_option
@handle_errors
def merge_lock_command(base: Path, ours: Path, theirs: Path) -> None:
    """Git merge driver: write the union of both sides' keys into OURS (%O %A %B)."""
    from schema_lint.merge import merge_files

    sys.exit(0 if merge_files(base, ours, theirs) else 1)
