"""GitLab Code Quality JSON, shown in merge request widgets.

GitLab matches findings between the base and the head pipeline by `fingerprint` alone, so
it must not depend on line numbers and must be unique within one report.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.reporters._common import SourceLines
from schema_lint.reporters._fingerprint import occurrences

if TYPE_CHECKING:
    from schema_lint.reporters import RunInfo

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def report(diagnostics: Sequence[Diagnostic], run: RunInfo, out: TextIO) -> None:
    lines = SourceLines(run.source_lines)
    issues: list[dict[str, Any]] = []
    for d, (digest, occurrence) in zip(diagnostics, occurrences(diagnostics, lines), strict=True):
        issues.append(
            {
                "description": f"{d.code} {d.message}",
                "check_name": d.code,
                "fingerprint": hashlib.sha256(f"{digest}:{occurrence}".encode()).hexdigest(),
                "severity": SEVERITIES[d.severity],
                # GitLab rejects a report whose `begin` is below 1.
                "location": {"path": d.path, "lines": {"begin": max(d.line, 1)}},
            }
        )
    json.dump(issues, out, indent=2, ensure_ascii=False)
    out.write("\n")
