"""`schema-lint validate`: captured payloads checked against the lock, reported like `check`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from schema_lint.cli.base import event_files, handle_errors, rule_codes, say_notes, settings_for
from schema_lint.cli.common import (
    cache_option,
    config_option,
    debug_option,
    exit_zero_option,
    format_option,
    frozen_option,
    ignore_option,
    lockfile_option,
    namespace_option,
    offline_option,
    paths_argument,
    select_option,
)


@click.command("validate")
@paths_argument
@lockfile_option
@config_option
@format_option
@frozen_option
@select_option
@ignore_option
@exit_zero_option
@namespace_option
@cache_option
@offline_option
@debug_option
@handle_errors
def validate_command(
    paths: tuple[Path, ...],
    lockfile: Path | None,
    config: Path | None,
    format_: str,
    frozen: bool,
    select: str | None,
    ignore: str | None,
    exit_zero: bool,
    namespace: str | None,
    no_cache: bool,
    offline: bool,
) -> None:
    """Check captured payloads (JSON, JSON Lines, .gz, - for stdin) against the lock."""
    from schema_lint import engine, reporters
    from schema_lint.validate import validate

    settings = settings_for((), config, lockfile, not no_cache)
    selected, ignored = rule_codes("--select", select), rule_codes("--ignore", ignore) or ()
    options = engine.Options(frozen, select=selected, ignore=ignored, offline=offline)
    result = validate(settings, event_files(paths), namespace, options)
    say_notes(result.notes)
    fmt = reporters.resolve_format(format_, os.environ)
    # the payloads' places are named as given: nothing to move, one report on stdout
    outputs = reporters.Outputs(
        reporters.reports(fmt, (), "auto"), for_people=settings.root, for_tools=settings.root
    )
    reporters.emit(result.diagnostics, reporters.run_info(settings.root, result), outputs)
    sys.exit(0 if exit_zero or not result.diagnostics else 1)
