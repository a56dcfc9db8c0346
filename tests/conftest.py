from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from schema_lint.cli import main
from tests.strategies import load_profile

# before any test module builds its own @settings: they inherit the profile's choices
load_profile()


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@contextmanager
def _chdir(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def run_cli(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, input: bytes | None = None
) -> CliResult:
    """Run the CLI in-process (fast) from `cwd`, as a user would from a shell."""
    runner = CliRunner()
    environment = {"GITHUB_ACTIONS": "", "NO_COLOR": "1", "GITHUB_STEP_SUMMARY": ""}
    environment.update(env or {})
    with _chdir(cwd):
        result = runner.invoke(main, args, input, env=environment, catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)


def run_process(args: list[str], cwd: Path) -> CliResult:
    """Run `python -m schema_lint` as a process from `cwd`, in the environment of `run_cli`."""
    env = {**os.environ, "GITHUB_ACTIONS": "", "NO_COLOR": "1", "GITHUB_STEP_SUMMARY": ""}
    done = subprocess.run(
        [sys.executable, "-m", "schema_lint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli() -> type[CliResult]:
    return CliResult


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


# The slowest modules start first, so that on two workers neither is left running one long
# test (the pre-commit environment build) after the other has finished everything else.
SLOW_FIRST = ("test_precommit.py", "test_lockfile_concurrency.py", "test_hostile.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: index for index, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
