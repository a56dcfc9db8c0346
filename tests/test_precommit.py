"""The hook manifest, driven for real through `pre-commit run` on a scratch repository.

`pre-commit try-repo` would build the hook's environment again on every call (it keeps its
store in a temporary folder), so the test points a config at a snapshot of this working tree
instead, as try-repo does, and the environment is built once.
"""

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
PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _snapshot(target: Path) -> str:
    """This working tree as it is (uncommitted changes too) committed into `target`; its sha."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, check=True, capture_output=True,
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "-c", "user.email=dev@example.com", "-c", "user.name=dev", "commit", "-qm", "x")
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=target, check=True, capture_output=True, text=True
    ).stdout.strip()


def _run_hook(cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [PRE_COMMIT, "run", "--color", "never"],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )


def test_manifest_matches_the_spec() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "schema-lint"
    assert hook["entry"] == "schema-lint check --update-lock"
    assert hook["pass_filenames"] is True and hook["require_serial"] is True
    for suffix in ("a.mts", "a.cts", "a.jsonc", "a.tsx", "a.py", "a.md", "a.json", "a.cjs"):
        assert re.search(hook["files"], suffix), suffix
    assert not re.search(hook["files"], "a.css")


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
    snapshot = tmp_path / "schema-lint"
    sha = _snapshot(snapshot)
    config = {"repos": [{"repo": str(snapshot), "rev": sha, "hooks": [{"id": "schema-lint"}]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    app = project / "app.mts"
    app.write_text("moesif.track('Signed Up', { 'sign.up.method': 'email' });\n")
    _git(project, "add", "app.mts", ".pre-commit-config.yaml")
    home = tmp_path / "pre-commit-home"

    dotted = _run_hook(project, home)
    assert dotted.returncode == 1, dotted.stdout + dotted.stderr
    assert "SL001" in dotted.stdout

    assert "Added 1 new key" in dotted.stdout  # the stored name, sign_up_method
    _git(project, "add", "schema-lint.lock.yaml")

    app.write_text("moesif.track('Signed Up', { sign_up_method: 'email', plan: 'pro' });\n")
    _git(project, "add", "app.mts")
    new_key = _run_hook(project, home)
    assert new_key.returncode == 1, new_key.stdout + new_key.stderr
    assert "SL0" not in new_key.stdout
    lock = (project / "schema-lint.lock.yaml").read_text()
    assert "  plan: string\n  sign_up_method: string\n" in lock

    _git(project, "add", "schema-lint.lock.yaml")
    clean = _run_hook(project, home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
