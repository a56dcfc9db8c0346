"""parse-error (SL006): a file cannot be read, decoded or parsed.

The finding points at the first error; the rest of the file is still scanned where the parser
recovered, and the rest of the run goes on. Binary files, invalid UTF-8, syntax errors,
invalid JSON in an examples file and metadata nested too deep to check are reported here.

Bad:

```js
moesif.track('Signed Up', {plan: 'pro'
```

Good:

```js
moesif.track('Signed Up', {plan: 'pro'});
```
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.rules.base import RuleContext, make

CODE = "SL006"
NAME = "parse-error"
SEVERITY = Severity.ERROR
DEFAULT_ON = True
SUMMARY = "A file cannot be read, decoded or parsed"


def check(context: RuleContext) -> Iterator[Diagnostic]:
    this = sys.modules[__name__]
    for scan in context.scans:
        for problem in scan.problems:
            yield make(this, scan.path, problem.span, problem.message)
