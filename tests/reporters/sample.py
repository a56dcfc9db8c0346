"""One fixed run shared by the reporter tests: every kind of finding a reporter must render."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from schema_lint.diagnostics import Diagnostic, Fix, Related, Severity
from schema_lint.reporters import RunInfo
from schema_lint.rules import RuleInfo

SIGNUP = "app/signup.js"
DOCS = "docs/Événements, clés.md"
TABS = "src/tabs.py"

SOURCES: dict[str, list[str]] = {
    SIGNUP: [
        "import { moesif } from './moesif';",
        "",
        'moesif.track("Signed Up", {"user.id": 1,',
        "    plan: 42,",
        "});",
    ],
    DOCS: [
        *([""] * 11),
        "```js",
        '  moesif.track("Bought", {discount: 0.2});',
        "```",
        "  tags: [1,",
        '    "two",',
        "  ],",
    ],
    TABS: [
        "def go():",
        '\ttrack("x", {"signUpMethod": "é"})',
        "",
        "",
        '\ttrack("x", {"signUpMethod": "é"})',
        "\ttrack('日本', {'金額': price})",
    ],
}

DIAGNOSTICS: tuple[Diagnostic, ...] = (
    Diagnostic(
        SIGNUP, 3, 28, 3, 37, "SL001", "dotted-key", Severity.WARNING,
        'Key "user.id" contains a dot; it is stored as "user_id"',
        "events", "user_id", "user.id", fix=Fix("user_id", 3, 29, 3, 36),
    ),
    Diagnostic(
        SIGNUP, 4, 5, 4, 9, "SL002", "type-conflict", Severity.ERROR,
        'Key "plan" is a number here but locked as string',
        "events", "plan", "plan",
        related=Related("plan is locked as string", "schema-lint.lock.yaml"),
    ),
    Diagnostic(
        DOCS, 13, 27, 13, 35, "SL002", "type-conflict", Severity.ERROR,
        'Key "discount" is a number, but 100% of earlier uses: string,\nsee the first one',
        "events", "discount", "discount",
        related=Related("first seen as a string here", SIGNUP, 4, 5),
    ),
    Diagnostic(
        DOCS, 15, 9, 17, 4, "SL004", "mixed-array", Severity.ERROR,
        "Array mixes number and string elements",
        "events", "tags", "tags",
    ),
    Diagnostic(
        TABS, 2, 14, 2, 28, "SL101", "key-style", Severity.WARNING,
        'Key "signUpMethod" is "sign_up_method" elsewhere',
        "events", "signUpMethod", "signUpMethod",
    ),
    Diagnostic(
        TABS, 5, 14, 5, 28, "SL101", "key-style", Severity.WARNING,
        'Key "signUpMethod" is "sign_up_method" elsewhere',
        "events", "signUpMethod", "signUpMethod",
    ),
    Diagnostic(
        TABS, 6, 15, 6, 19, "SL007", "dynamic-value", Severity.INFO,
        'The type of "金額" is not known',
        "events", "金額", "金額",
    ),
)  # fmt: skip

_DOCS = """{summary}

Bad:

```js
moesif.track("Signed Up", {{"user.id": 1}});
```

Good:

```js
moesif.track("Signed Up", {{user_id: 1}});
```
"""


def _rule(code: str, name: str, severity: Severity, summary: str, **kwargs: bool) -> RuleInfo:
    default_on = kwargs.get("default_on", True)
    fixable = kwargs.get("fixable", False)
    docs = _DOCS.format(summary=summary)
    return RuleInfo(code, name, severity, default_on, summary, docs, fixable)


RULES: tuple[RuleInfo, ...] = (
    _rule("SL002", "type-conflict", Severity.ERROR, "A key keeps its first type."),
    _rule("SL001", "dotted-key", Severity.WARNING, "Dots in keys become _.", fixable=True),
    _rule("SL004", "mixed-array", Severity.ERROR, "Arrays hold one type."),
    _rule("SL007", "dynamic-value", Severity.INFO, "Types must be known.", default_on=False),
    _rule("SL101", "key-style", Severity.WARNING, "One spelling per key."),
)

FILES = (SIGNUP, DOCS, "src/clean.py", TABS)


def source_lines(path: str) -> Sequence[str]:
    if path not in SOURCES:
        raise FileNotFoundError(path)
    return SOURCES[path]


def run_info(**changes: object) -> RunInfo:
    fields: dict[str, object] = {
        "root": Path("/work/project"),
        "rules": RULES,
        "files": FILES,
        "version": "0.1.0",
        "new_keys": 3,
        "source_lines": source_lines,
    }
    fields.update(changes)
    return RunInfo(**fields)  # type: ignore[arg-type]
