"""parse-error (SL006): something that may send metadata cannot be read.

Only files that pass the bytes prefilter (they mention a configured callee, `action_name` or a
metadata callback name) are decoded and parsed; in those, this rule reports:

- bytes that cannot be decoded: NUL bytes (a binary file), invalid UTF-8, broken UTF-16, or a
  Python coding cookie (`# -*- coding: latin-1 -*-`) naming an unknown encoding or not matching
  the bytes. Files that pass no prefilter are never decoded, so their encoding is no finding;
- a syntax error that touches a tracking call, a payload or a callback: an ERROR or MISSING
  node of the parser that overlaps or contains the call (its callee, arguments, or the object
  its metadata argument is bound to). The finding points at the call and names what could not
  be read, e.g. ``cannot read the metadata of this `moesif.track` call: unexpected `10` ``.
  Syntax errors elsewhere are not reported: grammars reject some valid code (TypeScript's
  `f<typeof import('./x')>()` or a bare `&` in JSX text), and their error recovery keeps the
  rest of the file readable, so extraction goes on;
- invalid JSON in an examples file, and metadata nested too deep to check.

The rest of the file is still scanned where the parser recovered, and the rest of the run goes
on. In Markdown, syntax errors in fences are reported only in files matched by `examples`.

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
SUMMARY = "Something that may send metadata cannot be read, decoded or parsed"


def check(context: RuleContext) -> Iterator[Diagnostic]:
    this = sys.modules[__name__]
    for scan in context.scans:
        for problem in scan.problems:
            yield make(this, scan.path, problem.span, problem.message)
