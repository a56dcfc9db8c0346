"""Small pieces shared by several formats."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schema_lint.reporters import RunInfo

_NEWLINES = re.compile(r"\r\n|\r|\n")


def one_line(text: str) -> str:
    """Line-oriented formats must keep one diagnostic on one line."""
    return _NEWLINES.sub(" ", text)


def footer(run: RunInfo) -> str | None:
    """The closing line about the lockfile, or None when there is nothing to say."""
    if run.added_keys:
        return f"Added {_keys(run.added_keys)} to {run.lockfile}."
    if run.new_keys:
        verb = "is" if run.new_keys == 1 else "are"
        return f"{_keys(run.new_keys)} {verb} not in {run.lockfile} yet: run schema-lint lock"
    return None


def _keys(count: int) -> str:
    return f"{count} new key" if count == 1 else f"{count} new keys"


class SourceLines:
    """Line lookup over `RunInfo.source_lines`, reading each file at most once per report."""

    def __init__(self, source_lines: Callable[[str], Sequence[str]] | None) -> None:
        self._source_lines = source_lines
        self._cache: dict[str, Sequence[str]] = {}

    def line(self, path: str, line: int) -> str | None:
        if self._source_lines is None or line < 1:
            return None
        if path not in self._cache:
            try:
                self._cache[path] = self._source_lines(path)
            except (OSError, ValueError):
                # A file deleted or re-encoded since the scan must not cost the whole report.
                self._cache[path] = ()
        lines = self._cache[path]
        if line > len(lines):
            return None
        return lines[line - 1].rstrip("\r\n")
