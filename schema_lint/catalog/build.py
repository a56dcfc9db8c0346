"""Scans and the lock -> Catalog. Pure: no file is read here.

Statuses come from the same places `check` and `lock` take them from: `lockable_keys` for
keys not locked yet (new ones, and ones sent with types that do not merge), and SL002's test
(`typing_.compatible` against the locked type) for locked ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from schema_lint import typing_ as T
from schema_lint.catalog.model import (
    CONFLICTING,
    LOCKED,
    NEW,
    UNTYPED,
    Catalog,
    Coverage,
    Event,
    EventKey,
    FileCoverage,
    Key,
    Location,
    Unresolved,
)
from schema_lint.engine import lockable_keys
from schema_lint.flatten import Row, flatten, in_order
from schema_lint.lockfile import Lock
from schema_lint.model import NAMESPACES, FileScan, Occurrence, Span

Identity = tuple[str, str]  # (namespace, key)
EventId = tuple[str, str | None]  # (namespace, action name)
UNREADABLE = "the metadata argument's value cannot be read"


def build(scans: Sequence[FileScan], lock: Lock, numbers: str = "json") -> Catalog:
    sent = [
        (scan.path, occurrence, list(flatten(occurrence, scan.path, numbers)))
        for scan in scans
        for occurrence in scan.occurrences
    ]
    rows = [row for _, _, occurrence_rows in sent for row in occurrence_rows]
    statuses = key_statuses(rows, lock)
    return Catalog(
        events=_events(sent, lock, statuses),
        keys=_keys(sent, rows, lock, statuses),
        coverage=coverage(rows),
        unresolved=tuple(sorted(unresolved(scans), key=_unresolved_order)),
    )


def key_statuses(rows: Sequence[Row], lock: Lock) -> dict[Identity, str]:
    additions, unlockable = lockable_keys(rows, lock)
    conflicting = set(unlockable)
    statuses: dict[Identity, str] = {}
    for row in rows:
        identity = (row.namespace, row.key)
        locked = lock.get(*identity)
        if locked is not None:
            if not T.compatible(locked, row.type):
                statuses[identity] = CONFLICTING
            else:
                statuses.setdefault(identity, LOCKED)
        elif identity in conflicting:
            statuses[identity] = CONFLICTING
        else:
            statuses[identity] = NEW if row.key in additions.get(row.namespace, {}) else UNTYPED
    return statuses


def entry_status(row: Row, lock: Lock, statuses: dict[Identity, str]) -> str:
    """A locked key's entry is judged on its own type; any other takes its key's status."""
    locked = lock.get(row.namespace, row.key)
    if locked is not None:
        return LOCKED if T.compatible(locked, row.type) else CONFLICTING
    return statuses[(row.namespace, row.key)]


def _events(
    sent: list[tuple[str, Occurrence, list[Row]]], lock: Lock, statuses: dict[Identity, str]
) -> tuple[Event, ...]:
    places: dict[EventId, list[Location]] = {}
    entries: dict[EventId, dict[tuple[str, str, str], list[Row]]] = {}
    for path, occurrence, rows in sent:
        event = (occurrence.namespace, occurrence.action)
        span = occurrence.action_span or occurrence.metadata.span
        places.setdefault(event, []).append(_location(path, span))
        grouped = entries.setdefault(event, {})
        for row in rows:
            grouped.setdefault((row.key, row.path, row.type), []).append(row)
    events = []
    for event in sorted(places, key=_event_order):
        keys = tuple(
            EventKey(key, path, type_, entry_status(group[0], lock, statuses), _where(group))
            for (key, path, type_), group in sorted(entries[event].items())
        )
        events.append(Event(event[0], event[1], _sorted(places[event]), keys))
    return tuple(events)


def _keys(
    sent: list[tuple[str, Occurrence, list[Row]]],
    rows: list[Row],
    lock: Lock,
    statuses: dict[Identity, str],
) -> tuple[Key, ...]:
    groups: dict[Identity, list[Row]] = {}
    events: dict[Identity, set[str | None]] = {}
    for _, occurrence, occurrence_rows in sent:
        for row in occurrence_rows:
            events.setdefault((row.namespace, row.key), set()).add(occurrence.action)
    for row in in_order(rows):
        groups.setdefault((row.namespace, row.key), []).append(row)
    additions, _ = lockable_keys(rows, lock)
    keys = []
    for identity in sorted(groups, key=_namespace_order):
        group, locked = groups[identity], lock.get(*identity)
        type_ = locked or additions.get(identity[0], {}).get(identity[1]) or _first_type(group)
        keys.append(
            Key(
                *identity,
                type=type_,
                locked_type=locked,
                status=statuses[identity],
                types=tuple(sorted({row.type for row in group})),
                paths=tuple(sorted({row.path for row in group})),
                events=tuple(sorted(events[identity], key=_name_order)),
                locations=_where(group),
            )
        )
    return tuple(keys)


def _first_type(rows: Sequence[Row]) -> str:
    """The first typed occurrence's type (what SL002 compares against), else null/unknown."""
    typed = [row.type for row in rows if T.is_known(row.type)]
    if typed:
        return typed[0]
    return T.NULL if all(row.type == T.NULL for row in rows) else T.UNKNOWN


def coverage(rows: Iterable[Row]) -> Coverage:
    counts: dict[str, list[int]] = {}
    for row in rows:
        count = counts.setdefault(row.file, [0, 0])
        count[0] += 1
        count[1] += row.type != T.UNKNOWN
    return Coverage(tuple(FileCoverage(path, *counts[path]) for path in sorted(counts)))


def unresolved(scans: Iterable[FileScan]) -> Iterator[Unresolved]:
    """Metadata the scanners could not read: problems (a syntax error at a call, nesting too
    deep) and occurrences whose metadata is not an object literal they could follow.

    This is the one place the catalog learns of unreadable arguments: a scanner that records
    them (with the call as written) is read here, and fills `Unresolved.call`."""
    for scan in scans:
        for problem in scan.problems:
            span = problem.span
            yield Unresolved(scan.path, span.line, span.column, None, problem.message)
        for occurrence in scan.occurrences:
            if occurrence.metadata.type != T.OBJECT:
                span = occurrence.metadata.span
                yield Unresolved(scan.path, span.line, span.column, None, UNREADABLE)


def _location(path: str, span: Span) -> Location:
    return Location(path, span.line, span.column)


def _where(rows: Iterable[Row]) -> tuple[Location, ...]:
    return _sorted(_location(row.file, row.span) for row in rows)


def _sorted(locations: Iterable[Location]) -> tuple[Location, ...]:
    return tuple(sorted(set(locations)))


def _namespace_rank(namespace: str) -> tuple[int, str]:
    """events, users, companies (as SPEC lists them), then any other, by name."""
    rank = NAMESPACES.index(namespace) if namespace in NAMESPACES else len(NAMESPACES)
    return rank, namespace


def _name_order(name: str | None) -> tuple[bool, str]:
    return name is None, name or ""  # metadata without an action name goes last


def _event_order(event: EventId) -> tuple[tuple[int, str], tuple[bool, str]]:
    return _namespace_rank(event[0]), _name_order(event[1])


def _namespace_order(identity: Identity) -> tuple[tuple[int, str], str]:
    return _namespace_rank(identity[0]), identity[1]


def _unresolved_order(item: Unresolved) -> tuple[str, int, int, str]:
    return item.path, item.line, item.column, item.reason
