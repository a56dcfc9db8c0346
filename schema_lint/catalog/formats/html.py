"""The catalog as one self-contained HTML page: inline CSS and script, no network request
(a Content-Security-Policy forbids any), and a search box that filters the per-event tables
by event name, key or path."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from schema_lint.catalog.formats._text import event_name, joined, place, printable
from schema_lint.catalog.model import Catalog, Coverage, Event, Key, Location, Unresolved, percent

_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem;
  padding: 0 1rem; color: #1b1f24; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f6f8fa; }
td.n { text-align: right; }
code { font: 12px ui-monospace, monospace; word-break: break-all; }
.ns { color: #57606a; font-weight: normal; }
.conflicting { color: #cf222e; font-weight: 600; }
.new { color: #1a7f37; }
.untyped { color: #9a6700; }
#search { font-size: 1rem; padding: .4rem; width: 100%; box-sizing: border-box; }
[hidden] { display: none !important; }
"""

_SCRIPT = """
(function () {
  var box = document.getElementById("search");
  function has(element, names, query) {
    return names.some(function (name) {
      return (element.getAttribute("data-" + name) || "").indexOf(query) >= 0;
    });
  }
  function filter() {
    var query = box.value.trim().toLowerCase();
    document.querySelectorAll("section.event").forEach(function (section) {
      var named = has(section, ["name"], query);
      var shown = 0;
      section.querySelectorAll("tbody tr").forEach(function (row) {
        row.hidden = !(named || has(row, ["key", "path"], query));
        shown += row.hidden ? 0 : 1;
      });
      section.hidden = !(named || shown);
    });
    document.querySelectorAll("#keys tbody tr").forEach(function (row) {
      row.hidden = !has(row, ["key", "path", "events"], query);
    });
  }
  box.addEventListener("input", filter);
  filter();
})();
"""
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def _e(value: str) -> str:
    return escape(printable(value), quote=True)


def _code(value: str) -> str:
    return f"<code>{_e(value)}</code>"


def _search(*values: str) -> str:
    """A data attribute value the script searches: lower case, one value a line (a search
    box's text has no line break, so a query never spans two values)."""
    return "&#10;".join(escape(printable(value).lower(), quote=True) for value in values)


def _places(locations: Iterable[Location]) -> str:
    return "<br>".join(_code(place(location)) for location in locations)


def _table(header: Sequence[str], rows: Iterable[str], id_: str = "") -> str:
    head = "".join(f"<th>{cell}</th>" for cell in header)
    attribute = f' id="{id_}"' if id_ else ""
    body = "".join(rows)
    return f"<table{attribute}><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>"


def render(catalog: Catalog) -> str:
    cover = catalog.coverage
    body = [
        "<h1>Tracking plan</h1>",
        f"<p>The events and keys the code sends, as <code>schema-lint catalog</code> reads "
        f"them: {len(catalog.keys)} keys, {percent(cover.typed, cover.occurrences)} of key "
        "occurrences typed.</p>",
        '<input id="search" type="search" placeholder="Filter by event, key or path" '
        'autocomplete="off" aria-label="Filter by event, key or path">',
        "<h2>Events</h2>",
        *(_event(event) for event in catalog.events),
        "<h2>Keys</h2>",
        _keys(catalog.keys),
        "<h2>Coverage</h2>",
        _coverage(cover),
        "<h2>Unreadable metadata</h2>",
        _unresolved(catalog.unresolved),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Tracking plan</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _event(event: Event) -> str:
    name = event_name(event.name)
    rows = (
        f'<tr data-key="{_search(k.key)}" data-path="{_search(k.path)}">'
        f"<td>{_code(k.key)}</td><td>{_code(k.path)}</td><td>{_code(k.type)}</td>"
        f'<td class="{k.status}">{k.status}</td><td>{_places(k.locations)}</td></tr>\n'
        for k in event.keys
    )
    return (
        f'<section class="event" data-namespace="{_e(event.namespace)}" '
        f'data-name="{_search(name)}">\n'
        f'<h3><span class="ns">{_e(event.namespace)}</span> {_e(name)}</h3>\n'
        f"<p>Sent at {_places(event.locations)}</p>\n"
        + _table(("key", "path", "type", "status", "sent at"), rows)
        + "\n</section>"
    )


def _keys(keys: Sequence[Key]) -> str:
    rows = (
        f'<tr data-key="{_search(k.key)}" data-path="{_search(*k.paths)}" '
        f'data-events="{_search(*(event_name(n) for n in k.events))}">'
        f"<td>{_e(k.namespace)}</td><td>{_code(k.key)}</td><td>{_code(k.type)}</td>"
        f"<td>{joined(_code(t) for t in k.types)}</td>"
        f'<td class="{k.status}">{k.status}</td>'
        f"<td>{'<br>'.join(_e(event_name(n)) for n in k.events)}</td>"
        f"<td>{joined(_code(p) for p in k.paths)}</td></tr>\n"
        for k in keys
    )
    header = ("namespace", "key", "type", "sent as", "status", "events", "paths")
    return _table(header, rows, "keys")


def _coverage(cover: Coverage) -> str:
    rows = [
        f"<tr><td>{_code(f.path)}</td><td class=n>{f.typed}</td><td class=n>{f.occurrences}</td>"
        f"<td class=n>{percent(f.typed, f.occurrences)}</td></tr>\n"
        for f in cover.files
    ]
    rows.append(
        f"<tr><th>total</th><th>{cover.typed}</th><th>{cover.occurrences}</th>"
        f"<th>{percent(cover.typed, cover.occurrences)}</th></tr>\n"
    )
    note = (
        "<p>A value whose type cannot be inferred (<code>unknown</code>) is untyped; "
        "<code>null</code> is typed.</p>\n"
    )
    return note + _table(("file", "typed", "occurrences", "coverage"), rows)


def _unresolved(items: Sequence[Unresolved]) -> str:
    if not items:
        return "<p>Every metadata argument was read.</p>"
    rows = (
        f"<tr><td>{_code(f'{u.path}:{u.line}:{u.column}')}</td>"
        f"<td>{_code(u.call) if u.call else ''}</td><td>{_e(u.reason)}</td></tr>\n"
        for u in items
    )
    return _table(("location", "call", "reason"), rows)
