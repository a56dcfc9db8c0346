"""`schema-lint catalog` on the bundled example app, in every format, against golden files.

SCHEMA_LINT_REGEN=1 rewrites them; read the diff before committing it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_cli

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("SCHEMA_LINT_REGEN") == "1"
SUFFIXES = {"markdown": "md", "json": "json", "html": "html"}


def render(tmp_path: Path, format_: str) -> str:
    project = copy_project(ROOT / "fixtures" / "example-app", tmp_path / "example-app")
    result = run_cli(["catalog", "--no-cache", "--format", format_], project)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize("format_", sorted(SUFFIXES))
def test_example_app(format_: str, tmp_path: Path) -> None:
    golden = GOLDEN / f"example-app.{SUFFIXES[format_]}"
    page = render(tmp_path, format_)
    if REGEN:
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8")


def test_markdown_is_the_default_and_output_file_holds_the_same_page(tmp_path: Path) -> None:
    project = copy_project(ROOT / "fixtures" / "example-app", tmp_path / "example-app")
    target = tmp_path / "tracking-plan.md"
    result = run_cli(["catalog", "--no-cache", "--output-file", str(target)], project)
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == (GOLDEN / "example-app.md").read_text("utf-8")


def test_an_output_file_that_cannot_be_written_is_one_line_exit_2(tmp_path: Path) -> None:
    project = copy_project(ROOT / "fixtures" / "example-app", tmp_path / "example-app")
    target = tmp_path / "missing" / "plan.md"
    result = run_cli(["catalog", "--no-cache", "--output-file", str(target)], project)
    assert result.exit_code == 2
    assert (
        result.stderr == f"schema-lint: error: {target}: cannot write: No such file or directory\n"
    )
