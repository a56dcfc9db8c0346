"""unlocked-key (SL005): a key is not in the lockfile (only with `--frozen`).

In CI, `schema-lint check --frozen` makes the lockfile the reviewed source of truth: every key
sent must already be locked, so a new key (and its first type) is added on purpose, in a diff
someone reviews, by running `schema-lint lock`. Keys whose type cannot be inferred are not
reported, since they could not be locked either.

Bad (with an empty lockfile):

```js
moesif.track('Signed Up', {referrer_campaign: 'spring'});
```

Good:

```js
moesif.track('Signed Up', {plan: 'pro'});
```

```yaml lock
version: 1
events:
  plan: string
```
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from schema_lint import typing_ as T
from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.rules.base import RuleContext, make, shown

CODE = "SL005"
NAME = "unlocked-key"
SEVERITY = Severity.ERROR
DEFAULT_ON = False
SUMMARY = "A key is not in the lockfile (with --frozen)"


def check(context: RuleContext) -> Iterator[Diagnostic]:
    this = sys.modules[__name__]
    for row in context.rows:
        if T.is_known(row.type) and context.locked(row.namespace, row.key) is None:
            message = (
                f"`{shown(row.key)}` ({row.namespace}) is not in {context.lockfile}: "
                "run schema-lint lock"
            )
            yield make(this, row.file, row.span, message, row)
