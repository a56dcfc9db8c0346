"""The hook manifest, driven for real through `pre-commit run` on a scratch repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
ADDED = "schema-lint.lock.yaml: added {}: git add schema-lint.lock.yaml and commit again"
PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _use_hook(project: Path) -> None:
    """The manifest's hook, installed from this checkout as it is, uncommitted changes too.

    `try-repo` would build a new environment on every call; a local hook built once from the
    same manifest entry keeps each later commit attempt to about a second."""
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook["additional_dependencies"] = [str(REPO)]
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))


def _try_repo(cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [PRE_COMMIT, "run", "--config", ".pre-commit-config.yaml", "schema-lint"],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )


def test_manifest_matches_the_spec() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "schema-lint"
    assert hook["entry"] == "schema-lint check --update-lock"
    assert hook["pass_filenames"] is True and hook["require_serial"] is True
    for suffix in ("a.mts", "a.cts", "a.jsonc", "a.tsx", "a.py", "a.md", "a.json", "a.cjs"):
        assert re.search(hook["files"], suffix), suffix
    # a broken lockfile or config must fail the commit that brings it
    for name in ("schema-lint.lock.yaml", "web/.schema-lint.yaml", ".schema-lint.yml"):
        assert re.search(hook["files"], name), name
    assert re.search(hook["files"], "pyproject.toml")
    for name in ("a.css", "other.lock.yaml", "my-schema-lint.lock.yaml", "a.yaml"):
        assert not re.search(hook["files"], name), name


@pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit is not installed")
def test_manifest_is_valid() -> None:
    done = subprocess.run(
        [PRE_COMMIT, "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_hook_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text()):
        assert f"id: {hook['id']}" in readme


@pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit is not installed")
def test_hook_fails_on_dotted_key_then_locks_new_keys(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    _git(project, "init", "-q")
    _git(project, "config", "user.email", "dev@example.com")
    _git(project, "config", "user.name", "dev")
    _use_hook(project)
    app = project / "app.mts"
    app.write_text("moesif.track('Signed Up', { 'sign.up.method': 'email' });\n")
    _git(project, "add", "app.mts")
    home = tmp_path / "pre-commit-home"

    dotted = _try_repo(project, home)
    assert dotted.returncode == 1, dotted.stdout + dotted.stderr
    assert "SL001" in dotted.stdout

    # a warning does not hold the lockfile back; the stored name is sign_up_method
    assert ADDED.format("1 key") in dotted.stdout
    _git(project, "add", "schema-lint.lock.yaml")

    app.write_text("moesif.track('Signed Up', { sign_up_method: 'email', plan: 'pro' });\n")
    _git(project, "add", "app.mts")
    new_key = _try_repo(project, home)
    assert new_key.returncode == 1, new_key.stdout + new_key.stderr
    assert "SL0" not in new_key.stdout
    lock = (project / "schema-lint.lock.yaml").read_text()
    assert "  plan: string\n  sign_up_method: string\n" in lock

    _git(project, "add", "schema-lint.lock.yaml")
    clean = _try_repo(project, home)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    _a_failing_commit_locks_nothing(project, home)
    _a_conflicted_lockfile_fails_the_commit(project, home)


def _a_failing_commit_locks_nothing(project: Path, home: Path) -> None:
    lock = project / "schema-lint.lock.yaml"
    before = lock.read_text()
    app = project / "app.mts"
    app.write_text("moesif.track('Order', { total: 10, items: [1, 'a'] });\n")
    _git(project, "add", "app.mts")
    failing = _try_repo(project, home)
    assert failing.returncode == 1 and "SL004" in failing.stdout, failing.stdout
    assert lock.read_text() == before  # no `total: number` from a commit that never lands

    app.write_text("moesif.track('Order', { total: '10.00', items: ['1', 'a'] });\n")
    _git(project, "add", "app.mts")
    fixed = _try_repo(project, home)
    assert fixed.returncode == 1, fixed.stdout
    assert ADDED.format("2 keys") in fixed.stdout
    assert "  total: string\n" in lock.read_text()
    _git(project, "add", "schema-lint.lock.yaml")
    assert _try_repo(project, home).returncode == 0


def _a_conflicted_lockfile_fails_the_commit(project: Path, home: Path) -> None:
    _git(project, "commit", "-q", "-m", "app")
    lock = project / "schema-lint.lock.yaml"
    lock.write_text(lock.read_text() + "<<<<<<< HEAD\n  a: string\n=======\n>>>>>>> x\n")
    _git(project, "add", "schema-lint.lock.yaml")  # the only file of the commit
    broken = _try_repo(project, home)
    assert broken.returncode == 2 or "exit code: 2" in broken.stdout, broken.stdout
    assert "schema-lint.lock.yaml:" in broken.stdout and "no files to check" not in broken.stdout
