"""Git sources of `extends`: a lockfile inside another repository, fetched with the git CLI.

The repository is fetched (`--depth 1`, one ref) into a bare repository of our own in the
cache folder, and the lockfile is read from the commit with `git cat-file`: no work tree is
checked out, and hooks are turned off, so nothing from the fetched repository ever runs. The
URL is one argv element after `--`, never a shell word nor an option. The file is kept per
resolved commit; a ref other than a full commit id is resolved again at most once per
`extends-ttl`, and `--offline` always uses the copy.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from schema_lint.files import DIRECTORY, atomic_write, prepare_directory
from schema_lint.lockfile import LockfileError

if TYPE_CHECKING:
    from schema_lint.settings import Extend

FOLDER = "extends"
TIMEOUT = 120  # seconds; a fetch must never hang a commit forever
_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
# Settings that point git at another repository than the one we name with --git-dir.
_REPO_ENV = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)
_SAFE = ("-c", "core.hooksPath=/dev/null", "-c", "protocol.ext.allow=never")


class _GitFailed(Exception):
    pass


def fetch(root: Path | None, source: Extend, ttl: int, offline: bool, notes: list[str]) -> bytes:
    """The source's lockfile; cached under `root`, or (`--no-cache`) fetched into a temporary
    folder that is removed again."""
    if root is None:
        if offline:
            raise LockfileError(f"{source.display}: --offline needs the cache")
        with tempfile.TemporaryDirectory(prefix="schema-lint-") as temp:
            return _cached(Path(temp), source, ttl, offline, notes).read_bytes()
    return _cached(_folder(root, source.git or ""), source, ttl, offline, notes).read_bytes()


def _cached(folder: Path, source: Extend, ttl: int, offline: bool, notes: list[str]) -> Path:
    assert source.git is not None and source.ref is not None
    state = _read_state(folder)
    known = state.get(source.ref)
    fresh = known is not None and time.time() - known[1] < ttl
    if _COMMIT.fullmatch(source.ref) or offline or fresh:
        commit = source.ref if _COMMIT.fullmatch(source.ref) else (known or ("", 0.0))[0]
        copy = _copy_path(folder, commit, source.path)
        if commit and copy.is_file():
            return copy
        if offline:
            raise LockfileError(f"{source.display}: no cached copy to use with --offline")
    try:
        commit = _fetch(folder, source.git, source.ref)
        copy = _extract(folder, commit, source.path, source.display)
    except _GitFailed as exc:
        if known is None or not (stale := _copy_path(folder, known[0], source.path)).is_file():
            raise LockfileError(f"{source.display}: cannot fetch: {exc}") from None
        notes.append(f"{source.display}: cannot fetch ({exc}); using the copy of {known[0][:12]}")
        return stale
    state[source.ref] = (commit, time.time())
    _write_state(folder, state)
    return copy


def _folder(root: Path, url: str) -> Path:
    name = hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]
    folder = root / DIRECTORY / FOLDER / name
    prepare_directory(folder.parent.parent)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _copy_path(folder: Path, commit: str, path: str) -> Path:
    digest = hashlib.sha256(path.encode("utf-8")).hexdigest()[:16]
    return folder / f"{commit}-{digest}.lock.yaml"


def _read_state(folder: Path) -> dict[str, tuple[str, float]]:
    try:
        data = json.loads((folder / "refs.json").read_text(encoding="utf-8"))
        return {ref: (str(value[0]), float(value[1])) for ref, value in data.items()}
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}  # a missing or damaged state only costs a fetch


def _write_state(folder: Path, state: dict[str, tuple[str, float]]) -> None:
    with suppress(OSError):  # the state only saves a fetch
        atomic_write(folder / "refs.json", json.dumps(state, sort_keys=True).encode("utf-8"))


def _git(repo: Path, *args: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if k not in _REPO_ENV}
    env["GIT_TERMINAL_PROMPT"] = "0"  # a private URL fails instead of waiting for a password
    try:
        done = subprocess.run(
            ["git", *_SAFE, f"--git-dir={repo}", *args],
            capture_output=True,
            env=env,
            timeout=TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise _GitFailed("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise _GitFailed(f"git took longer than {TIMEOUT} s") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        fatal = [line.removeprefix("fatal: ") for line in lines if line.startswith("fatal: ")]
        said = fatal or lines or [f"git exited with {done.returncode}"]
        raise _GitFailed(said[0])
    return done.stdout


def _fetch(folder: Path, url: str, ref: str) -> str:
    repo = folder / "repo.git"
    if not (repo / "HEAD").is_file():
        _git(repo, "init", "--bare", "--quiet")
    # A ref of our own per source ref, not FETCH_HEAD: runs fetching other refs at the same
    # time must not swap their answers.
    local = "refs/schema-lint/" + hashlib.sha256(ref.encode("utf-8")).hexdigest()[:24]
    fetch = ("fetch", "--quiet", "--depth", "1", "--no-tags", "--", url, f"+{ref}:{local}")
    try:
        _git(repo, *fetch)
    except _GitFailed as exc:
        if "lock" not in str(exc):
            raise
        _git(repo, *fetch)  # once more: another run held the ref's lock
    return _git(repo, "rev-parse", "--verify", "--quiet", f"{local}^{{commit}}").decode().strip()


def _extract(folder: Path, commit: str, path: str, display: str) -> Path:
    copy = _copy_path(folder, commit, path)
    if copy.is_file():
        return copy
    try:
        data = _git(folder / "repo.git", "cat-file", "blob", f"{commit}:{path}")
    except _GitFailed:
        raise LockfileError(f"{display}: no such file in commit {commit[:12]}") from None
    atomic_write(copy, data)
    return copy
