"""The catalog as JSON for tools: field order fixed, version 1 (documented in README.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from schema_lint.catalog.diff import CatalogDiff, TypeChange
from schema_lint.catalog.model import Catalog, Coverage, Event, Key, Location, Unresolved

VERSION = 1
Json = dict[str, Any]


def render(catalog: Catalog) -> str:
    return _dump(
        {
            "version": VERSION,
            "events": [_event(event) for event in catalog.events],
            "keys": [_key(key) for key in catalog.keys],
            "coverage": _coverage(catalog.coverage),
            "unresolved": [_unresolved(item) for item in catalog.unresolved],
        }
    )


def render_diff(diff: CatalogDiff) -> str:
    return _dump(
        {
            "version": VERSION,
            "against": diff.against,
            "new_events": [_event(event) for event in diff.new_events],
            "new_keys": [_key(key) for key in diff.new_keys],
            "changed_types": [_change(change) for change in diff.changed_types],
        }
    )


def _dump(data: Json) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _locations(locations: Iterable[Location]) -> list[Json]:
    return [{"path": p.path, "line": p.line, "column": p.column} for p in locations]


def _event(event: Event) -> Json:
    keys = [
        {
            "key": entry.key,
            "path": entry.path,
            "type": entry.type,
            "status": entry.status,
            "locations": _locations(entry.locations),
        }
        for entry in event.keys
    ]
    return {
        "namespace": event.namespace,
        "name": event.name,
        "locations": _locations(event.locations),
        "keys": keys,
    }


def _key(key: Key) -> Json:
    return {
        "namespace": key.namespace,
        "key": key.key,
        "type": key.type,
        "locked_type": key.locked_type,
        "status": key.status,
        "types": list(key.types),
        "paths": list(key.paths),
        "events": list(key.events),
        "locations": _locations(key.locations),
    }


def _coverage(coverage: Coverage) -> Json:
    files = [
        {"path": f.path, "occurrences": f.occurrences, "typed": f.typed, "unknown": f.unknown}
        for f in coverage.files
    ]
    return {
        "occurrences": coverage.occurrences,
        "typed": coverage.typed,
        "unknown": coverage.unknown,
        "files": files,
    }


def _unresolved(item: Unresolved) -> Json:
    return {
        "path": item.path,
        "line": item.line,
        "column": item.column,
        "call": item.call,
        "reason": item.reason,
    }


def _change(change: TypeChange) -> Json:
    return {
        "namespace": change.namespace,
        "key": change.key,
        "before": list(change.before),
        "after": list(change.after),
    }
