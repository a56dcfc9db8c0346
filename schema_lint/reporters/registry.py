"""The reporter registry: one module per output format, imported only when asked for.

Every format module exposes `report(diagnostics, run, out)`. Diagnostics arrive sorted by
path, line, column and code; reporters never sort, filter or change them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from schema_lint import __version__
from schema_lint.diagnostics import Diagnostic

if TYPE_CHECKING:
    # Only for annotations: loading the rule registry is not a reporter's business.
    from schema_lint.rules import RuleInfo


@dataclass(frozen=True)
class RunInfo:
    """What a reporter may know of the run besides its diagnostics.

    `source_lines(path)` returns the lines of a checked file (path relative to `root`), or an
    empty sequence when it cannot be read.
    """

    root: Path
    rules: Sequence[RuleInfo]
    files: tuple[str, ...] = ()
    version: str = __version__
    lockfile: str = "schema-lint.lock.yaml"
    new_keys: int = 0
    added_keys: int = 0
    color: bool = False
    source_lines: Callable[[str], Sequence[str]] | None = None


Reporter = Callable[[Sequence[Diagnostic], RunInfo, TextIO], None]

# Module paths rather than functions: importing every reporter (and so xml, hashlib, ...) on
# each run would slow down the pre-commit hook for formats nobody asked for.
REPORTERS: dict[str, str] = {
    "text": "schema_lint.reporters.text",
    "full": "schema_lint.reporters.full",
    "json": "schema_lint.reporters.json_",
    "sarif": "schema_lint.reporters.sarif",
    "github": "schema_lint.reporters.github",
    "gitlab": "schema_lint.reporters.gitlab",
    "junit": "schema_lint.reporters.junit",
}
# formats read by tools, which resolve paths from the repository root (the others: from cwd)
MACHINE_FORMATS = frozenset(("json", "sarif", "github", "gitlab", "junit"))


def get(name: str) -> Reporter:
    """The `report` function of format `name`; KeyError naming the known formats otherwise."""
    try:
        module_path = REPORTERS[name]
    except KeyError:
        known = ", ".join(REPORTERS)
        raise KeyError(f"unknown output format {name!r} (known formats: {known})") from None
    reporter: Reporter = importlib.import_module(module_path).report
    return reporter


def resolve_format(name: str, environ: Mapping[str, str]) -> str:
    """Turn `auto` into the format that suits where we run; other names pass through."""
    if name != "auto":
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def parse_output_file(value: str) -> tuple[str | None, str]:
    """`--output-file` values: `FORMAT:PATH` -> (FORMAT, PATH) when FORMAT names a format;
    anything else (`out.txt`, `C:\\out.txt`, `./json:x`) -> (None, value), a plain path."""
    name, colon, path = value.partition(":")
    if colon and path and name in REPORTERS:
        return name, path
    return None, value
