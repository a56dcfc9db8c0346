"""Fingerprints that survive unrelated edits, for SARIF and GitLab Code Quality.

Line numbers are left out on purpose: adding a line above a finding must not make code
scanning close the old alert and open a new one. Findings that would hash the same (the same
key written twice on identical lines) are told apart by their order in the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from schema_lint.diagnostics import Diagnostic
from schema_lint.reporters._common import SourceLines


def occurrences(diagnostics: Sequence[Diagnostic], lines: SourceLines) -> list[tuple[str, int]]:
    """For each diagnostic: the sha256 hex of what identifies it, and its occurrence (from 1)."""
    seen: dict[str, int] = {}
    result = []
    for diagnostic in diagnostics:
        text = lines.line(diagnostic.path, diagnostic.line)
        anchor = text.strip() if text is not None else diagnostic.message
        # JSON keeps the parts apart, so ("a b", "c") and ("a", "b c") never collide.
        material = json.dumps([diagnostic.code, diagnostic.path, diagnostic.key_path, anchor])
        digest = hashlib.sha256(material.encode()).hexdigest()
        seen[digest] = seen.get(digest, 0) + 1
        result.append((digest, seen[digest]))
    return result
