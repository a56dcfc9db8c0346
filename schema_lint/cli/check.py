"""The click command of `schema-lint check`; what it does is schema_lint.cli.checking's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from schema_lint.cli.checking import check
from schema_lint.cli.common import (
    cache_option,
    config_option,
    debug_option,
    exit_zero_option,
    format_option,
    frozen_option,
    ignore_option,
    lockfile_option,
    offline_option,
    paths_argument,
    select_option,
)

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

# in the order of `check`'s parameters, as stacked decorators would list them
OPTIONS: tuple[Decorator, ...] = (
    paths_argument,
    lockfile_option,
    config_option,
    format_option,
    frozen_option,
    click.option(
        "--update-lock", is_flag=True, help="Add new keys to the lockfile; exit 1 if it changed."
    ),
    click.option("--fix", is_flag=True, help="Apply safe fixes (SL001 renames) in place."),
    click.option(
        "--unsafe-fixes",
        is_flag=True,
        help="With --fix or --diff, also rename keys of objects bound to a name.",
    ),
    click.option(
        "--diff",
        is_flag=True,
        help="Print the fixes as a unified diff instead of the report; write nothing. "
        "Exit 1 when there is a diff.",
    ),
    click.option(
        "--output-file",
        "output_files",
        multiple=True,
        metavar="[FORMAT:]PATH",
        help="PATH: write the report there instead of stdout. FORMAT:PATH (repeatable): also "
        "write a report in FORMAT there, e.g. sarif:report.sarif.",
    ),
    select_option,
    ignore_option,
    exit_zero_option,
    click.option("--statistics", is_flag=True, help="Print a count per rule instead of findings."),
    click.option(
        "--color",
        type=click.Choice(("auto", "always", "never")),
        default="auto",
        help="Colour in the full format.",
    ),
    click.option(
        "--show-settings",
        is_flag=True,
        help="Print the settings and file counts each path is checked under, then exit.",
    ),
    cache_option,
    offline_option,
    debug_option,
)


def _command() -> click.Command:
    function: Callable[..., Any] = check
    for option in reversed(OPTIONS):  # the last decorator of a stack is applied first
        function = option(function)
    return click.command("check")(function)


check_command = _command()
