"""mixed-array (SL004): an array literal holds elements of different types.

An array's type is the type of its elements: `tags: ['a', 'b']` is `array<string>`. An array
mixing strings and numbers has no single element type, and whichever element type reaches
the schema first wins. `null` elements and elements of unknown type are left out. The
finding points at the array.

Bad:

```js
moesif.track('Tagged', {tags: ['beta', 2]});
```

Good:

```js
moesif.track('Tagged', {tags: ['beta', '2']});
```
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from schema_lint import typing_ as T
from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.flatten import Row, normalize_key
from schema_lint.rules.base import RuleContext, make, shown

CODE = "SL004"
NAME = "mixed-array"
SEVERITY = Severity.ERROR
DEFAULT_ON = True
SUMMARY = "An array literal has elements of two or more types"


def check(context: RuleContext) -> Iterator[Diagnostic]:
    this = sys.modules[__name__]
    for container in context.containers:
        value, holder, path = container.value, container.holder, container.path
        if not value.items:
            continue
        types = [T.normalize(item.type, context.numbers) for item in value.items]
        _, mixed = T.common_element(types)
        if not mixed:
            continue
        kinds = [shown(t) for t in sorted({t for t in types if T.is_known(t)})]
        if len(kinds) > 4:
            kinds = [*kinds[:3], f"{len(kinds) - 3} other types of"]
        message = f"array mixes {', '.join(kinds[:-1])} and {kinds[-1]} elements"
        row = None
        if holder is not None:
            row = Row(
                container.file,
                value.span,
                container.occurrence.namespace,
                normalize_key(holder.key),
                path,
                value.type,
                holder,
            )
            message = f"`{shown(path)}`: {message}"
        yield make(this, container.file, value.span, message, row)
