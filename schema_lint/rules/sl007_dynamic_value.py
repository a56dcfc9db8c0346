"""dynamic-value (SL007): a value's type cannot be inferred (off by default).

schema-lint types literals, obvious expressions (`String(x)`, `Date.now()`, template
literals, `x as string`) and identifiers bound in the same file. Anything else is `unknown`
and never conflicts. Teams that want every key's type checked can select SL007 and make the
values obvious, for instance with a conversion or a TypeScript assertion.

A tracking call whose whole metadata argument cannot be read (a parameter of a function that
is not a wrapper, a call result, a member access) is reported at the argument too: none of
its keys are checked.

Bad:

```js
moesif.track('Signed Up', {plan: user.plan});
```

Good:

```js
moesif.track('Signed Up', {plan: String(user.plan)});
```
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from schema_lint import typing_ as T
from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.rules.base import RuleContext, make, shown

CODE = "SL007"
NAME = "dynamic-value"
SEVERITY = Severity.WARNING
DEFAULT_ON = False
SUMMARY = "A value's type cannot be inferred"


def check(context: RuleContext) -> Iterator[Diagnostic]:
    this = sys.modules[__name__]
    for scan in context.scans:
        for occurrence in scan.occurrences:
            if occurrence.metadata.type == T.UNKNOWN:
                message = "the metadata of this call cannot be read: its keys are not checked"
                yield make(this, scan.path, occurrence.metadata.span, message)
    for row in context.rows:
        if row.type == T.UNKNOWN:
            message = f"the type of `{shown(row.path)}` cannot be inferred"
            yield make(this, row.file, row.span, message, row)
