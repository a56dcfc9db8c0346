"""`--fix`: apply the fixes of the reported diagnostics to the files, in place."""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from pathlib import Path

from schema_lint.diagnostics import Diagnostic
from schema_lint.files import atomic_write

_LINE_END = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_END.finditer(text))]


def apply_fixes(root: Path, diagnostics: Sequence[Diagnostic]) -> set[Diagnostic]:
    """Rewrite each file once, last edit first; return the diagnostics that were fixed."""
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        if diagnostic.fix is not None:
            by_path.setdefault(diagnostic.path, []).append(diagnostic)
    fixed: set[Diagnostic] = set()
    for path, group in by_path.items():
        fixed.update(_fix_file(root / path, group))
    return fixed


def _fix_file(path: Path, group: list[Diagnostic]) -> list[Diagnostic]:
    try:
        raw = path.read_bytes()
        bom = raw.startswith(codecs.BOM_UTF8)
        text = raw[3 if bom else 0 :].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    starts = _line_starts(text)
    edits: dict[tuple[int, int], tuple[str, list[Diagnostic]]] = {}
    for diagnostic in group:
        fix = diagnostic.fix
        assert fix is not None
        if fix.line > len(starts) or fix.end_line > len(starts):
            continue
        start = starts[fix.line - 1] + fix.column - 1
        end = starts[fix.end_line - 1] + fix.end_column - 1
        edits.setdefault((start, end), (fix.replacement, []))[1].append(diagnostic)
    applied: list[Diagnostic] = []
    last = len(text) + 1
    for (start, end), (replacement, owners) in sorted(edits.items(), reverse=True):
        if end > last:
            continue  # overlapping edits: keep the later one, the next run reports the rest
        text = text[:start] + replacement + text[end:]
        last = start
        applied.extend(owners)
    if applied:
        data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
        atomic_write(path, data)
    return applied
