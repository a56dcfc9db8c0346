"""Golden cases: every folder under tests/cases/ is an input project and its expected output.

A case folder holds:
  project/        the input project (copied to a temporary folder before the run)
  args            optional: the command line, default `check --format json --no-cache`
  expected.out    the exact stdout
  expected.exit   optional: the exit code, default 1 when expected.out has findings else 0
  expected.lock   optional: the lockfile's exact bytes after the run

Set SCHEMA_LINT_REGEN=1 to rewrite expected.* from the current behaviour; read the diff
before committing it.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_cli

CASES = Path(__file__).parent / "cases"
REGEN = os.environ.get("SCHEMA_LINT_REGEN") == "1"


def _cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "project").is_dir())


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_case(case: Path, tmp_path: Path) -> None:
    project = copy_project(case / "project", tmp_path / "project")
    args_file = case / "args"
    args = shlex.split(args_file.read_text()) if args_file.exists() else [
        "check", "--format", "json", "--no-cache"
    ]
    result = run_cli(args, project)
    lock_path = project / "schema-lint.lock.yaml"
    if REGEN:
        (case / "expected.out").write_text(result.stdout)
        (case / "expected.exit").write_text(f"{result.exit_code}\n")
        if (case / "expected.lock").exists() or (
            lock_path.exists() and not (case / "project" / "schema-lint.lock.yaml").exists()
        ):
            (case / "expected.lock").write_bytes(lock_path.read_bytes())
        return
    assert result.stdout == (case / "expected.out").read_text(), result.stderr
    assert result.exit_code == int((case / "expected.exit").read_text())
    if (case / "expected.lock").exists():
        assert lock_path.read_bytes() == (case / "expected.lock").read_bytes()
