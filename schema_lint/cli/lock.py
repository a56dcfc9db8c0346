"""`schema-lint lock`: add new keys to the lockfile, from the code or from captured events."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from schema_lint.cli.base import UsageError, event_files, groups_for, handle_errors, settings_for
from schema_lint.cli.common import (
    cache_option,
    config_option,
    debug_option,
    lockfile_option,
    namespace_option,
    offline_option,
    paths_argument,
)
from schema_lint.cli.messages import lock_outcome, run_notes, unlockable

if TYPE_CHECKING:
    from schema_lint.settings import Settings


@click.command("lock")
@paths_argument
@lockfile_option
@config_option
@click.option(
    "--from-events",
    is_flag=True,
    help="PATHS are captured events (JSON, JSON Lines, .gz, - for stdin): lock their types.",
)
@namespace_option
@cache_option
@offline_option
@debug_option
@handle_errors
def lock_command(
    paths: tuple[Path, ...],
    lockfile: Path | None,
    config: Path | None,
    from_events: bool,
    namespace: str | None,
    no_cache: bool,
    offline: bool,
) -> None:
    """Scan PATHS and add new keys to the lockfile (never changes or removes a key)."""
    from schema_lint import engine

    if from_events:
        settings = settings_for((), config, lockfile, not no_cache)
        _lock_from_events(paths, settings, namespace, offline)
        return
    if namespace is not None:
        raise UsageError("--namespace goes with --from-events")
    groups = groups_for(paths, config, lockfile, not no_cache)
    options = engine.Options(
        update_lock=True,
        use_cache=not no_cache,
        select=(),
        create_lock=True,
        base=Path.cwd(),
        offline=offline,
    )
    results = engine.run_groups(groups, options)
    run_notes(engine.merge(results), update_lock=False)
    for result in results:
        lock_outcome(engine.count(result.added), result.lockfile)
        unlockable(result)


def _lock_from_events(
    paths: Sequence[Path], settings: Settings, namespace: str | None, offline: bool
) -> None:
    from schema_lint import engine, learn
    from schema_lint.progress import Progress

    progress = Progress(sys.stderr, sys.stderr.isatty())
    learned = learn.learn(
        settings, event_files(paths), namespace, offline, progress.say, progress.for_file
    )
    progress.clear()
    skipped = f", {learned.bad} skipped" if learned.bad else ""
    click.echo(f"Read {learned.records} records{skipped}.", err=True)
    lock_outcome(engine.count(learned.added), learned.lockfile)
