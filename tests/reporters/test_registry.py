from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from schema_lint.reporters import REPORTERS, get, resolve_format

FORMATS = ["text", "full", "json", "sarif", "github", "gitlab", "junit"]


def test_every_documented_format_is_registered() -> None:
    assert sorted(REPORTERS) == sorted(FORMATS)


@pytest.mark.parametrize("name", FORMATS)
def test_get_returns_the_module_report(name: str) -> None:
    reporter = get(name)
    assert reporter.__name__ == "report"
    assert reporter.__module__ == REPORTERS[name]


@pytest.mark.parametrize("name", ["auto", "xml", "", "TEXT"])
def test_unknown_format_names_the_known_ones(name: str) -> None:
    with pytest.raises(KeyError, match="known formats: text, full, json"):
        get(name)


@pytest.mark.parametrize(
    ("name", "environ", "expected"),
    [
        ("auto", {}, "text"),
        ("auto", {"GITHUB_ACTIONS": "true"}, "github"),
        ("auto", {"GITHUB_ACTIONS": "false"}, "text"),
        ("auto", {"GITHUB_ACTIONS": "1"}, "text"),
        ("auto", {"GITLAB_CI": "true"}, "text"),
        ("text", {"GITHUB_ACTIONS": "true"}, "text"),
        ("sarif", {"GITHUB_ACTIONS": "true"}, "sarif"),
        ("json", {}, "json"),
    ],
)
def test_resolve_format(name: str, environ: dict[str, str], expected: str) -> None:
    assert resolve_format(name, environ) == expected


def test_importing_the_registry_imports_no_format() -> None:
    code = (
        "import sys, schema_lint.reporters as r;"
        "print(sorted(m for m in r.REPORTERS.values() if m in sys.modules))"
    )
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=repo
    )
    assert result.stdout.strip() == "[]"
