"""inconsistent-key-style (SL101): two keys differ only in case or separators.

`signUpMethod` and `sign_up_method` are two different keys to the schema, so reports that
should add up split in two. Keys are compared word by word after folding case, where words are
separated by `_`, `-`, `.`, spaces or a change of case (`signUpMethod`, `SignUpMethod`,
`sign-up-method` and `sign_up_method` are all `sign up method`; `some_string` and
`so_me_str_ing` are not alike). Every other character is part of the name: `$feature_flag`
(a name PostHog reserves) and `feature_flag` are different keys, not two styles of one.
The spelling in the lockfile (else the first one seen, by file path, line and column) is the
expected one.

Bad:

```js
moesif.track('Signed Up', {sign_up_method: 'email'});
moesif.track('Logged In', {signUpMethod: 'email'});
```

Good:

```js
moesif.track('Signed Up', {sign_up_method: 'email'});
moesif.track('Logged In', {sign_up_method: 'email'});
```
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator

from schema_lint.diagnostics import Diagnostic, Related, Severity
from schema_lint.rules.base import RuleContext, make, related_at, shown

CODE = "SL101"
NAME = "inconsistent-key-style"
SEVERITY = Severity.WARNING
DEFAULT_ON = True
SUMMARY = "Keys that differ only in case or separators"
SEPARATORS = frozenset("_-. ")


def _starts_word(name: str, i: int) -> bool:
    prev, char = name[i - 1], name[i]
    after = name[i + 1] if i + 1 < len(name) else ""
    if char.isdigit() != prev.isdigit():
        return True
    return char.isupper() and (prev.islower() or (prev.isupper() and after.islower()))


@functools.lru_cache(maxsize=4096)  # pure, and called for every row of every run
def fold(name: str) -> str:
    """The words of a name, case-folded: `signUpMethod` and `SIGN-UP method` -> `sign up method`.

    Only SEPARATORS split words and are dropped; `$` and the like stay part of a word.
    """
    words: list[str] = []
    current = ""
    for i, char in enumerate(name):
        if char in SEPARATORS:
            words.append(current)
            current = ""
            continue
        if current and _starts_word(name, i):
            words.append(current)
            current = ""
        current += char
    words.append(current)
    return " ".join(word.casefold() for word in words if word)


def check(context: RuleContext) -> Iterator[Diagnostic]:
    this = sys.modules[__name__]
    expected: dict[tuple[str, str], tuple[str, Related]] = {}
    namespaces = sorted({row.namespace for row in context.rows})
    for namespace in namespaces:
        for key in context.locked_keys(namespace):
            expected.setdefault((namespace, fold(key)), (key, Related("locked", context.lockfile)))
    # every row of one key has the verdict of the key's first row: the expected spelling of
    # its folded name is settled by then (rows are thousands, keys a few hundred)
    verdicts: dict[tuple[str, str], tuple[str, Related] | None] = {}
    for row in context.ordered:
        identity = (row.namespace, row.key)
        if identity in verdicts:
            verdict = verdicts[identity]
        else:
            folded = (row.namespace, fold(row.key))
            verdict = None
            if folded[1]:
                if folded not in expected:
                    first = related_at("first spelled here", row.file, row.span)
                    expected[folded] = (row.key, first)
                if expected[folded][0] != row.key:
                    verdict = expected[folded]
            verdicts[identity] = verdict
        if verdict is not None:
            spelling, origin = verdict
            differs = f"`{shown(row.key)}` differs only in style from `{shown(spelling)}`"
            message = f"{differs} ({origin.where})"
            yield make(this, row.file, row.span, message, row, related=origin)
