"""dotted-key (SL001): a metadata key contains a dot.

Moesif converts dots in keys to underscores: `so.me_str.ing` is stored as `so_me_str_ing`.
The data still arrives, but under a name nobody wrote, and it can collide with a key that
really is spelled with underscores. Dots in values are kept. `--fix` rewrites the key (not a
numeric key such as `{1.5: x}`, whose rewrite would be another number).

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
from collections.abc import Iterator

from schema_lint.diagnostics import Diagnostic, Fix, Severity
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
    for row in context.rows:
        if "." not in row.entry.key:
            continue
        name = row.entry.name_span or row.span
        fix = (
            None
            if _is_number(row.entry.key)
            else Fix(row.key, name.line, name.column, name.end_line, name.end_column)
        )
        message = f"key `{shown(row.entry.key)}` contains a dot: it is stored as `{shown(row.key)}`"
        yield make(sys.modules[__name__], row.file, row.span, message, row, fix)
