"""The catalog's values: events, keys, coverage and unreadable metadata, all sorted and frozen.

A key's status says what the lock makes of it, with the same logic as `check` (SL002) and
`lock`: `locked` (in a lockfile, and every typed occurrence agrees), `conflicting` (a typed
occurrence disagrees with the locked type, or the key is not locked and is sent with types
that do not merge), `new` (not locked; `lock` would add it), `untyped` (not locked, and only
ever sent as `null` or a value whose type is unknown, so `lock` cannot add it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

LOCKED = "locked"
NEW = "new"
CONFLICTING = "conflicting"
UNTYPED = "untyped"
STATUSES = (LOCKED, NEW, CONFLICTING, UNTYPED)


class Location(NamedTuple):
    """A place in a scanned file: path relative to the project root, 1-based line and column."""

    path: str
    line: int
    column: int


@dataclass(frozen=True)
class EventKey:
    """A key as one event sends it: one entry per path and type."""

    key: str
    path: str
    type: str
    status: str
    locations: tuple[Location, ...]


@dataclass(frozen=True)
class Event:
    """An action name in a namespace; `name` is None for metadata sent without a literal name
    (user and company profiles, middleware callbacks, examples, computed action names)."""

    namespace: str
    name: str | None
    locations: tuple[Location, ...]
    keys: tuple[EventKey, ...]


@dataclass(frozen=True)
class Key:
    """A key of a namespace across every event: the identity the lock is kept by.

    `type` is the locked type, else the type `lock` would write, else (types that conflict)
    the first typed occurrence's, else `null` or `unknown`; `types` is every type it is sent
    with."""

    namespace: str
    key: str
    type: str
    locked_type: str | None
    status: str
    types: tuple[str, ...]
    paths: tuple[str, ...]
    events: tuple[str | None, ...]
    locations: tuple[Location, ...]


@dataclass(frozen=True)
class FileCoverage:
    path: str
    occurrences: int
    typed: int

    @property
    def unknown(self) -> int:
        return self.occurrences - self.typed


@dataclass(frozen=True)
class Coverage:
    """Typed key occurrences out of all: only `unknown` is untyped (`null` is a type read)."""

    files: tuple[FileCoverage, ...]

    @property
    def occurrences(self) -> int:
        return sum(f.occurrences for f in self.files)

    @property
    def typed(self) -> int:
        return sum(f.typed for f in self.files)

    @property
    def unknown(self) -> int:
        return self.occurrences - self.typed


@dataclass(frozen=True)
class Unresolved:
    """Metadata that could not be read. `call` is the call as the scanner names it, when it
    does (None otherwise); `reason` says what went wrong."""

    path: str
    line: int
    column: int
    call: str | None
    reason: str


@dataclass(frozen=True)
class Catalog:
    events: tuple[Event, ...]
    keys: tuple[Key, ...]
    coverage: Coverage
    unresolved: tuple[Unresolved, ...]


def percent(part: int, whole: int) -> str:
    """`87.5%`; a whole of zero reads as complete: nothing was left untyped."""
    return f"{100 * part / whole:.1f}%" if whole else "100.0%"
