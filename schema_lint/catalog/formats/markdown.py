"""The catalog as a Markdown page: commit it as docs/tracking-plan.md or post it on a pull
request. Everything is sorted, so the page only changes when the code does."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from schema_lint.catalog.diff import CatalogDiff
from schema_lint.catalog.formats._text import event_name, joined, place, printable
from schema_lint.catalog.model import (
    Catalog,
    Coverage,
    Event,
    Key,
    Location,
    Unresolved,
    percent,
)

# Backslash-escaping ASCII punctuation is always literal in CommonMark. An underscore inside a
# word never starts emphasis, so `sign_up_method` stays readable in the committed page.
_SPECIAL = re.compile(r"[\\`*\[\]<>|&~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
STATUS_LEGEND = (
    "Status: **locked**, in the lockfile and sent with its locked type; **new**, not locked "
    "yet (`schema-lint lock` adds it); **conflicting**, sent with another type than its "
    "locked or first one (`schema-lint check` reports where); **untyped**, only sent as "
    "`null` or with a type that cannot be inferred."
)


def text(value: str) -> str:
    return _SPECIAL.sub(lambda match: "\\" + match.group(), printable(value))


def code(value: str) -> str:
    """An inline code span that holds any text, pipes escaped for tables (GFM reads `\\|`
    inside a code span in a table as a plain `|`)."""
    value = printable(value).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or not value.strip() else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _places(locations: Iterable[Location]) -> str:
    return "<br>".join(code(place(location)) for location in locations)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def render(catalog: Catalog) -> str:
    events = len({(e.namespace, e.name) for e in catalog.events if e.name is not None})
    cover = catalog.coverage
    lines = [
        "# Tracking plan",
        "",
        f"The events and keys the code sends, as `schema-lint catalog` reads them: {events} "
        f"named event{'s' * (events != 1)}, {len(catalog.keys)} key"
        f"{'s' * (len(catalog.keys) != 1)}, {percent(cover.typed, cover.occurrences)} of key "
        "occurrences typed.",
        "",
        STATUS_LEGEND,
        "",
        "## Events",
    ]
    for namespace, events_of in _by_namespace(catalog.events):
        lines += ["", f"### Namespace {code(namespace)}"]
        for event in events_of:
            lines += _event(event)
    lines += _keys(catalog.keys)
    lines += _coverage(cover)
    lines += _unresolved(catalog.unresolved)
    return "\n".join(lines) + "\n"


def _by_namespace(events: Sequence[Event]) -> list[tuple[str, list[Event]]]:
    grouped: dict[str, list[Event]] = {}
    for event in events:
        grouped.setdefault(event.namespace, []).append(event)
    return list(grouped.items())


def _event(event: Event) -> list[str]:
    heading = event_name(event.name) if event.name is None else text(event.name) or '""'
    sent_at = joined(code(place(location)) for location in event.locations)
    lines = ["", f"#### {heading}", "", f"Sent at {sent_at}.", ""]
    rows = (
        (code(k.key), code(k.path), code(k.type), k.status, _places(k.locations))
        for k in event.keys
    )
    return lines + _table(("key", "path", "type", "status", "sent at"), rows)


def _keys(keys: Sequence[Key]) -> list[str]:
    lines = ["", "## Keys"]
    namespaces: dict[str, list[Key]] = {}
    for key in keys:
        namespaces.setdefault(key.namespace, []).append(key)
    header = ("key", "type", "sent as", "status", "events", "paths")
    for namespace, of_namespace in namespaces.items():
        rows = (
            (
                code(k.key),
                code(k.type),
                joined(code(t) for t in k.types),
                k.status,
                "<br>".join(text(event_name(name)) for name in k.events),
                joined(code(p) for p in k.paths),
            )
            for k in of_namespace
        )
        lines += ["", f"### Namespace {code(namespace)}", "", *_table(header, rows)]
    return lines


def _coverage(cover: Coverage) -> list[str]:
    lines = [
        "",
        "## Coverage",
        "",
        f"{cover.typed} of {cover.occurrences} key occurrences typed "
        f"({percent(cover.typed, cover.occurrences)}). A value whose type cannot be inferred "
        "(`unknown`) is untyped; `null` is typed.",
        "",
    ]
    rows = [
        (code(f.path), str(f.typed), str(f.occurrences), percent(f.typed, f.occurrences))
        for f in cover.files
    ]
    total = percent(cover.typed, cover.occurrences)
    rows.append(("**total**", str(cover.typed), str(cover.occurrences), total))
    return lines + _table(("file", "typed", "occurrences", "coverage"), rows)


def _unresolved(items: Sequence[Unresolved]) -> list[str]:
    lines = ["", "## Unreadable metadata", ""]
    if not items:
        return [*lines, "Every metadata argument was read."]
    rows = (
        (code(f"{u.path}:{u.line}:{u.column}"), code(u.call) if u.call else "", text(u.reason))
        for u in items
    )
    return lines + _table(("location", "call", "reason"), rows)


def render_diff(diff: CatalogDiff) -> str:
    lines = [f"## Tracking plan changes against {code(diff.against)}", ""]
    if diff.empty:
        return "\n".join([*lines, "No new events, no new keys, no type changes."]) + "\n"
    rows: Iterable[Sequence[str]]
    if diff.new_events:
        rows = (
            (code(e.namespace), text(event_name(e.name)), _places(e.locations))
            for e in diff.new_events
        )
        lines += ["### New events", "", *_table(("namespace", "event", "sent at"), rows), ""]
    if diff.new_keys:
        rows = (
            (code(k.namespace), code(k.key), joined(code(t) for t in k.types), k.status)
            for k in diff.new_keys
        )
        lines += ["### New keys", "", *_table(("namespace", "key", "sent as", "status"), rows), ""]
    if diff.changed_types:
        rows = (
            (code(c.namespace), code(c.key), _types(c.before), _types(c.after))
            for c in diff.changed_types
        )
        header = ("namespace", "key", "before", "now")
        lines += ["### Keys whose type changed", "", *_table(header, rows), ""]
    return "\n".join(lines[:-1]) + "\n"


def _types(types: Sequence[str]) -> str:
    return joined(code(t) for t in types) if types else "unknown"
