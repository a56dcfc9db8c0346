"""unlocked-key (SL005): a key is not in the lockfile (only with `--frozen`).

In CI, `schema-lint check --frozen` makes the lockfile the reviewed source of truth: every key
sent must already be locked, so a new key (and its first type) is added on purpose, in a diff
someone reviews, by running `schema-lint lock`. Keys whose type cannot be inferred are not
reported, since they could not be locked either.

The finding is made once per key, at its first occurrence (by file path, line and column), and
says how many other occurrences there are. A key sent with two conflicting types cannot be
locked (`lock` leaves it out), so its message says so and points at SL002 instead of at
`schema-lint lock`.

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
from collections.abc import Iterator, Sequence

from schema_lint import typing_ as T
from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.flatten import Row
from schema_lint.rules.base import RuleContext, make, shown

CODE = "SL005"
NAME = "unlocked-key"
SEVERITY = Severity.ERROR
DEFAULT_ON = False
SUMMARY = "A key is not in the lockfile (with --frozen)"
_NUMBERS = {2: "two", 3: "three", 4: "four"}


def check(context: RuleContext) -> Iterator[Diagnostic]:
    this = sys.modules[__name__]
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in context.ordered:
        if T.is_known(row.type) and context.locked(row.namespace, row.key) is None:
            groups.setdefault((row.namespace, row.key), []).append(row)
    for (namespace, key), rows in groups.items():
        first = rows[0]
        message = f"`{shown(key)}` ({namespace}) is not in {context.lockfile}"
        types = _conflicting(rows)
        if types:
            count = _NUMBERS.get(len(types), str(len(types)))
            message += (
                f" and cannot be locked: it was sent with {count} types "
                f"({', '.join(types)}): fix SL002 first"
            )
        else:
            message += ": run schema-lint lock"
        others = len(rows) - 1
        if others:
            message += f" ({others} other occurrence{'s' if others > 1 else ''})"
        yield make(this, first.file, first.span, message, first)


def _conflicting(rows: Sequence[Row]) -> list[str]:
    """The key's types when `lock` would refuse it (no common type), else an empty list."""
    merged: str | None = rows[0].type
    for row in rows[1:]:
        merged = T.merge(merged, row.type) if merged is not None else None
    return [] if merged is not None else sorted({row.type for row in rows})
