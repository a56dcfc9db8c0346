"""`check` read without click in its common forms: paths, flags, and the options below with
their values. Pre-commit runs `schema-lint check FILE...` on every commit, and loading click
and building every command's options takes 10 ms, a tenth of a warm run.

The reading answers only where it gives what click gives (tests/test_quick_cli.py compares the
two): anything else (help, `--`, an option it does not know, a value click would refuse, a
path click would find unreadable, Windows, where click expands wildcards) is left to click.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

# flag -> parameter of schema_lint.cli.checking.check
FLAGS = {
    "--frozen": "frozen",
    "--update-lock": "update_lock",
    "--fix": "fix",
    "--unsafe-fixes": "unsafe_fixes",
    "--diff": "diff",
    "--exit-zero": "exit_zero",
    "--statistics": "statistics",
    "--show-settings": "show_settings",
    "--no-cache": "no_cache",
    "--offline": "offline",
    "--debug": "debug",
}


def _formats() -> tuple[str, ...]:
    from schema_lint.reporters import REPORTERS

    return ("auto", *REPORTERS)


# option with a value -> (parameter, what gives the values it takes: None for any value)
VALUES: dict[str, tuple[str, Callable[[], tuple[str, ...]] | None]] = {
    "--format": ("format_", _formats),
    "--color": ("color", lambda: ("auto", "always", "never")),
    "--select": ("select", None),
    "--ignore": ("ignore", None),
}
# what click gives a parameter that is not on the command line
DEFAULTS: dict[str, Any] = {
    "paths": (),
    "lockfile": None,
    "config": None,
    "format_": "auto",
    "output_files": (),
    "select": None,
    "ignore": None,
    "color": "auto",
    **dict.fromkeys(FLAGS.values(), False),
}


def check_arguments(args: Sequence[str]) -> dict[str, Any] | None:
    """The parameters of `check` for `args` (the command line after the program's name), as
    click would give them; None when click must read the command line."""
    if os.name != "posix" or not args or args[0] != "check":
        return None
    found = dict(DEFAULTS)
    paths: list[Path] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg in FLAGS:
            found[FLAGS[arg]] = True
            continue
        name, equals, value = arg.partition("=")
        if name in VALUES:
            if not equals:
                given = next(rest, None)
                if given is None:
                    return None
                value = given
            parameter, choices = VALUES[name]
            if value.startswith("-") or (choices is not None and value not in choices()):
                return None
            found[parameter] = value
        elif not arg or arg.startswith("-") or not _readable(arg):
            return None
        else:
            paths.append(Path(arg))
    found["paths"] = tuple(paths)
    return found


def _readable(path: str) -> bool:
    """What click's `Path` type lets through: a missing path, or one that can be read."""
    try:
        os.stat(path)
    except OSError:
        return True
    return os.access(path, os.R_OK)


def run(parameters: dict[str, Any]) -> NoReturn:
    """`check` with `parameters`, ended as click's standalone mode ends a command."""
    from schema_lint.cli.base import say
    from schema_lint.cli.checking import check

    try:
        check(**parameters)
    except (EOFError, KeyboardInterrupt):
        say("")
        say("Aborted!")
        sys.exit(1)
    sys.exit(0)
