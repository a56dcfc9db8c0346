"""`merge-lock`: the union of both sides' keys, conflict markers only for a real conflict."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schema_lint.lockfile import HEADER
from schema_lint.merge import merge
from tests.conftest import run_cli

BASE = "version: 1\nevents:\n  plan: string\n"


def write(folder: Path, **files: str) -> None:
    for name, text in files.items():
        (folder / name).write_text(text)


def test_union_of_both_sides_sorted(tmp_path: Path) -> None:
    write(
        tmp_path,
        base=BASE,
        ours=BASE + "  seats: number\nusers:\n  role: string\n",
        theirs=BASE + "  beta: boolean\n",
    )
    result = run_cli(["merge-lock", "base", "ours", "theirs"], tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / "ours").read_text() == (
        f"{HEADER}\nversion: 1\nevents:\n  beta: boolean\n  plan: string\n  seats: number\n"
        "users:\n  role: string\n"
    )


def test_one_key_added_with_two_types_keeps_markers(tmp_path: Path) -> None:
    write(
        tmp_path,
        base=BASE,
        ours=BASE + "  seats: number\n  zone: string\n",
        theirs=BASE + "  seats: string\n  alpha: boolean\n",
    )
    result = run_cli(["merge-lock", "base", "ours", "theirs"], tmp_path)
    assert result.exit_code == 1
    assert (tmp_path / "ours").read_text() == (
        f"{HEADER}\nversion: 1\nevents:\n  alpha: boolean\n  plan: string\n"
        "<<<<<<< ours\n  seats: number\n=======\n  seats: string\n>>>>>>> theirs\n"
        "  zone: string\n"
    )
    check = run_cli(["check", "--no-cache", "--lockfile", "ours"], tmp_path)
    assert check.exit_code == 2 and "unresolved git conflict marker" in check.stderr


@pytest.mark.parametrize(
    ("base", "ours", "theirs", "merged", "conflicts"),
    [
        ({}, {"a": "string"}, {"a": "string"}, {"a": "string"}, {}),
        ({"a": "string"}, {"a": "number"}, {"a": "string"}, {"a": "number"}, {}),
        ({"a": "string"}, {"a": "string"}, {"a": "number"}, {"a": "number"}, {}),
        ({"a": "string"}, {}, {"a": "string"}, {"a": "string"}, {}),
        ({}, {"a": "string"}, {"a": "number"}, {"a": "string"}, {"a": ("string", "number")}),
    ],
)
def test_merge_table(
    base: dict[str, str],
    ours: dict[str, str],
    theirs: dict[str, str],
    merged: dict[str, str],
    conflicts: dict[str, tuple[str, str]],
) -> None:
    found, clashes = merge({"events": base}, {"events": ours}, {"events": theirs})
    assert found == {"events": merged}
    assert clashes == {("events", k): v for k, v in conflicts.items()}


def test_broken_side_is_exit_2(tmp_path: Path) -> None:
    write(tmp_path, base=BASE, ours="version: 9\n", theirs=BASE)
    result = run_cli(["merge-lock", "base", "ours", "theirs"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("schema-lint: error: ours:1: unsupported lockfile version")


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose lockfile merges with the driver, as the README sets it up."""
    script = shutil.which("schema-lint") or f"{sys.executable} -m schema_lint"
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.email", "dev@example.com"),
        ("config", "user.name", "Dev"),
        ("config", "merge.schema-lint.driver", f"{script} merge-lock %O %A %B"),
    ):
        git(tmp_path, *args)
    write(tmp_path, **{".gitattributes": "schema-lint.lock.yaml merge=schema-lint\n"})
    write(tmp_path, **{"schema-lint.lock.yaml": BASE})
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    return tmp_path


def branch(repo: Path, name: str, lock: str) -> None:
    git(repo, "checkout", "-q", "-b", name, "main")
    write(repo, **{"schema-lint.lock.yaml": lock})
    git(repo, "commit", "-qam", name)


def test_real_git_merge_with_the_driver(repo: Path) -> None:
    branch(repo, "a", BASE + "  seats: number\n")
    branch(repo, "b", BASE + "  beta: boolean\n")
    done = git(repo, "merge", "-q", "--no-edit", "a")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (repo / "schema-lint.lock.yaml").read_text() == (
        f"{HEADER}\nversion: 1\nevents:\n  beta: boolean\n  plan: string\n  seats: number\n"
    )


def test_real_git_merge_conflict(repo: Path) -> None:
    branch(repo, "a", BASE + "  seats: number\n")
    branch(repo, "b", BASE + "  seats: string\n")
    done = git(repo, "merge", "-q", "--no-edit", "a")
    assert done.returncode != 0
    text = (repo / "schema-lint.lock.yaml").read_text()
    assert "<<<<<<< ours\n  seats: string\n=======\n  seats: number\n>>>>>>> theirs\n" in text
    assert "schema-lint.lock.yaml" in git(repo, "diff", "--name-only", "--diff-filter=U").stdout
