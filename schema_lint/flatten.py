"""Pure: metadata trees -> rows (namespace, key, path, type, location).

`key` is the normalized leaf name (dots become underscores, as the remote schema stores it);
`path` is the dotted path as written (`some_object.some_sub_field`, `items[].sku`).
A key repeated in one object is sent once, with its last value (as `JSON.parse`, JS and
Python do): the values written before it give no rows, so they are never type-checked.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from operator import attrgetter
from typing import NamedTuple

from schema_lint import typing_ as T
from schema_lint.model import Entry, FileScan, Occurrence, Span, Value


class Row(NamedTuple):
    file: str
    span: Span
    namespace: str
    key: str
    path: str
    type: str
    entry: Entry


_ORDER = attrgetter("file", "span.line", "span.column")  # in C: rows are many


def in_order(rows: Iterable[Row]) -> list[Row]:
    """The rows in SL002's "first occurrence" order: printed path (plain string order), line,
    column; rows that tie keep their order."""
    return sorted(rows, key=_ORDER)


_new = tuple.__new__


def normalize_key(key: str) -> str:
    return key.replace(".", "_")


def flatten(occurrence: Occurrence, file: str, numbers: str = "json") -> Iterator[Row]:
    """Every key at every depth, in document order; iterative, so depth cannot overflow."""
    # None marks the top: an object under the empty key "" has paths such as ".a"
    stack: list[tuple[Value, str | None]] = [(occurrence.metadata, None)]
    namespace = occurrence.namespace
    while stack:
        value, prefix = stack.pop()
        children: list[tuple[Value, str | None]] = []
        for entry in _sent(value.entries):
            key, child = entry.key, entry.value
            path = key if prefix is None else f"{prefix}.{key}"
            type_ = T.normalize(child.type, numbers)
            # tuple.__new__ builds the Row in C: a run makes one for every key it sees
            yield _new(Row, (file, entry.span, namespace, normalize_key(key), path, type_, entry))
            if child.items or child.type == T.OBJECT:  # a scalar holds no object
                children.extend(_containers(child, path))
        stack.extend(reversed(children))


def _sent(entries: tuple[Entry, ...]) -> tuple[Entry, ...] | list[Entry]:
    """The entries whose value is sent: the last one of each repeated key."""
    if len({entry.key for entry in entries}) == len(entries):  # most objects repeat none
        return entries
    last = {entry.key: index for index, entry in enumerate(entries)}
    return [entry for index, entry in enumerate(entries) if last[entry.key] == index]


def _containers(value: Value, path: str) -> Iterator[tuple[Value, str]]:
    """Objects below a value, directly or as (nested) array elements, with their paths."""
    pending = deque([(value, path)])  # popping a list's head is quadratic in huge arrays
    while pending:
        current, current_path = pending.popleft()
        if current.type == T.OBJECT:
            yield current, current_path
        for item in current.items:
            pending.append((item, current_path + "[]"))


def flatten_scans(scans: Iterable[FileScan], numbers: str = "json") -> list[Row]:
    return [
        row
        for scan in scans
        for occ in scan.occurrences
        for row in flatten(occ, scan.path, numbers)
    ]


def walk_containers(occurrence: Occurrence) -> Iterator[tuple[Value, Entry | None, str]]:
    """Every object and array of an occurrence that holds something, in document order, with
    the entry that holds it and its path; scalars are leaves no rule walks to."""
    stack: list[tuple[Value, Entry | None, str]] = [(occurrence.metadata, None, "")]
    while stack:
        value, holder, path = stack.pop()
        yield value, holder, path
        for entry in reversed(value.entries):
            if entry.value.entries or entry.value.items:
                stack.append((entry.value, entry, f"{path}.{entry.key}" if path else entry.key))
        for item in reversed(value.items):
            if item.entries or item.items:
                stack.append((item, holder, path + "[]"))
