"""Exact inputs this version of schema-lint has already found valid against its JSON Schemas.

Importing jsonschema takes about 40 ms, more than a warm run spends linting, so a config or
lockfile whose exact content this very version already validated is not validated again.
Only valid inputs are recorded: a broken file is always checked and reported. The markers
live in the cache folder; `--no-cache` passes no folder, and then everything is validated.
"""

from __future__ import annotations

import hashlib
from contextlib import suppress
from pathlib import Path

from schema_lint import __version__
from schema_lint.files import DIRECTORY, prepare_directory


class Verdicts:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory

    def _marker(self, kind: str, data: bytes) -> Path | None:
        if self.directory is None:
            return None
        key = hashlib.blake2b(digest_size=16)
        for part in (__version__.encode(), kind.encode(), data):
            key.update(part + b"\0")
        return self.directory / f"valid-{kind}-{key.hexdigest()}"

    def known(self, kind: str, data: bytes) -> bool:
        marker = self._marker(kind, data)
        return marker is not None and marker.exists()

    def record(self, kind: str, data: bytes) -> None:
        marker = self._marker(kind, data)
        if marker is None:
            return
        with suppress(OSError):  # a marker only saves time
            prepare_directory(marker.parent)
            for stale in marker.parent.glob(f"valid-{kind}-*"):
                stale.unlink(missing_ok=True)  # one per kind: a lockfile changes with every key
            marker.touch()


def for_root(root: Path, use_cache: bool) -> Verdicts:
    return Verdicts(root / DIRECTORY if use_cache else None)
