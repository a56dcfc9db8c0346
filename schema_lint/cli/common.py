"""The options the commands share (what they share that needs no click: schema_lint.cli.base)."""

from __future__ import annotations

from pathlib import Path

import click

from schema_lint.model import NAMESPACES
from schema_lint.reporters import REPORTERS

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
