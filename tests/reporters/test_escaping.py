"""Whatever a message or a path holds, each format's reader gets the same text back."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import unquote

from hypothesis import given
from hypothesis import strategies as st

from schema_lint.diagnostics import Diagnostic, Severity
from schema_lint.reporters import get
from schema_lint.reporters.junit import xml_safe

from .sample import run_info

# Characters that each format treats specially, mixed into arbitrary text.
TRICKY = st.sampled_from(["%", ":", ",", "\n", "\r", "\r\n", "%25", "%0A", "::", "é", "金", "😀"])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=5)), max_size=8).map("".join)
PATHS = TEXT.filter(bool)


def render(name: str, path: str, message: str) -> str:
    diagnostic = Diagnostic(path, 2, 3, 2, 7, "SL001", "dotted-key", Severity.WARNING, message)
    out = io.StringIO()
    get(name)([diagnostic], run_info(files=(), new_keys=0, source_lines=None), out)
    return out.getvalue()


@given(PATHS, TEXT)
def test_json(path: str, message: str) -> None:
    [item] = json.loads(render("json", path, message))
    assert (item["path"], item["message"]) == (path, message)


@given(PATHS, TEXT)
def test_sarif(path: str, message: str) -> None:
    [result] = json.loads(render("sarif", path, message))["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert (unquote(location), result["message"]["text"]) == (path, message)
    assert ":" not in location.split("/")[0]


@given(PATHS, TEXT)
def test_gitlab(path: str, message: str) -> None:
    [issue] = json.loads(render("gitlab", path, message))
    assert (issue["location"]["path"], issue["description"]) == (path, f"SL001 {message}")


@given(PATHS, TEXT)
def test_junit(path: str, message: str) -> None:
    root = ET.fromstring(render("junit", path, message))
    case = root.find("testsuite/testcase")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert case.get("name") == xml_safe(path)
    assert failure.get("message") == xml_safe(f"{path}:2:3: SL001 {message}")


def _unescape(text: str, table: list[tuple[str, str]]) -> str:
    # The runner undoes each escape in a fixed order, `%25` last.
    for escaped, char in table:
        text = text.replace(escaped, char)
    return text


DATA = [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")]
PROPERTY = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Read `::command key=value,...::data` the way actions/runner does."""
    assert line.startswith("::")
    head, data = line[2:].split("::", 1)
    command, _, raw = head.partition(" ")
    properties = {}
    for pair in raw.split(","):
        key, value = pair.split("=", 1)
        properties[key] = _unescape(value, PROPERTY)
    return command, properties, _unescape(data, DATA)


@given(PATHS, TEXT)
def test_github(path: str, message: str) -> None:
    output = render("github", path, message)
    # The runner reads its output with .NET ReadLine: only CR and LF end a line.
    assert "\r" not in output
    [line, end] = output.split("\n")
    assert end == ""
    command, properties, data = parse_workflow_command(line)
    assert command == "warning"
    assert properties == {
        "file": path,
        "line": "2",
        "col": "3",
        "endLine": "2",
        "endColumn": "7",
        "title": "SL001 dotted-key",
    }
    assert data == message


def test_junit_replaces_characters_xml_cannot_hold() -> None:
    root = ET.fromstring(render("junit", "a\x00b.js", "bell\x07 and\x1b[31m escape"))
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("name") == "a\ufffdb.js"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == "a\ufffdb.js:2:3: SL001 bell\ufffd and\ufffd[31m escape"
