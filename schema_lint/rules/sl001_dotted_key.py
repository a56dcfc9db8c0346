"""dotted-key (SL001): a metadata key contains a dot.

Moesif converts dots in keys to underscores: `so.me_str.ing` is stored as `so_me_str_ing`.
The data still arrives, but under a name nobody wrote, and it can collide with a key that
really is spelled with underscores. Dots in values are kept.

`--fix` rewrites the key, except:

- a numeric key such as `{1.5: x}`, whose rewrite would be another number;
- a key whose object already holds its stored name (`{'seat.count': 1, seat_count: 2}`): the
  rewrite would repeat a key, and SL003 reports the collision instead.

The rewrite is safe in an object literal written straight into the call or payload. In an
object bound to a name (`const props = {...}` then `moesif.track('x', props)`) other code may
read the key back under its old name, so that rewrite is unsafe and applied only with
`--unsafe-fixes`.

Bad:

```js
moesif.track('Signed Up', {'sign.up.method': 'email'});
```

Good:

```js
moesif.track('Signed Up', {sign_up_method: 'email'});
```
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator

from schema_lint.diagnostics import SAFE, UNSAFE, Diagnostic, Fix, Severity
from schema_lint.flatten import normalize_key
from schema_lint.model import Span
from schema_lint.rules.base import RuleContext, make, shown

CODE = "SL001"
NAME = "dotted-key"
SEVERITY = Severity.WARNING
DEFAULT_ON = True
FIXABLE = True
SUMMARY = "A key contains a dot, which the schema stores as an underscore"


def _is_number(key: str) -> bool:
    """A numeric key (`{1.5: x}`) has no safe rewrite: `1_5` would be read as 15."""
    try:
        float(key)
    except ValueError:
        return False
    return True


def check(context: RuleContext) -> Iterator[Diagnostic]:
    colliding = _colliding(context)
    for row in context.rows:
        if "." not in row.entry.key:
            continue
        name = row.entry.name_span or row.span
        fix = None
        if not _is_number(row.entry.key) and (row.file, row.span) not in colliding:
            safety = UNSAFE if row.entry.bound else SAFE
            fix = Fix(row.key, name.line, name.column, name.end_line, name.end_column, safety)
        message = f"key `{shown(row.entry.key)}` contains a dot: it is stored as `{shown(row.key)}`"
        yield make(sys.modules[__name__], row.file, row.span, message, row, fix)


def _colliding(context: RuleContext) -> set[tuple[str, Span]]:
    """Dotted keys whose object, in any occurrence, holds another key of the same stored name."""
    found: set[tuple[str, Span]] = set()
    for container in context.crowded:  # the objects where two keys share a stored name
        entries = container.value.entries
        dotted = [entry for entry in entries if "." in entry.key]
        if not dotted:
            continue
        stored = Counter(normalize_key(entry.key) for entry in entries)
        found.update(
            (container.file, entry.span) for entry in dotted if stored[normalize_key(entry.key)] > 1
        )
    return found
