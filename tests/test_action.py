"""The composite GitHub Action: its structure, and its scripts run against fake tools."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ACTION = Path(__file__).resolve().parents[1] / "action.yml"
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return loaded


def _steps(action: dict[str, Any]) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = action["runs"]["steps"]
    return steps


def _script(action: dict[str, Any], name: str) -> str:
    [step] = [step for step in _steps(action) if step.get("name") == name]
    script: str = step["run"]
    return script


def test_is_a_composite_action(action: dict[str, Any]) -> None:
    assert action["name"] == "schema-lint"
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"version", "paths", "args", "sarif-file"}
    defaults = {name: spec["default"] for name, spec in action["inputs"].items()}
    assert defaults == {"version": "", "paths": ".", "args": "", "sarif-file": ""}


def test_every_run_step_has_a_shell(action: dict[str, Any]) -> None:
    for step in _steps(action):
        if "run" in step:
            assert step.get("shell") == "bash", step.get("name")


def test_every_input_is_used(action: dict[str, Any]) -> None:
    used = yaml.safe_dump(_steps(action))
    for name in action["inputs"]:
        assert re.search(rf"\$\{{\{{\s*inputs\.{re.escape(name)}\s*\}}\}}", used), name


def test_scripts_take_inputs_only_through_the_environment(action: dict[str, Any]) -> None:
    # An expression inside `run:` is pasted into the script before bash parses it: a crafted
    # input or branch name would become code.
    for step in _steps(action):
        for expression in EXPRESSION.findall(step.get("run", "")):
            assert not re.search(r"\b(inputs|github)\b", expression), (step["name"], expression)


bash = shutil.which("bash")
needs_bash = pytest.mark.skipif(bash is None, reason="bash is not installed")

# %q shows argument boundaries: "a b" as one argument is recorded as a\ b.
RECORDER = """#!/usr/bin/env bash
line=$(printf '%q ' "$@")
printf '%s\\n' "${line% }" >> "$RECORD"
while (( $# )); do
  if [[ "$1" == --output-file && "$2" == sarif:* ]]; then
    mkdir -p -- "$(dirname -- "${2#sarif:}")"
    echo '{"version": "2.1.0"}' > "${2#sarif:}"
  fi
  shift
done
exit "${FAKE_STATUS:-0}"
"""

FAKE_PYTHON = """#!/usr/bin/env bash
if [[ "$1 $2" == "-m venv" ]]; then
  mkdir -p "$3/bin"
  cp "$0" "$3/bin/python"
  exit 0
fi
printf '%s\\n' "$*" >> "$RECORD"
"""


def _executable(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def _run(script: str, tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert bash is not None
    script_path = tmp_path / "step.sh"
    script_path.write_text(script, encoding="utf-8")
    full_env = {
        "PATH": os.environ["PATH"],
        "RECORD": str(tmp_path / "record"),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        **env,
    }
    # How the runner starts a `shell: bash` step.
    command = [bash, "--noprofile", "--norc", "-eo", "pipefail", str(script_path)]
    return subprocess.run(
        command, env=full_env, cwd=tmp_path, capture_output=True, text=True, check=False
    )


@needs_bash
@pytest.mark.parametrize(
    ("version", "installed"),
    [
        ("", "/actions/schema-lint"),
        ("0.1.0", "schema-lint==0.1.0"),
        ("v0.1.0", "schema-lint==0.1.0"),
        ("==0.1.0", "schema-lint==0.1.0"),
        (">=0.1,<0.2", "schema-lint>=0.1,<0.2"),
        ("~=0.1", "schema-lint~=0.1"),
    ],
)
def test_install(action: dict[str, Any], tmp_path: Path, version: str, installed: str) -> None:
    fake_bin = tmp_path / "fake-bin"
    fake_bin.mkdir()
    _executable(fake_bin / "python3", FAKE_PYTHON)
    env = {
        "PATH": f"{fake_bin}{os.pathsep}{os.environ['PATH']}",
        "VERSION": version,
        "ACTION_PATH": "/actions/schema-lint",
    }
    result = _run(_script(action, "Install schema-lint"), tmp_path, env)
    assert result.returncode == 0, result.stderr
    record = (tmp_path / "record").read_text(encoding="utf-8")
    assert record == f"-m pip install --quiet --disable-pip-version-check {installed}\n"
    executable = tmp_path / "schema-lint-venv" / "bin" / "schema-lint"
    assert (tmp_path / "output").read_text(encoding="utf-8") == f"executable={executable}\n"


@needs_bash
@pytest.mark.parametrize(
    ("paths", "args", "expected"),
    [
        (".", "", "check --frozen --format github -- ."),
        ("src  docs\nREADME.md\n", "", "check --frozen --format github -- src docs README.md"),
        (
            "",
            "--select SL001  --no-cache",
            "check --frozen --format github --select SL001 --no-cache --",
        ),
        ("-odd.js", "", "check --frozen --format github -- -odd.js"),
        # Glob characters reach schema-lint untouched; tmp_path holds files they would match.
        ("*", "", "check --frozen --format github -- \\*"),
    ],
)
def test_check_arguments(
    action: dict[str, Any], tmp_path: Path, paths: str, args: str, expected: str
) -> None:
    fake = _executable(tmp_path / "schema-lint", RECORDER)
    env = {"SCHEMA_LINT": str(fake), "PATHS": paths, "ARGS": args, "SARIF_FILE": ""}
    result = _run(_script(action, "Run schema-lint"), tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "record").read_text(encoding="utf-8") == expected + "\n"


@needs_bash
@pytest.mark.parametrize(
    ("status", "sarif_file"),
    [(0, ""), (1, ""), (2, ""), (0, "reports/out.sarif"), (1, "reports/out.sarif"), (1, "o.sarif")],
)
def test_one_run_keeps_the_exit_code_and_writes_sarif(
    action: dict[str, Any], tmp_path: Path, status: int, sarif_file: str
) -> None:
    fake = _executable(tmp_path / "schema-lint", RECORDER)
    env = {
        "SCHEMA_LINT": str(fake),
        "PATHS": ".",
        "ARGS": "--no-cache",
        "SARIF_FILE": sarif_file,
        "FAKE_STATUS": str(status),
    }
    result = _run(_script(action, "Run schema-lint"), tmp_path, env)
    assert result.returncode == status, result.stderr
    calls = (tmp_path / "record").read_text(encoding="utf-8").splitlines()
    if sarif_file:
        output = f"--output-file sarif:{sarif_file}"
        assert calls == [f"check --frozen --format github {output} --no-cache -- ."]
        assert (tmp_path / sarif_file).read_text(encoding="utf-8") == '{"version": "2.1.0"}\n'
    else:
        assert calls == ["check --frozen --format github --no-cache -- ."]


def test_the_check_step_runs_on_the_bundled_example(action: dict[str, Any], tmp_path: Path) -> None:
    """The real command, as the step runs it: annotations, the exit code, and valid SARIF."""
    import json
    import sys

    example = shutil.copytree(ACTION.parent / "fixtures" / "example-app", tmp_path / "app")
    executable = Path(sys.executable).with_name("schema-lint")
    env = {
        "SCHEMA_LINT": str(executable),
        "PATHS": ".",
        "ARGS": "--no-cache",
        "SARIF_FILE": "out/report.sarif",
        "GITHUB_ACTIONS": "true",
    }
    result = _run(_script(action, "Run schema-lint"), example, env)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ")) for line in lines[:-1])
    assert any("file=web/src/SignUp.tsx,line=12,col=7" in line for line in lines)
    report = json.loads((example / "out" / "report.sarif").read_text(encoding="utf-8"))
    assert report["version"] == "2.1.0" and report["runs"][0]["results"]
