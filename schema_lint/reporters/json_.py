"""A JSON array of diagnostics, field order fixed so diffs of saved reports stay readable."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TextIO

from schema_lint.diagnostics import Diagnostic

if TYPE_CHECKING:
    from schema_lint.reporters import RunInfo


def to_dict(d: Diagnostic) -> dict[str, Any]:
    fix = d.fix
    related = d.related
    return {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "end_line": d.end_line,
        "end_column": d.end_column,
        "namespace": d.namespace,
        "key": d.key,
        "key_path": d.key_path,
        # Fix and Related declare their fields in the order the format promises
        "fix": None if fix is None else asdict(fix),
        "related": None if related is None else asdict(related),
    }


def report(diagnostics: Sequence[Diagnostic], run: RunInfo, out: TextIO) -> None:
    json.dump([to_dict(d) for d in diagnostics], out, indent=2, ensure_ascii=False)
    out.write("\n")
