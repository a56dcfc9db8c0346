"""Paths printed from another folder: a run's paths start at its project root, a report's at
the working directory (for people) or the repository root (for tools)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from schema_lint.diagnostics import Diagnostic, sort_diagnostics


def relocate(root: Path, base: Path) -> Callable[[str], str]:
    """Turn a root-relative path into a base-relative, '/'-separated one (`..` where needed)."""
    if base == root:
        return str
    seen: dict[str, str] = {}

    def move(path: str) -> str:
        if path not in seen:
            seen[path] = os.path.relpath(root / path, base).replace(os.sep, "/")
        return seen[path]

    return move


def rebase(
    diagnostics: Sequence[Diagnostic], lockfile_shown: str, move: Callable[[str], str]
) -> list[Diagnostic]:
    """Diagnostics printed from one folder, printed from another (`move` from `relocate`)."""
    return sort_diagnostics([_moved(d, move, lockfile_shown) for d in diagnostics])


def _moved(d: Diagnostic, move: Callable[[str], str], lockfile_shown: str) -> Diagnostic:
    """The diagnostic with its path, and the place it refers to, relative to the new base."""
    related, message = d.related, d.message
    # a lockfile is named as the config names it (line 0: the file as a whole, `extends`)
    if related is not None and related.line and related.path != lockfile_shown:
        # messages end with the place (`... at src/a.js:3:9`): a key quoted earlier may hold
        # the same text, so only the last occurrence is the place
        head, found, tail = message.rpartition(related.where)
        related = replace(related, path=move(related.path))
        if found:
            message = f"{head}{related.where}{tail}"
    return replace(d, path=move(d.path), related=related, message=message)
