"""What the commands share: the error handling, the options, and loading the settings."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from schema_lint.model import NAMESPACES
from schema_lint.reporters import REPORTERS
from schema_lint.strings import shorten

if TYPE_CHECKING:
    from schema_lint.settings import Group, Settings

F = TypeVar("F", bound=Callable[..., Any])


class UsageError(Exception):
    """Options that cannot work (a typo, flags that contradict each other): one line, exit 2."""


def _is_user_error(exc: Exception) -> bool:
    from schema_lint.config import ConfigError
    from schema_lint.engine import EngineError
    from schema_lint.events import InputError
    from schema_lint.lockfile import LockfileError
    from schema_lint.reporters import ReportError

    user_errors = ConfigError | EngineError | LockfileError | ReportError | UsageError | InputError
    return isinstance(exc, user_errors)


def handle_errors(func: F) -> F:
    """Expected failures are one line on stderr and exit 2; a traceback only with --debug."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.pop("debug", False)
        try:
            _working_folder()
            return func(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as other command-line tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:
            if debug:
                import traceback  # only to show an error

                traceback.print_exc()
            if _is_user_error(exc):
                click.echo(f"schema-lint: error: {exc}", err=True)
            else:
                summary = shorten(str(exc).splitlines()[0], 200, False) if str(exc) else ""
                click.echo(
                    f"schema-lint: internal error: {exc.__class__.__name__}: {summary} "
                    "(rerun with --debug for details)",
                    err=True,
                )
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def _working_folder() -> None:
    """Every command reads paths from the working folder; one deleted under the shell (a
    branch switch, a cleaned build folder) is a usage error, not an internal one."""
    try:
        os.getcwd()
    except FileNotFoundError:
        raise UsageError("the current folder no longer exists: cd into the project") from None


debug_option = click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=False))
config_option = click.option(
    "--config", type=click.Path(path_type=Path, dir_okay=False), help="Config file to use."
)
lockfile_option = click.option(
    "--lockfile", type=click.Path(path_type=Path, dir_okay=False), help="Lockfile to use."
)
cache_option = click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
namespace_option = click.option(
    "--namespace",
    type=click.Choice(NAMESPACES),
    help="The namespace of bare metadata objects in captured events.",
)
format_option = click.option(
    "--format",
    "format_",
    type=click.Choice(("auto", *REPORTERS)),
    default="auto",
    show_default=True,
    help="Output format.",
)
frozen_option = click.option(
    "--frozen", is_flag=True, help="Report keys missing from the lockfile (SL005)."
)
select_option = click.option(
    "--select", help="Comma-separated rule codes, prefixes or names to enable."
)
ignore_option = click.option(
    "--ignore", help="Comma-separated rule codes, prefixes or names to disable."
)
exit_zero_option = click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when there are findings."
)
offline_option = click.option(
    "--offline", is_flag=True, help="Use the cached copies of git `extends` sources."
)


def rule_codes(option: str, value: str | None) -> tuple[str, ...] | None:
    """The codes a comma-separated list of selectors stands for; a typo is exit 2, not a no-op."""
    if value is None:
        return None
    from schema_lint.rules import SelectorError, resolve  # only for a selector given

    found: dict[str, None] = {}
    for selector in filter(None, (part.strip() for part in value.split(","))):
        try:
            found.update(dict.fromkeys(resolve(selector)))
        except SelectorError as exc:
            raise UsageError(f"{option}: {exc}") from None
    return tuple(found)


def settings_for(
    paths: Sequence[Path], config: Path | None, lockfile: Path | None, use_cache: bool
) -> Settings:
    """One config for all paths, for the commands that do not span several project roots."""
    from schema_lint.config import load_settings

    loaded = load_settings(paths, config, Path.cwd(), use_cache)
    if lockfile is not None:
        loaded = replace(loaded, lockfile=lockfile.resolve())
    return loaded


def groups_for(
    paths: Sequence[Path], config: Path | None, lockfile: Path | None, use_cache: bool
) -> tuple[Group, ...]:
    """The paths grouped by the config that governs each, with notes about the configs shown."""
    from schema_lint.config import load_groups
    from schema_lint.projects import split_nested

    found = load_groups(paths, config, Path.cwd(), use_cache)
    if config is None:
        found = split_nested(found, Path.cwd(), use_cache)
    if lockfile is not None:
        path = lockfile.resolve()
        found = tuple(replace(g, settings=replace(g.settings, lockfile=path)) for g in found)
    for note in dict.fromkeys(note for group in found for note in group.settings.notes):
        click.echo(f"note: {note}", err=True)
    return found


def event_files(paths: Sequence[Path]) -> list[str]:
    if not paths:
        raise UsageError("give at least one FILE of captured events (- for stdin)")
    return [str(path) for path in paths]


def say_notes(notes: Sequence[str]) -> None:
    for note in notes:
        click.echo(f"note: {note}", err=True)
