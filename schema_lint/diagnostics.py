"""Diagnostics: immutable findings with a stable sort order."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from operator import attrgetter

from schema_lint import strings


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SAFE = "safe"  # the rewrite cannot change what the code does besides the metadata sent
UNSAFE = "unsafe"  # other code may depend on the text: applied only with --unsafe-fixes


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace the text between (line, column) and (end_line, end_column) with `replacement`.

    `applicability` is SAFE or UNSAFE, as ruff names them.
    """

    replacement: str
    line: int
    column: int
    end_line: int
    end_column: int
    applicability: str = SAFE


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding refers to, such as where a locked or first type came from."""

    message: str
    path: str
    line: int = 0
    column: int = 0

    @property
    def where(self) -> str:
        """`path:line:column`; the path alone for a place without lines, such as the lockfile."""
        return strings.where(self.path, self.line, self.column) if self.line else self.path


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    namespace: str | None = None
    key: str | None = None
    key_path: str | None = None
    fix: Fix | None = None
    related: Related | None = None

    @property
    def where(self) -> str:
        return strings.where(self.path, self.line, self.column)


# path, line, column, code (message last, only to make ties deterministic); in C: a run sorts
# thousands
_ORDER = attrgetter("path", "line", "column", "code", "message")


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted by path, line, column, code (message last, only to make ties deterministic)."""
    return sorted(set(diagnostics), key=_ORDER)
