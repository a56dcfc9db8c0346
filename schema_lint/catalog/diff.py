"""What the current tree adds or changes compared with another catalog (a git ref's).

Only what a reviewer must see on a pull request: events and keys that are new, and keys
whose set of known types changed (a key newly sent as `number` beside `string`, or that is
now sent with another type). `null` and `unknown` are left out of the type sets: they never
lock a type, so they change nothing the schema keeps.
"""

from __future__ import annotations

from dataclasses import dataclass

from schema_lint import typing_ as T
from schema_lint.catalog.model import Catalog, Event, Key


@dataclass(frozen=True)
class TypeChange:
    namespace: str
    key: str
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class CatalogDiff:
    against: str
    new_events: tuple[Event, ...]
    new_keys: tuple[Key, ...]
    changed_types: tuple[TypeChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.new_events or self.new_keys or self.changed_types)


def diff(before: Catalog, after: Catalog, against: str) -> CatalogDiff:
    """`after` compared with `before`; order follows `after`, which is sorted."""
    old_events = {(event.namespace, event.name) for event in before.events}
    old_keys = {(key.namespace, key.key): key for key in before.keys}
    changed = []
    for key in after.keys:
        old = old_keys.get((key.namespace, key.key))
        if old is not None and known_types(old) != known_types(key):
            changed.append(TypeChange(key.namespace, key.key, known_types(old), known_types(key)))
    return CatalogDiff(
        against,
        tuple(e for e in after.events if (e.namespace, e.name) not in old_events),
        tuple(k for k in after.keys if (k.namespace, k.key) not in old_keys),
        tuple(changed),
    )


def known_types(key: Key) -> tuple[str, ...]:
    return tuple(type_ for type_ in key.types if T.is_known(type_))
