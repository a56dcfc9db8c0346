"""`path:line:col: CODE message`, one diagnostic per line, as compilers and ruff print them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from schema_lint.diagnostics import Diagnostic
from schema_lint.reporters._common import footer, one_line

if TYPE_CHECKING:
    from schema_lint.reporters import RunInfo


def report(diagnostics: Sequence[Diagnostic], run: RunInfo, out: TextIO) -> None:
    for d in diagnostics:
        out.write(f"{d.where}: {d.code} {one_line(d.message)}\n")
    closing = footer(run)
    if closing:
        out.write(closing + "\n")
