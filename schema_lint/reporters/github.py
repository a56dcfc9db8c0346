"""GitHub Actions workflow commands, which the runner turns into annotations on the diff.

Escaping follows the runner (actions/runner ActionCommand.cs): data escapes `%`, CR and LF;
property values also `:` and `,`, which would otherwise end the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.reporters._common import footer

if TYPE_CHECKING:
    from schema_lint.reporters import RunInfo

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(d: Diagnostic) -> str:
    # A 0 means "no position" (e.g. a file that could not be read): leaving the property out
    # annotates the whole file instead of pointing at a line that does not exist.
    positions = [
        ("line", d.line),
        ("col", d.column),
        ("endLine", d.end_line),
        ("endColumn", d.end_column),
    ]
    properties = [
        ("file", d.path),
        *((name, str(value)) for name, value in positions if value > 0),
        ("title", f"{d.code} {d.name}"),
    ]
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{COMMANDS[d.severity]} {joined}::{escape_data(d.message)}"


def report(diagnostics: Sequence[Diagnostic], run: RunInfo, out: TextIO) -> None:
    for d in diagnostics:
        out.write(_command(d) + "\n")
    closing = footer(run)
    if closing:
        out.write(closing + "\n")
