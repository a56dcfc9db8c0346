"""--output-file: the report in a file, and extra reports in other formats from one run."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from schema_lint.reporters import parse_output_file
from tests.conftest import run_cli

APP = "moesif.track('Signed Up', { 'sign.up': 'email', plan: 'pro' });\n"
TEXT = "app.js:1:29: SL001 key `sign.up` contains a dot: it is stored as `sign_up`\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    (tmp_path / "app.js").write_text(APP)
    return tmp_path


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("out.txt", (None, "out.txt")),
        ("sarif:reports/out.sarif", ("sarif", "reports/out.sarif")),
        ("json:a:b.json", ("json", "a:b.json")),
        ("C:\\out.txt", (None, "C:\\out.txt")),
        ("./json:x", (None, "./json:x")),
        ("json:", (None, "json:")),
        ("auto:x", (None, "auto:x")),
    ],
)
def test_parse_output_file(value: str, expected: tuple[str | None, str]) -> None:
    assert parse_output_file(value) == expected


def test_report_goes_to_the_file_not_stdout(project: Path) -> None:
    result = run_cli(["check", "--no-cache", "--output-file", "out/report.txt"], project)
    assert result.exit_code == 1
    assert result.stdout == ""
    report = (project / "out" / "report.txt").read_text()
    assert report.startswith(TEXT)


def test_extra_formats_come_from_the_same_run(project: Path) -> None:
    args = ["check", "--no-cache", "--format", "github", "--select", "SL001"]
    args += ["--output-file", "sarif:out.sarif", "--output-file", "json:out.json"]
    result = run_cli(args, project)
    assert result.exit_code == 1
    assert result.stdout.startswith("::warning file=app.js,line=1,col=29")
    sarif = json.loads((project / "out.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["SL001"]
    assert [d["code"] for d in json.loads((project / "out.json").read_text())] == ["SL001"]


def test_notes_stay_on_stderr(project: Path) -> None:
    (project / "big.js").write_text("moesif.track('x', {a: 1});\n" * 100)
    (project / ".schema-lint.yaml").write_text("presets: [moesif]\nmax-file-size: 1000\n")
    result = run_cli(["check", "--no-cache", "--output-file", "out.txt"], project)
    assert "note:" in result.stderr and "big.js" in result.stderr
    assert "note:" not in (project / "out.txt").read_text()
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--output-file", "a.txt", "--output-file", "b.txt"],
        ["--output-file", "app.js/report.txt"],
    ],
)
def test_bad_output_files_are_exit_2(project: Path, args: list[str]) -> None:
    result = run_cli(["check", "--no-cache", *args], project)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_each_report_prints_paths_from_its_own_base(tmp_path: Path) -> None:
    """Text from the working directory, SARIF from the repository root, in one run."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    frontend = tmp_path / "frontend"
    (frontend / "src").mkdir(parents=True)
    (frontend / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    (frontend / "src" / "b.js").write_text(APP)
    args = ["check", "--no-cache", "--format", "text", "--select", "SL001"]
    result = run_cli([*args, "--output-file", "sarif:out.sarif"], frontend / "src")
    assert result.stdout.startswith("b.js:1:29: SL001")
    sarif = json.loads((frontend / "src" / "out.sarif").read_text())
    [finding] = sarif["runs"][0]["results"]
    assert finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "frontend/src/b.js"
    )
