"""Aggregate views of a run: `--statistics` lines and the GitHub step summary."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.reporters._common import footer

if TYPE_CHECKING:
    from schema_lint.reporters import RunInfo

MAX_SUMMARY_ROWS = 200

# Backslash-escaping ASCII punctuation is always literal in CommonMark; `&`, `<`, `>` are
# escaped so that a message quoting HTML or an entity is shown, not rendered.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def _by_code(diagnostics: Sequence[Diagnostic]) -> list[tuple[str, str, int, bool]]:
    """(code, name, count, fixable) by count descending, then code."""
    counts = Counter(d.code for d in diagnostics)
    names = {d.code: d.name for d in reversed(diagnostics)}
    fixable = {d.code for d in diagnostics if d.fix is not None}
    rows = [(code, names[code], count, code in fixable) for code, count in counts.items()]
    return sorted(rows, key=lambda row: (-row[2], row[0]))


def write_statistics(diagnostics: Sequence[Diagnostic], out: TextIO) -> None:
    rows = _by_code(diagnostics)
    if not rows:
        return
    count_width = max(4, *(len(str(count)) for _, _, count, _ in rows))
    code_width = max(len(code) for code, _, _, _ in rows)
    name_width = max(len(name) for _, name, _, _ in rows)
    for code, name, count, fixable in rows:
        line = f"{count:>{count_width}}  {code:<{code_width}}  {name:<{name_width}}"
        line += "  [*]" if fixable else ""
        out.write(line.rstrip() + "\n")


def _cell(text: str) -> str:
    return _NEWLINES.sub("<br>", _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def _total(diagnostics: Sequence[Diagnostic]) -> str:
    counts = Counter(d.severity for d in diagnostics)
    parts = [
        f"{counts[severity]} {label}{'' if counts[severity] == 1 else 's'}"
        for severity, label in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"))
        if counts[severity]
    ]
    if counts[Severity.INFO]:
        parts.append(f"{counts[Severity.INFO]} info")
    files = len({d.path for d in diagnostics})
    found = "finding" if len(diagnostics) == 1 else "findings"
    in_files = "1 file" if files == 1 else f"{files} files"
    return f"{len(diagnostics)} {found} ({', '.join(parts)}) in {in_files}."


def step_summary(diagnostics: Sequence[Diagnostic], run: RunInfo, out: TextIO) -> None:
    """Markdown for $GITHUB_STEP_SUMMARY: totals, counts per rule, then the findings."""
    out.write("## schema-lint\n\n")
    closing = footer(run)
    if not diagnostics:
        out.write("No problems found.\n")
        if closing:
            out.write(f"\n{_cell(closing)}\n")
        return
    out.write(f"{_total(diagnostics)}\n\n| Code | Rule | Count |\n| --- | --- | ---: |\n")
    for code, name, count, _ in _by_code(diagnostics):
        out.write(f"| {_cell(code)} | {_cell(name)} | {count} |\n")
    out.write("\n| Location | Code | Message |\n| --- | --- | --- |\n")
    for d in diagnostics[:MAX_SUMMARY_ROWS]:
        out.write(f"| {_cell(f'{d.path}:{d.line}')} | {_cell(d.code)} | {_cell(d.message)} |\n")
    if len(diagnostics) > MAX_SUMMARY_ROWS:
        out.write(f"\n... and {len(diagnostics) - MAX_SUMMARY_ROWS} more\n")
    if closing:
        out.write(f"\n{_cell(closing)}\n")
