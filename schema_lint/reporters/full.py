"""ruff's `full` style: the diagnostic, the source line with a caret under it, and a hint."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from schema_lint.diagnostics import UNSAFE, Diagnostic, Severity
from schema_lint.reporters._common import SourceLines, footer, one_line
from schema_lint.reporters._excerpt import excerpt
from schema_lint.strings import shorten

if TYPE_CHECKING:
    from schema_lint.reporters import RunInfo

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
COLORS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
HINT = "\x1b[1;36m"
MAX_HINT = 83  # characters of a replacement shown in a hint, "..." included


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        return f"{style}{text}{RESET}" if self.enabled else text


def _hint(d: Diagnostic) -> tuple[str, str] | None:
    if d.fix is not None:
        # a hint, not a copy: a 10 KB key stays one short line
        replacement = shorten(one_line(d.fix.replacement), MAX_HINT)
        unsafe = " (unsafe fix: --unsafe-fixes)" if d.fix.applicability == UNSAFE else ""
        return "help", f"replace with `{replacement}`{unsafe}"
    if d.related is not None:
        return "note", f"{one_line(d.related.message)} ({d.related.where})"
    return None


def _block(d: Diagnostic, source: str | None, paint: _Paint) -> list[str]:
    color = COLORS[d.severity]
    header = f"{paint(BOLD, d.path)}:{d.line}:{d.column}: {paint(color, d.code)}"
    lines = [f"{header} {one_line(d.message)}"]
    gutter = " " * len(str(d.line))
    if source is not None:
        end_column = d.end_column if d.end_line == d.line else None
        text, offset, width = excerpt(source, d.column, end_column)
        caret = paint(color, "^" * width)
        lines += [f"{gutter} |", f"{d.line} | {text}".rstrip(), f"{gutter} | {' ' * offset}{caret}"]
    hint = _hint(d)
    if hint is not None:
        label, text = hint
        lines.append(f"{gutter} = {paint(HINT, label)}: {text}")
    return lines


def report(diagnostics: Sequence[Diagnostic], run: RunInfo, out: TextIO) -> None:
    paint = _Paint(run.color)
    sources = SourceLines(run.source_lines)
    for index, d in enumerate(diagnostics):
        if index:
            out.write("\n")
        block = _block(d, sources.line(d.path, d.line), paint)
        out.write("\n".join(block) + "\n")
    closing = footer(run)
    if closing:
        out.write(("\n" if diagnostics else "") + closing + "\n")
