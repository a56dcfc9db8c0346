"""inconsistent-action-names (SL102): two action names differ only in case or separators.

`Clicked Sign Up` and `clicked_sign_up` are two different actions in every report. Names are
compared word by word after folding case and the separators `_`, `-`, `.` and space, as SL101
compares keys; every other character counts (`$pageview` and `pageview` are different
actions). The first one seen (by file path, line and column) is the expected spelling; the
finding points at the action name.

Bad:

```js
moesif.track('Clicked Sign Up', {plan: 'pro'});
moesif.track('clicked_sign_up', {plan: 'free'});
```

Good:

```js
moesif.track('Clicked Sign Up', {plan: 'pro'});
moesif.track('Clicked Sign Up', {plan: 'free'});
```
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.model import Span
from schema_lint.rules.base import RuleContext, make, related_at, shown
from schema_lint.rules.sl101_inconsistent_key_style import fold

CODE = "SL102"
NAME = "inconsistent-action-names"
SEVERITY = Severity.WARNING
DEFAULT_ON = True
SUMMARY = "Action names that differ only in case or separators"


def check(context: RuleContext) -> Iterator[Diagnostic]:
    this = sys.modules[__name__]
    actions: list[tuple[str, Span, str]] = sorted(
        (scan.path, occ.action_span, occ.action)
        for scan in context.scans
        for occ in scan.occurrences
        if occ.action is not None and occ.action_span is not None
    )
    expected: dict[str, tuple[str, str, Span]] = {}
    for path, span, action in actions:
        folded = fold(action)
        if not folded:
            continue
        name, first_path, first_span = expected.setdefault(folded, (action, path, span))
        if action != name:
            related = related_at("first spelled here", first_path, first_span)
            message = (
                f"action `{shown(action)}` differs only in style from `{shown(name)}` "
                f"({related.where})"
            )
            yield make(this, path, span, message, related=related)
