"""`lock --from-events`: lock the types production data already has.

Each key is added with the type of its first occurrence in file order, as the remote schema
did; a later record with another type is said once per key (the schema kept the first). Only
the keys and their first types are held, never the records, so memory does not grow with
the input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from schema_lint import captured, events, extends, lockfile
from schema_lint import typing_ as T
from schema_lint.flatten import normalize_key
from schema_lint.settings import Settings

Say = Callable[[str], None]
Tick = Callable[[str], Callable[[int], None] | None]


@dataclass(slots=True)
class _Key:
    """A key's type as the schema has it: locked already, or first seen in this data."""

    type: str
    where: str
    locked: bool
    said: bool = False


@dataclass
class Learned:
    added: dict[str, dict[str, str]] = field(default_factory=dict)
    lockfile: str = ""
    records: int = 0
    bad: int = 0
    conflicts: int = 0


def display_name(name: str) -> str:
    return "<stdin>" if name == events.STDIN else name


def learn(
    settings: Settings,
    names: Sequence[str],
    namespace: str | None,
    offline: bool,
    say: Say,
    tick: Tick = lambda name: None,
) -> Learned:
    """Read every input, then add the new keys to the local lockfile in one locked write."""
    from schema_lint.engine import Options, lockfile_display

    display = lockfile_display(settings)
    local = lockfile.load(settings.lockfile, display)
    lock, _, notes = extends.apply(settings, local, display, Options(offline=offline))
    for note in notes:
        say(f"note: {note}")
    learned = Learned(lockfile=display)
    first: dict[tuple[str, str], _Key] = {}
    for name in names:
        shown = display_name(name)
        for item in captured.read(events.records(name, tick(name)), namespace):
            learned.records += 1
            where = f"{shown}:{item.record.line}"
            if item.problem is not None:
                learned.bad += 1
                say(f"{where}: skipped: {item.problem}")
            elif item.namespace is not None and item.metadata is not None:
                found = captured.key_types(item.metadata)
                numbers = settings.numbers
                _learn_one(item.namespace, found, where, numbers, lock, first, learned, say)
    additions: dict[str, dict[str, str]] = {}
    for (ns, key), known in sorted(first.items()):
        if not known.locked:
            additions.setdefault(ns, {})[key] = known.type
    learned.added = lockfile.update(settings.lockfile, additions, display, create=True)
    return learned


def _learn_one(
    namespace: str,
    found: Iterator[tuple[str, str]],
    where: str,
    numbers: str,
    lock: lockfile.Lock,
    first: dict[tuple[str, str], _Key],
    learned: Learned,
    say: Say,
) -> None:
    for written, raw_type in found:
        type_ = T.normalize(raw_type, numbers)
        if not T.is_known(type_):
            continue
        key = normalize_key(written)
        identity = (namespace, key)
        known = first.get(identity)
        if known is None:
            locked = lock.get(*identity)
            if locked is None:
                first[identity] = _Key(type_, where, False)
                continue
            at = lock.origin(namespace, key, learned.lockfile)
            known = first[identity] = _Key(locked, at, True)
        if known.type == type_:
            continue  # the common case, without the cost of a merge
        merged = T.merge(known.type, type_)
        if merged is None:
            if not known.said:
                known.said = True
                learned.conflicts += 1
                say(_conflict(key, namespace, type_, where, known))
        elif not known.locked:
            known.type = merged


def _conflict(key: str, namespace: str, type_: str, where: str, known: _Key) -> str:
    from schema_lint.rules.base import shown

    other = (
        f"is locked as {known.type} in {known.where}"
        if known.locked
        else f"was first sent as {known.type} at {known.where}"
    )
    return (
        f"{where}: `{shown(key)}` ({namespace}) is {type_} here, but {other}; "
        f"the schema keeps {known.type}"
    )
