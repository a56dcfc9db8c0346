"""SARIF 2.1.0, as GitHub code scanning (github/codeql-action/upload-sarif) accepts it."""

from __future__ import annotations

import inspect
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.reporters._common import SourceLines
from schema_lint.reporters._fingerprint import occurrences

if TYPE_CHECKING:
    from schema_lint.reporters import RunInfo
    from schema_lint.rules import RuleInfo

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/schema-lint/schema-lint"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(path: str) -> str:
    """A relative URI reference; `:` is escaped too, or `C:x` would read as a scheme."""
    return quote(path, safe="/")


def _rule(rule: RuleInfo) -> dict[str, Any]:
    docs = inspect.cleandoc(rule.docs) or rule.summary
    tags = ["analytics-metadata", *(["fixable"] if rule.fixable else [])]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": docs.split("\n\n", 1)[0].replace("\n", " ")},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": rule.default_on},
        "properties": {"tags": tags},
    }


def _region(line: int, column: int, end_line: int = 0, end_column: int = 0) -> dict[str, int]:
    # SARIF positions are >= 1; a 0 means the position is unknown and is left out.
    region = {"startLine": line}
    if column >= 1:
        region["startColumn"] = column
    if end_line >= line:
        region["endLine"] = end_line
        if column >= 1 and end_column >= 1 and (end_line > line or end_column > column):
            region["endColumn"] = end_column
    return region


def _location(path: str, region: dict[str, int] | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"}}
    if region is not None:
        physical["region"] = region
    return {"physicalLocation": physical}


def _result(d: Diagnostic, index: int | None, fingerprint: str) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": d.code}
    if index is not None:
        result["ruleIndex"] = index
    result["level"] = LEVELS[d.severity]
    result["message"] = {"text": d.message}
    region = _region(d.line, d.column, d.end_line, d.end_column) if d.line >= 1 else None
    result["locations"] = [_location(d.path, region)]
    result["partialFingerprints"] = {"primaryLocationLineHash": fingerprint}
    if d.related is not None and d.related.line >= 1:
        related = _location(d.related.path, _region(d.related.line, d.related.column))
        result["relatedLocations"] = [{"id": 0, **related, "message": {"text": d.related.message}}]
    if d.fix is not None and d.fix.line >= 1:
        fix = d.fix
        change = _location(d.path, None)["physicalLocation"]
        deleted = _region(fix.line, fix.column, fix.end_line, fix.end_column)
        change["replacements"] = [
            {"deletedRegion": deleted, "insertedContent": {"text": fix.replacement}}
        ]
        description = f"Replace with {fix.replacement}"
        result["fixes"] = [{"description": {"text": description}, "artifactChanges": [change]}]
    return result


def report(diagnostics: Sequence[Diagnostic], run: RunInfo, out: TextIO) -> None:
    rules = sorted(run.rules, key=lambda rule: rule.code)
    indexes = {rule.code: index for index, rule in enumerate(rules)}
    fingerprints = occurrences(diagnostics, SourceLines(run.source_lines))
    root = Path(run.root).absolute().as_uri()
    root += "" if root.endswith("/") else "/"
    driver = {
        "name": "schema-lint",
        "semanticVersion": run.version,
        "version": run.version,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule) for rule in rules],
    }
    results = [
        _result(d, indexes.get(d.code), f"{digest[:16]}:{occurrence}")
        for d, (digest, occurrence) in zip(diagnostics, fingerprints, strict=True)
    ]
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
                # Spans count characters, not the UTF-16 units SARIF assumes by default.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")
