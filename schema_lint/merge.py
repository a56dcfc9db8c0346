"""`merge-lock BASE OURS THEIRS`: a git merge driver for the lockfile.

Both branches only ever add keys, so the merge is the union of their keys, written sorted
into OURS. A key both sides add (or change) with different types is a real conflict: its
lines keep git's conflict markers, which the lockfile loader refuses until someone decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from schema_lint import lockfile
from schema_lint.files import atomic_write

MARKER = 7  # git's default conflict-marker size


def merge_files(base: Path, ours: Path, theirs: Path) -> bool:
    """Write the merge into `ours`; False when a key kept conflict markers."""
    sides = [lockfile.load(path, str(path)).types for path in (base, ours, theirs)]
    merged, conflicts = merge(*sides)
    text = render(merged, conflicts)
    atomic_write(ours, text.encode("utf-8"))
    return not conflicts


Locked = Mapping[str, Mapping[str, str]]
Types = dict[str, dict[str, str]]
Conflicts = dict[tuple[str, str], tuple[str, str]]


def merge(base: Locked, ours: Locked, theirs: Locked) -> tuple[Types, Conflicts]:
    """The union of both sides; a key whose types differ, and neither is the base's, conflicts."""
    merged: Types = {}
    conflicts: Conflicts = {}
    for namespace in sorted({*ours, *theirs}):
        mine, other = ours.get(namespace, {}), theirs.get(namespace, {})
        for key in sorted({*mine, *other}):
            a, b = mine.get(key), other.get(key)
            was = base.get(namespace, {}).get(key)
            if a is not None and b is not None and a != b and was not in (a, b):
                conflicts[(namespace, key)] = (a, b)
                merged.setdefault(namespace, {})[key] = a
                continue
            chosen = b if a is None or a == was else a
            if chosen is not None:
                merged.setdefault(namespace, {})[key] = chosen
    return merged, conflicts


def render(merged: Types, conflicts: Conflicts) -> str:
    """The lockfile text, with each conflicting key's two lines between markers."""
    lines = lockfile.dumps(merged).split("\n")
    for (namespace, key), (ours, theirs) in conflicts.items():
        block = [
            "<" * MARKER + " ours",
            lockfile.entry(key, ours),
            "=" * MARKER,
            lockfile.entry(key, theirs),
            ">" * MARKER + " theirs",
        ]
        start = _find(lines, namespace, lockfile.entry(key, ours))
        size = lockfile.entry(key, ours).count("\n") + 1
        lines[start : start + size] = "\n".join(block).split("\n")
    return "\n".join(lines)


def _find(lines: list[str], namespace: str, entry: str) -> int:
    first = entry.split("\n")[0]
    inside = lines.index(f"{namespace}:")
    return lines.index(first, inside)
