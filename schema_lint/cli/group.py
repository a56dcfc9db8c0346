"""The `schema-lint` click group: every command, with its options and help."""

from __future__ import annotations

import click

from schema_lint import __version__
from schema_lint.cli.check import check_command
from schema_lint.cli.docs import catalog_command, explain_command, rules_command
from schema_lint.cli.events import validate_command
from schema_lint.cli.lock import lock_command
from schema_lint.cli.schema import export_command, merge_lock_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="schema-lint")
def main() -> None:
    """Lint analytics event metadata against a committed schema lockfile."""


for _command in (
    check_command,
    lock_command,
    rules_command,
    explain_command,
    catalog_command,
    validate_command,
    export_command,
    merge_lock_command,
):
    main.add_command(_command)
