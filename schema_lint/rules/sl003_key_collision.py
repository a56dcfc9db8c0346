"""key-collision (SL003): two keys of one object are stored under the same name.

`a.b` and `a_b` are both stored as `a_b`, and a repeated key is sent only once: one value
silently overwrites the other. The finding points at the later key. A value that a repeated
key replaces is never sent (`JSON.parse`, JS and Python keep the last one), so it is not
type-checked either: `{"total": 10, "total": "10.00"}` is this finding only, with no SL002.
Keys merged in from a spread (`{...base, plan: 'pro'}`) are an intended override and are not
reported. SL001's `--fix` never renames a key into one of these collisions.

Bad:

```js
moesif.track('Signed Up', {'sign.up': 'email', sign_up: 'google'});
```

Good:

```js
moesif.track('Signed Up', {sign_up: 'email', sign_up_provider: 'google'});
```
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.flatten import Row, normalize_key
from schema_lint.model import Entry
from schema_lint.rules.base import RuleContext, make, related_at, shown

CODE = "SL003"
NAME = "key-collision"
SEVERITY = Severity.ERROR
DEFAULT_ON = True
SUMMARY = "Two keys of one object have the same stored name"


def check(context: RuleContext) -> Iterator[Diagnostic]:
    this = sys.modules[__name__]
    for container in context.crowded:  # the objects where two keys share a stored name
        value, path = container.value, container.path
        seen: dict[str, Entry] = {}
        for entry in value.entries:
            if not value.span.encloses(entry.span):
                continue
            stored = normalize_key(entry.key)
            if stored in seen:
                other = seen[stored]
                what = (
                    "is repeated"
                    if other.key == entry.key
                    else f"collides with `{shown(other.key)}`"
                )
                message = (
                    f"key `{shown(entry.key)}` {what}: both are stored as "
                    f"`{shown(stored)}` and one value overwrites the other"
                )
                key_path = f"{path}.{entry.key}" if path else entry.key
                row = Row(
                    container.file,
                    entry.span,
                    container.occurrence.namespace,
                    stored,
                    key_path,
                    entry.value.type,
                    entry,
                )
                related = related_at(f"`{shown(other.key)}` is here", container.file, other.span)
                yield make(this, container.file, entry.span, message, row, related=related)
            else:
                seen[stored] = entry
