"""What the commands share that needs no click: output on the standard streams, error handling,
rule selectors and loading the settings. `check` runs on these alone when click is not needed
to read its arguments (schema_lint.cli.quick), so that a pre-commit run does not wait for click
to load."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from schema_lint.strings import shorten

if TYPE_CHECKING:
    from schema_lint.settings import Group, Settings

F = TypeVar("F", bound=Callable[..., Any])


class UsageError(Exception):
    """Options that cannot work (a typo, flags that contradict each other): one line, exit 2."""


def say(text: str, err: bool = True, nl: bool = True) -> None:
    """Write `text` as `click.echo` does. Plain ASCII text is written and flushed here; other
    text goes through click, which strips ANSI codes off a stream that is not a terminal and
    writes UTF-8 to one whose encoding is ASCII."""
    if "\x1b" in text or not text.isascii():
        import click

        click.echo(text, err=err, nl=nl)
        return
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no console (pythonw): click writes nowhere too
        return
    stream.write(text + "\n" if nl else text)
    stream.flush()


def say_notes(notes: Sequence[str]) -> None:
    for note in notes:
        say(f"note: {note}")


def _is_user_error(exc: Exception) -> bool:
    from schema_lint.config import ConfigError
    from schema_lint.engine import EngineError
    from schema_lint.events import InputError
    from schema_lint.lockfile import LockfileError
    from schema_lint.reporters import ReportError

    user_errors = ConfigError | EngineError | LockfileError | ReportError | UsageError | InputError
    return isinstance(exc, user_errors)


def _is_click_exit(exc: Exception) -> bool:
    """Whether click raised `exc` to end the command its own way (click is loaded by then)."""
    click = sys.modules.get("click")
    return click is not None and isinstance(
        exc, (click.exceptions.Exit, click.ClickException, click.Abort)
    )


def handle_errors(func: F) -> F:
    """Expected failures are one line on stderr and exit 2; a traceback only with --debug."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.pop("debug", False)
        try:
            _working_folder()
            return func(*args, **kwargs)
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as other command-line tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except Exception as exc:
            if _is_click_exit(exc):
                raise
            if debug:
                import traceback  # only to show an error

                traceback.print_exc()
            if _is_user_error(exc):
                say(f"schema-lint: error: {exc}")
            else:
                summary = shorten(str(exc).splitlines()[0], 200, False) if str(exc) else ""
                say(
                    f"schema-lint: internal error: {exc.__class__.__name__}: {summary} "
                    "(rerun with --debug for details)"
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
    say_notes(list(dict.fromkeys(note for group in found for note in group.settings.notes)))
    return found


def event_files(paths: Sequence[Path]) -> list[str]:
    if not paths:
        raise UsageError("give at least one FILE of captured events (- for stdin)")
    return [str(path) for path in paths]
