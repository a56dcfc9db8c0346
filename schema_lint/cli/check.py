"""`schema-lint check`: options -> engine.Options -> engine.run_groups -> reports -> exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from schema_lint.cli.common import (
    UsageError,
    cache_option,
    config_option,
    debug_option,
    exit_zero_option,
    format_option,
    frozen_option,
    groups_for,
    handle_errors,
    ignore_option,
    lockfile_option,
    offline_option,
    paths_argument,
    rule_codes,
    select_option,
)
from schema_lint.cli.messages import fix_notes, run_notes, stage_lockfiles

if TYPE_CHECKING:
    from schema_lint.engine import Result
    from schema_lint.reporters import Output, Outputs
    from schema_lint.settings import Group


@click.command("check")
@paths_argument
@lockfile_option
@config_option
@format_option
@frozen_option
@click.option(
    "--update-lock", is_flag=True, help="Add new keys to the lockfile; exit 1 if it changed."
)
@click.option("--fix", is_flag=True, help="Apply safe fixes (SL001 renames) in place.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix or --diff, also rename keys of objects bound to a name.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print the fixes as a unified diff instead of the report; write nothing. "
    "Exit 1 when there is a diff.",
)
@click.option(
    "--output-file",
    "output_files",
    multiple=True,
    metavar="[FORMAT:]PATH",
    help="PATH: write the report there instead of stdout. FORMAT:PATH (repeatable): also "
    "write a report in FORMAT there, e.g. sarif:report.sarif.",
)
@select_option
@ignore_option
@exit_zero_option
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of findings.")
@click.option(
    "--color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    help="Colour in the full format.",
)
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the settings and file counts each path is checked under, then exit.",
)
@cache_option
@offline_option
@debug_option
@handle_errors
def check_command(
    paths: tuple[Path, ...],
    lockfile: Path | None,
    config: Path | None,
    format_: str,
    frozen: bool,
    update_lock: bool,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    output_files: tuple[str, ...],
    select: str | None,
    ignore: str | None,
    exit_zero: bool,
    statistics: bool,
    color: str,
    show_settings: bool,
    no_cache: bool,
    offline: bool,
) -> None:
    """Lint PATHS (default: the project root)."""
    _check_flags(frozen, update_lock, diff)
    with _one_listing(paths, config, update_lock):
        from schema_lint import engine, reporters

        fmt = reporters.resolve_format(format_, os.environ)
        reports = reporters.reports(fmt, output_files, color)
        selected, ignored = rule_codes("--select", select), rule_codes("--ignore", ignore) or ()
        groups = groups_for(paths, config, lockfile, not no_cache)
        if show_settings:
            _show_settings(groups)
        outputs = _outputs(groups, reports, statistics)
        # a diff is for people, like `text`: its paths open from the working directory
        base = outputs.for_people if diff else outputs.base(fmt)
        options = engine.Options(frozen, update_lock, fix, selected, ignored, not no_cache)
        options = replace(options, unsafe_fixes=unsafe_fixes, diff=diff, base=base, offline=offline)
        results = engine.run_groups(groups, options)
    result = engine.merge(results)
    run_notes(result, update_lock)
    if diff:
        _print_diff(result, reports[0].path)
    run = reporters.run_info(base, result, hold_new_keys=update_lock)
    reporters.emit(result.diagnostics, run, outputs)
    fix_notes(result, "Fixed")
    stage_lockfiles(results)
    sys.exit(0 if exit_zero or not (result.diagnostics or result.added) else 1)


def _one_listing(
    paths: Sequence[Path], config: Path | None, update_lock: bool
) -> AbstractContextManager[None]:
    """One git listing for the nested-config search and the run, for a run over the whole
    project started before the rest of the program loads; a run that may write a new lockfile
    lists again, as that file could be another project's input."""
    from schema_lint.listing import shared_listings

    if update_lock:
        return nullcontext()
    return shared_listings(None if paths or config else Path.cwd().resolve())


def _check_flags(frozen: bool, update_lock: bool, diff: bool) -> None:
    if frozen and update_lock:
        raise UsageError("--frozen and --update-lock cannot be used together")
    if diff and update_lock:
        raise UsageError("--diff writes nothing: it cannot be used with --update-lock")


def _show_settings(groups: Sequence[Group]) -> None:
    from schema_lint.describe import describe

    click.echo("\n".join(describe(group, Path.cwd()) for group in groups), nl=False)
    sys.exit(0)


def _outputs(groups: Sequence[Group], reports: tuple[Output, ...], statistics: bool) -> Outputs:
    from schema_lint.config import display_base
    from schema_lint.reporters import Outputs

    return Outputs(
        reports,
        for_people=display_base(groups, False, Path.cwd()),
        for_tools=display_base(groups, True, Path.cwd()),
        statistics=statistics,
        step_summary=os.environ.get("GITHUB_STEP_SUMMARY"),
    )


def _print_diff(result: Result, output: Path | None) -> None:
    """--diff: the fixes as a unified diff instead of the report; exit 1 when there is one."""
    from schema_lint.reporters import open_output

    with open_output(output) as out:
        out.write(result.diff)
    fix_notes(result, "Would fix")
    sys.exit(1 if result.diff else 0)
