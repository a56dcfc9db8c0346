"""`schema-lint check`: options -> engine.Options -> engine.run_groups -> reports -> exit code.

No click here: the click command (schema_lint.cli.check) and the quick reading of its common
forms (schema_lint.cli.quick) both call `check`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from schema_lint.cli.base import UsageError, groups_for, handle_errors, rule_codes, say
from schema_lint.cli.messages import fix_notes, run_notes, stage_lockfiles

if TYPE_CHECKING:
    from schema_lint.engine import Result
    from schema_lint.reporters import Output, Outputs
    from schema_lint.settings import Group


@handle_errors
def check(
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

    say("\n".join(describe(group, Path.cwd()) for group in groups), err=False, nl=False)
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
