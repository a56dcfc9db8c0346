"""What every rule module shares: the context it reads and the way it makes a diagnostic."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from types import ModuleType
from typing import NamedTuple

from schema_lint import strings
from schema_lint.diagnostics import Diagnostic, Fix, Related
from schema_lint.flatten import Row, in_order, normalize_key, walk_containers
from schema_lint.model import Entry, FileScan, Occurrence, Span, Value
from schema_lint.strings import shorten

MAX_SHOWN = 80  # characters of a key, path, type or action name quoted in a message
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule may look at; rules never read files or settings themselves."""

    scans: Sequence[FileScan]
    rows: Sequence[Row]
    locked: Callable[[str, str], str | None]
    locked_keys: Callable[[str], Sequence[str]]
    lockfile: str
    numbers: str
    # the lockfile that locks a key when it is not the local one (`extends`)
    locked_in: Callable[[str, str, str], str] | None = None
    # `rows` in `ordered`'s order, when the caller has them sorted already
    rows_in_order: Sequence[Row] | None = None

    # what several rules read is made once, on first use

    @cached_property
    def ordered(self) -> Sequence[Row]:
        """The rows in SL002's "first occurrence" order (`flatten.in_order`)."""
        return self.rows_in_order if self.rows_in_order is not None else in_order(self.rows)

    @cached_property
    def containers(self) -> list[Container]:
        """Every object and array of every occurrence, with the entry holding it and its path."""
        return [
            Container(scan.path, occurrence, value, holder, path)
            for scan in self.scans
            for occurrence in scan.occurrences
            for value, holder, path in walk_containers(occurrence)
        ]

    @cached_property
    def crowded(self) -> list[Container]:
        """The objects in which two keys have one stored name (`a.b` and `a_b`, or a key
        repeated): where SL001 and SL003 look; most objects have none."""
        crowded = []
        for container in self.containers:
            keys = [entry.key for entry in container.value.entries]
            # a dot is rare in keys: without one, each stored name is its key
            names = set(keys) if "." not in "".join(keys) else set(map(normalize_key, keys))
            if len(names) < len(keys):
                crowded.append(container)
        return crowded


class Container(NamedTuple):
    """An object or array value inside an occurrence's metadata (a tuple: thousands are made
    for every run, three times faster than a frozen dataclass)."""

    file: str
    occurrence: Occurrence
    value: Value
    holder: Entry | None  # the entry whose value this is, or holds it in (nested) arrays
    path: str


def related_at(message: str, path: str, span: Span) -> Related:
    """Another place of a scanned file a finding refers to, at the start of `span`."""
    return Related(message, path, span.line, span.column)


def make(
    rule: ModuleType,
    path: str,
    span: Span,
    message: str,
    row: Row | None = None,
    fix: Fix | None = None,
    related: Related | None = None,
) -> Diagnostic:
    """A diagnostic of the calling rule at `span`, carrying the row's key identity."""
    return Diagnostic(
        path,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        rule.CODE,
        rule.NAME,
        rule.SEVERITY,
        message,
        namespace=row.namespace if row else None,
        key=row.key if row else None,
        key_path=row.path if row else None,
        fix=fix,
        related=related,
    )


def shown(text: str) -> str:
    """Text from a scanned file as a message quotes it: escaped onto one line, and cut in the
    middle (both ends of a path say the most) so that a huge key cannot flood the output."""
    if len(text) <= MAX_SHOWN and text.isprintable():  # most: no character of _CONTROL in it
        return text
    text = _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)
    return shorten(text, MAX_SHOWN)


def where(row: Row) -> str:
    return strings.where(row.file, row.span.line, row.span.column)
