"""Captured records -> occurrences: which namespace a record's metadata belongs to, and its
metadata as a typed value tree, so that flatten and the rules apply unchanged.

- An action or API event (`action_name`, or `request` with `metadata`) goes to `events`;
- an object with `user_id` and `metadata` to `users`, with `company_id` and `metadata` to
  `companies`;
- any other object is bare metadata of `--namespace NS`, and without it not a record at all.

Values are typed as the JSON scanner types them. A record from a JSON document keeps the
position of every key (`text`); a JSON Lines record points at its line.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from schema_lint import typing_ as T
from schema_lint.events import Pairs, Record
from schema_lint.limits import MAX_DEPTH
from schema_lint.model import PAYLOAD_KEY, Entry, Occurrence, Span, Value
from schema_lint.strings import SURROGATE

_ENVELOPES = ((PAYLOAD_KEY, "events"), ("request", "events"))
_OWNERS = (("user_id", "users"), ("company_id", "companies"))


@dataclass(frozen=True, slots=True)
class Captured:
    """One record's outcome: the metadata it sends (`namespace`, `metadata`, `action`), none
    (an event without metadata), or why it is not a record (`problem`)."""

    record: Record
    namespace: str | None = None
    metadata: Pairs | None = None
    action: str | None = None
    problem: str | None = None
    bare: bool = False  # the record is the metadata itself (--namespace)


def read(records: Iterator[Record], namespace: str | None) -> Iterator[Captured]:
    for record in records:
        if record.error is not None:
            yield Captured(record, problem=record.error)
        elif not isinstance(record.value, Pairs):
            yield Captured(record, problem="not an object")
        else:
            yield _classify(record, namespace)


def _classify(record: Record, namespace: str | None) -> Captured:
    fields = dict(record.value)
    metadata = fields.get("metadata")
    target = None
    if isinstance(fields.get(PAYLOAD_KEY), str):
        target = "events"
    elif isinstance(metadata, Pairs):
        target = next((ns for key, ns in (*_ENVELOPES, *_OWNERS) if key in fields), None)
    if target is None:
        if namespace is None:
            problem = "not an event, user or company record (--namespace NS reads bare metadata)"
            return Captured(record, problem=problem)
        return Captured(record, namespace, record.value, bare=True)
    if not isinstance(metadata, Pairs):
        return Captured(record)  # an event without metadata: nothing to learn or check
    action = fields.get(PAYLOAD_KEY) if target == "events" else None
    return Captured(record, target, metadata, action if isinstance(action, str) else None)


def occurrence(item: Captured) -> Occurrence | None:
    """The record's metadata as the rules see it, with every key's position when known."""
    if item.namespace is None or item.metadata is None:
        return None
    record = item.record
    if record.text is not None:
        from schema_lint.scanners.json_ import parse_value

        value = parse_value(record.text, record.line - 1)
        if value is not None and not item.bare:
            value = next(e.value for e in reversed(value.entries) if e.key == "metadata")
        if value is not None:
            return Occurrence(item.namespace, value, item.action)
    span = Span(record.line, record.column, record.line, record.column + 1)
    return Occurrence(item.namespace, to_value(item.metadata, span), item.action)


def key_types(metadata: Pairs) -> Iterator[tuple[str, str]]:
    """(key as written, type) of every key at every depth, in the order `flatten` gives rows:
    an object's own keys, then the objects below them. Faster than building the value tree."""
    stack: list[Pairs] = [metadata]
    while stack:
        current = stack.pop()
        below: list[Pairs] = []
        for key, data in current:
            yield printable(key), type_of(data)
            _objects(data, below, 0)
        stack.extend(reversed(below))


def _objects(data: Any, found: list[Pairs], depth: int) -> None:
    """Objects in a value, directly or in (nested) arrays, breadth first as flatten has them."""
    pending = deque([(data, depth)])
    while pending:
        current, level = pending.popleft()
        if isinstance(current, Pairs):
            found.append(current)
        elif isinstance(current, list) and level < MAX_DEPTH:
            pending.extend((item, level + 1) for item in current)


def printable(key: str) -> str:
    """A lone surrogate (`"\\ud800"` is valid JSON) cannot be printed nor locked: U+FFFD,
    as the JSON scanner has it."""
    return key if key.isascii() else SURROGATE.sub("\ufffd", key)


def type_of(data: Any, depth: int = 0) -> str:
    if depth > MAX_DEPTH:
        return T.UNKNOWN
    if isinstance(data, Pairs):
        return T.OBJECT
    if isinstance(data, list):
        element, _ = T.common_element(type_of(item, depth + 1) for item in data)
        return T.array_of(element)
    return scalar_type(data)


def to_value(data: Any, span: Span, depth: int = 0) -> Value:
    """A decoded JSON value as a typed tree, every part placed at `span` (the record)."""
    if depth > MAX_DEPTH:
        return Value(T.UNKNOWN, span)
    if isinstance(data, Pairs):
        entries = tuple(Entry(printable(k), span, to_value(v, span, depth + 1)) for k, v in data)
        return Value(T.OBJECT, span, entries=entries)
    if isinstance(data, list):
        items = tuple(to_value(item, span, depth + 1) for item in data)
        element, _ = T.common_element(item.type for item in items)
        return Value(T.array_of(element), span, items=items)
    return Value(scalar_type(data), span)


def scalar_type(data: Any) -> str:
    if isinstance(data, str):
        return T.STRING
    if isinstance(data, bool):
        return T.BOOLEAN
    if isinstance(data, int):
        return T.INTEGER
    if isinstance(data, float):
        return T.INTEGER if data.is_integer() else T.FLOAT
    return T.NULL
