"""`--fix` and `--diff`: apply the fixes of the reported diagnostics, or show them as a diff.

Every rewrite goes through here. A fix is applied only when its applicability allows it:
SAFE fixes always, UNSAFE ones only with `--unsafe-fixes`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from schema_lint.diagnostics import SAFE, Diagnostic
from schema_lint.files import atomic_write

_LINE_END = re.compile(r"\r\n|\r|\n")
# Lines as editors and `patch` count them: str.splitlines would also split at U+2028 and \f.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_NO_NEWLINE = "\n\\ No newline at end of file\n"


@dataclass(frozen=True)
class Fixed:
    """The diagnostics fixed (or, for a diff, that would be), the diff, and the fixes held back
    because they are unsafe."""

    diagnostics: frozenset[Diagnostic] = frozenset()
    diff: str = ""
    unsafe_left: int = 0


def apply_fixes(
    root: Path,
    diagnostics: Sequence[Diagnostic],
    unsafe: bool = False,
    write: bool = True,
    shown: Callable[[str], str] = str,
) -> Fixed:
    """Rewrite each file once, last edit first (or, unless `write`, only diff the rewrite).

    Diagnostic paths are relative to `root`; `shown` gives the path a diff header prints.
    """
    by_path: dict[str, list[Diagnostic]] = {}
    unsafe_left: set[Diagnostic] = set()
    for diagnostic in diagnostics:
        if diagnostic.fix is None:
            continue
        if diagnostic.fix.applicability == SAFE or unsafe:
            by_path.setdefault(diagnostic.path, []).append(diagnostic)
        else:
            unsafe_left.add(diagnostic)
    fixed: set[Diagnostic] = set()
    diffs: list[str] = []
    for path in sorted(by_path):
        rewrite = _rewrite(root / path, by_path[path])
        if rewrite is None:
            continue
        before, after, bom, applied = rewrite
        fixed.update(applied)
        if write:
            _write(root / path, after, bom)
        else:
            diffs.append(unified_diff(shown(path), before, after))
    return Fixed(frozenset(fixed), "".join(diffs), len(unsafe_left))


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in _LINE_END.finditer(text))]


def _rewrite(path: Path, group: list[Diagnostic]) -> tuple[str, str, bool, list[Diagnostic]] | None:
    """(text before, text after, whether it had a BOM, diagnostics fixed); None if unchanged."""
    try:
        raw = path.read_bytes()
        bom = raw.startswith(codecs.BOM_UTF8)
        original = raw[3 if bom else 0 :].decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    starts = _line_starts(original)
    edits: dict[tuple[int, int], tuple[str, list[Diagnostic]]] = {}
    for diagnostic in group:
        fix = diagnostic.fix
        assert fix is not None
        if fix.line > len(starts) or fix.end_line > len(starts):
            continue
        start = starts[fix.line - 1] + fix.column - 1
        end = starts[fix.end_line - 1] + fix.end_column - 1
        edits.setdefault((start, end), (fix.replacement, []))[1].append(diagnostic)
    text = original
    applied: list[Diagnostic] = []
    last = len(text) + 1
    for (start, end), (replacement, owners) in sorted(edits.items(), reverse=True):
        if end > last:
            continue  # overlapping edits: keep the later one, the next run reports the rest
        text = text[:start] + replacement + text[end:]
        last = start
        applied.extend(owners)
    return (original, text, bom, applied) if applied else None


def _write(path: Path, text: str, bom: bool) -> None:
    atomic_write(path, (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))


def unified_diff(path: str, before: str, after: str) -> str:
    """A `diff -u` of one file, with `a/` and `b/` prefixes as git and ruff print them."""
    import difflib  # only for --diff

    lines = difflib.unified_diff(
        _LINE.findall(before),
        _LINE.findall(after),
        f"a/{path}",
        f"b/{path}",
    )
    # difflib leaves a last line without its newline as it is; diff marks it instead.
    return "".join(line if line.endswith(("\n", "\r")) else line + _NO_NEWLINE for line in lines)
