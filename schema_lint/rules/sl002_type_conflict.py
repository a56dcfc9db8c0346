"""type-conflict (SL002): a key is sent with a type other than its first one.

The schema keeps the first JSON type a key was sent with, per key name, at any nesting level,
across every event and application. After `some_string: "x"`, sending
`{some_object: {some_string: 23}}` is invalid, and a wrong first type cannot be undone. A key
is checked against its type in the lockfile; a key not locked yet is checked against its first
typed occurrence in this run (ordered by file path, line, column). `null` and values whose
type cannot be inferred never conflict. A key locked by another repository's lockfile
(`extends`) is checked against it, and the message names that file; two lockfiles that lock
one key with different types are one finding, at the key's line in the local lockfile or at
the config's `extends` line.

Bad:

```js
moesif.track('Viewed', {some_string: 'x'});
moesif.track('Viewed', {some_object: {some_string: 23}});
```

Good:

```js
moesif.track('Viewed', {some_string: 'x'});
moesif.track('Viewed', {some_object: {some_string: '23'}});
```
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace

from schema_lint import typing_ as T
from schema_lint.diagnostics import Diagnostic, Related, Severity
from schema_lint.flatten import Row
from schema_lint.model import Span
from schema_lint.rules.base import RuleContext, make, related_at, shown, where

CODE = "SL002"
NAME = "type-conflict"
SEVERITY = Severity.ERROR
DEFAULT_ON = True
SUMMARY = "A key's type differs from its locked or first type"


def check(context: RuleContext) -> Iterator[Diagnostic]:
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in context.ordered:
        if T.is_known(row.type):
            groups.setdefault((row.namespace, row.key), []).append(row)
    this = sys.modules[__name__]
    for (namespace, key), rows in groups.items():
        locked = context.locked(namespace, key)
        if locked is not None:
            source = context.lockfile
            if context.locked_in is not None:
                source = context.locked_in(namespace, key, source)
            for row in rows:
                if not T.compatible(locked, row.type):
                    message = (
                        f"`{shown(row.path)}` is {shown(row.type)} here, but `{shown(key)}` is "
                        f"locked as {shown(locked)} in {source}"
                    )
                    related = Related(f"locked as {shown(locked)}", source)
                    yield make(this, row.file, row.span, message, row, related=related)
            continue
        first, current = rows[0], rows[0].type
        for row in rows[1:]:
            merged = current if row.type == current else T.merge(current, row.type)
            if merged is None:
                message = (
                    f"`{shown(row.path)}` is {shown(row.type)} here, but `{shown(key)}` was "
                    f"first sent as {shown(current)} at {where(first)}"
                )
                related = related_at(f"first sent as {shown(current)}", first.file, first.span)
                yield make(this, row.file, row.span, message, row, related=related)
            else:
                current = merged


def at_line(path: str, span: Span, message: str, namespace: str, key: str) -> Diagnostic:
    """A conflict between two lockfiles, reported at a line of a lockfile or the config."""
    diagnostic = make(sys.modules[__name__], path, span, message)
    return replace(diagnostic, namespace=namespace, key=key, key_path=key)
