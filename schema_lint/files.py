"""The files schema-lint writes: atomic replacement, and the cache folder.

A leaf module (the standard library only), so that the config, the lockfile, the fixes and
the caches can all write through it without importing one another.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

DIRECTORY = ".schema-lint-cache"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by schema-lint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_GITIGNORE = "# created by schema-lint\n*\n"


def temporary_name(path: Path, pid: int | None = None) -> Path:
    """Where `atomic_write` stages `path`: beside it, named after the writing process, so a
    leftover of a killed writer can be told from a live one (see lockfile)."""
    return path.with_name(f".{path.name}.{os.getpid() if pid is None else pid}.tmp")


def atomic_write(path: Path, data: bytes, durable: bool = False) -> None:
    """Replace `path` with `data`: readers see the old file or the new one, never a part.

    The new file keeps the mode of the one it replaces (an executable script stays
    executable); a new file gets what a plain open() would give under the umask. `durable`
    also flushes the bytes to disk before the rename.
    """
    temporary = temporary_name(path)
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    with suppress(FileNotFoundError):
        os.unlink(temporary)  # a leftover of a killed process that had this pid
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise


def prepare_directory(directory: Path) -> None:
    """The cache folder, kept out of git by its own .gitignore and tagged for backup tools."""
    directory.mkdir(exist_ok=True)
    for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
        target = directory / name
        if not target.exists():
            target.write_text(text, encoding="utf-8")
