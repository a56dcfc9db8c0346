"""git's file list: tracked plus untracked-but-not-ignored files, once per command.

Standard library only, so that a command can start git before it imports the rest.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

# what may hold a config of its own (config.py reads them; discovery looks for nested ones)
CONFIG_NAMES = (".schema-lint.yaml", ".schema-lint.yml", "pyproject.toml")

# (root, targets) -> the git listing, or the git process still writing it, while
# `shared_listings` is active
_listings: dict[tuple[Path, tuple[str, ...]], list[str] | subprocess.Popen[bytes] | None] | None
_listings = None


@contextmanager
def shared_listings(start: Path | None = None) -> Iterator[None]:
    """Within: git lists each root (and paths) once, and the nested-config search and
    discovery share that listing; on a large tree a listing costs 10 to 20 ms. For commands
    that add no file in between: a listing taken before a write does not hold the new file.

    With `start` (the folder a run over the whole project starts from), git starts listing the
    project it is likely in at once, and works while the program goes on loading; a guess that
    config.py does not confirm is never read."""
    global _listings
    outer, _listings = _listings, {}
    if start is not None and (root := _likely_root(start)) is not None:
        _listings[(root, ("",))] = _start_listing(root, [""])
    try:
        yield
    finally:
        for pending in _listings.values():
            if isinstance(pending, subprocess.Popen):
                pending.kill()  # a wrong guess, or a run that failed before reading it
                pending.communicate()
        _listings = outer


def _likely_root(start: Path) -> Path | None:
    """The project root config.py will likely find for `start`: the nearest folder above with a
    config of schema-lint's, or else with `.git`; None when there is neither."""
    for folder in (start, *start.parents):
        if any((folder / name).is_file() for name in CONFIG_NAMES[:2]):
            return folder
        try:
            if b"schema-lint" in (folder / CONFIG_NAMES[2]).read_bytes():
                return folder
        except OSError:
            pass
        if (folder / ".git").exists():
            return folder
    return None


def git_ls_files(root: Path, targets: Sequence[str]) -> list[str] | None:
    """Tracked plus untracked-but-not-ignored files, or None outside a git work tree."""
    if _listings is None:
        return _read_listing(_start_listing(root, targets))
    key = (root, tuple(targets))
    if key not in _listings:
        _listings[key] = _start_listing(root, targets)
    listing = _listings[key]
    if isinstance(listing, subprocess.Popen):
        _listings[key] = listing = _read_listing(listing)
    return listing


def _start_listing(root: Path, targets: Sequence[str]) -> subprocess.Popen[bytes] | None:
    pathspecs = [target or "." for target in targets] if targets != [""] else []
    command = ["git", "--literal-pathspecs", "ls-files", "-z", "--cached", "--others"]
    command += ["--exclude-standard", "--", *pathspecs]
    try:
        return subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError:
        return None


def _read_listing(process: subprocess.Popen[bytes] | None) -> list[str] | None:
    if process is None:
        return None
    stdout, _ = process.communicate()
    if process.returncode != 0:
        return None
    # a trailing '/' is a nested repository git does not descend into; so neither do we
    return [path for path in _decode_listing(stdout) if path and path[-1] != "/"]


def _decode_listing(data: bytes) -> list[str]:
    """NUL-separated paths as `os.fsdecode` gives each. In UTF-8 a NUL ends every invalid
    sequence before it, so one decode of the whole listing gives the same, faster."""
    if sys.getfilesystemencoding() == "utf-8":
        return os.fsdecode(data).split("\0")
    return [os.fsdecode(item) for item in data.split(b"\0")]
