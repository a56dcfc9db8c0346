"""Typos and contradictions on the command line are exit 2 with one line, never a silent pass."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli

APP = "moesif.track('Signed Up', { 'sign.up': 'email', n: 1 });\nmoesif.track('B', { n: 'x' });\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    (tmp_path / "app.js").write_text(APP)
    return tmp_path


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--select", "SL02"],
            "--select: unknown rule code or prefix 'SL02' (did you mean SL002 or SL102?)",
        ),
        (["--select", "E501"], "--select: unknown rule code or prefix 'E501'; `schema-lint rules`"),
        (["--select", "SL001,SL9"], "--select: unknown rule code or prefix 'SL9'"),
        (["--ignore", "dotted_key"], "--ignore: unknown rule code or prefix 'dotted_key' (did"),
        (["--frozen", "--update-lock"], "--frozen and --update-lock cannot be used together"),
        (["nope.js"], "nope.js: no such file or directory"),
        (["app.js", "src/gone.ts"], "src/gone.ts: no such file or directory"),
    ],
)
def test_usage_errors_are_one_line_exit_2(project: Path, args: list[str], expected: str) -> None:
    result = run_cli(["check", "--no-cache", *args], project)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"schema-lint: error: {expected}"), result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_lock_of_a_path_that_does_not_exist_is_exit_2(project: Path) -> None:
    result = run_cli(["lock", "--no-cache", "nope.js"], project)
    assert result.exit_code == 2
    assert result.stderr == "schema-lint: error: nope.js: no such file or directory\n"
    assert not (project / "schema-lint.lock.yaml").exists()


@pytest.mark.parametrize(
    ("selector", "codes"),
    [
        ("dotted-key", ["SL001"]),
        ("SL00", ["SL001", "SL002", "SL005"]),  # selecting SL005 reports unlocked keys
        ("sl0", ["SL001", "SL002", "SL005"]),
        ("ALL", ["SL001", "SL002", "SL005"]),
        ("type-conflict,SL001", ["SL001", "SL002"]),
    ],
)
def test_selectors_by_code_prefix_and_name(project: Path, selector: str, codes: list[str]) -> None:
    result = run_cli(["check", "--no-cache", "--select", selector, "--statistics"], project)
    assert result.exit_code == 1
    assert sorted(line.split()[1] for line in result.stdout.splitlines()) == codes


def test_ignore_by_name(project: Path) -> None:
    result = run_cli(["check", "--no-cache", "--ignore", "dotted-key,type-conflict"], project)
    assert result.exit_code == 0, result.stdout


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("select: [SL9]", ".schema-lint.yaml: select[0]: unknown rule code or prefix 'SL9'"),
        ("ignore: [SL001, SL02]", ".schema-lint.yaml: ignore[1]: unknown rule code or prefix"),
        ("per-file-ignores: {'*.js': [E501]}", '.schema-lint.yaml: per-file-ignores."*.js"[0]'),
    ],
)
def test_unknown_codes_in_the_config_are_exit_2(project: Path, config: str, expected: str) -> None:
    (project / ".schema-lint.yaml").write_text(f"presets: [moesif]\n{config}\n")
    result = run_cli(["check", "--no-cache"], project)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"schema-lint: error: {expected}"), result.stderr


def test_excluded_path_is_a_quiet_skip(project: Path) -> None:
    (project / "dist").mkdir()
    (project / "dist" / "bundle.js").write_text(APP)
    result = run_cli(["check", "--no-cache", "dist/bundle.js"], project)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "note: no files to check\n"


def test_no_files_to_check_is_a_note(tmp_path: Path) -> None:
    result = run_cli(["check", "--no-cache"], tmp_path)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "note: no files to check\n"
    assert "no files to check" not in run_cli(["check", "--no-cache"], tmp_path.parent).stderr


def test_config_whose_root_holds_none_of_the_paths_is_exit_2(project: Path) -> None:
    (project / "other").mkdir()
    (project / "other" / "lint.yaml").write_text("presets: [moesif]\n")
    result = run_cli(["check", "--no-cache", "--config", "other/lint.yaml", "app.js"], project)
    assert result.exit_code == 2
    assert result.stderr == (
        f"schema-lint: error: other/lint.yaml: its project root {project / 'other'} "
        "holds none of app.js\n"
    )
    alone = run_cli(["check", "--no-cache", "--config", "other/lint.yaml"], project)
    assert alone.exit_code == 2
    assert f"holds none of the working directory {project}" in alone.stderr
    inside = run_cli(["check", "--no-cache", "--config", "lint.yaml"], project / "other")
    assert inside.exit_code == 0 and inside.stderr == "note: no files to check\n"


def test_config_covering_the_paths_is_used(project: Path) -> None:
    (project / "lint.yaml").write_text("presets: [moesif]\nignore: [SL001, SL002]\n")
    result = run_cli(["check", "--no-cache", "--config", "lint.yaml", "app.js"], project)
    assert result.exit_code == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("pyproject", "noted"),
    [
        ("[tool.schema_lint]\npresets = ['moesif']\n", True),
        ("[tool.schema-lint]\npresets = ['moesif']\n[tool.schema_lint]\nx = 1\n", False),
        ("[tool.ruff]\nline-length = 100\n", False),
    ],
)
def test_underscored_pyproject_table_gets_a_note(
    tmp_path: Path, pyproject: str, noted: bool
) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject)
    (tmp_path / "app.js").write_text("moesif.track('A', { n: 1 });\n")
    result = run_cli(["check", "--no-cache"], tmp_path)
    note = (
        "note: pyproject.toml: [tool.schema_lint] is not read: did you mean [tool.schema-lint]?\n"
    )
    assert (note in result.stderr) is noted, result.stderr
    assert result.exit_code == 0


def test_show_settings(tmp_path: Path) -> None:
    (tmp_path / ".schema-lint.yaml").write_text(
        "presets: [segment]\nlockfile: schema/lock.yaml\ncalls: ['track(EVENT, METADATA)']\n"
    )
    (tmp_path / "a.js").write_text("analytics.track('A', { n: 1 });\n")
    (tmp_path / "b.js").write_text("const x = 1;\n")
    result = run_cli(["check", "--no-cache", "--show-settings"], tmp_path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        f"project root: {tmp_path}",
        "config file: .schema-lint.yaml",
        "lockfile: schema/lock.yaml",
        "presets: segment",
    ]
    assert lines[-3:] == ["files listed: 2", "files parsed: 1", "wrappers: 0"]
    signatures = lines[5:-3]
    assert lines[4] == f"signatures: {len(signatures)}"
    assert "  analytics.track(EVENT, METADATA)  [namespace: events, js]" in signatures
    assert signatures[-1] == "  track(EVENT, METADATA)  [namespace: events, every language]"
    assert not (tmp_path / "schema").exists()


@pytest.mark.parametrize("command", ["check", "lock", "catalog"])
def test_a_deleted_working_folder_is_a_usage_error(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    script = (
        "import os, sys\n"
        f"os.chdir({str(folder)!r}); os.rmdir({str(folder)!r})\n"
        "from schema_lint.cli import run\n"
        f"run([{command!r}])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 2
    expected = "schema-lint: error: the current folder no longer exists: cd into the project\n"
    assert done.stderr == expected
