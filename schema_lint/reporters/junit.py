"""JUnit XML: one test case per checked file, one failure per finding.

CI systems show JUnit reports natively (GitLab test reports, Jenkins, Azure Pipelines).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from schema_lint.diagnostics import Diagnostic

if TYPE_CHECKING:
    from schema_lint.reporters import RunInfo

# XML 1.0 cannot carry these even as character references; a message quoting a control
# character would otherwise make the whole report unreadable.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _ILLEGAL_XML.sub("\ufffd", text)


def _details(d: Diagnostic) -> str:
    lines = [f"{d.where}: {d.code} {d.name} ({d.severity.value})", d.message]
    if d.key_path is not None:
        key = f"key: {d.key_path}"
        key += f" in {d.namespace}" if d.namespace else ""
        key += f", stored as {d.key}" if d.key and d.key != d.key_path else ""
        lines.append(key)
    if d.fix is not None:
        lines.append(f"fix: replace with {d.fix.replacement}")
    if d.related is not None:
        lines.append(f"related: {d.related.message} ({d.related.where})")
    return xml_safe("\n".join(lines))


def report(diagnostics: Sequence[Diagnostic], run: RunInfo, out: TextIO) -> None:
    by_path: dict[str, list[Diagnostic]] = {path: [] for path in run.files}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    tests = str(len(by_path))
    failures = str(sum(1 for found in by_path.values() if found))
    root = ET.Element("testsuites", name="schema-lint", tests=tests, failures=failures)
    suite = ET.SubElement(
        root,
        "testsuite",
        name="schema-lint",
        tests=tests,
        failures=failures,
        errors="0",
        skipped="0",
    )
    for path, found in sorted(by_path.items()):
        case = ET.SubElement(suite, "testcase", classname="schema-lint", name=xml_safe(path))
        for d in found:
            message = f"{d.where}: {d.code} {d.message}"
            failure = ET.SubElement(case, "failure", message=xml_safe(message), type=d.code)
            failure.text = _details(d)
    ET.indent(root, space="  ")
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
