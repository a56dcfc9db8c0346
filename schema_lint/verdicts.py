"""Exact inputs this version of schema-lint has already found valid against its JSON Schemas,
and what they parsed to.

Importing jsonschema takes about 40 ms, more than a warm run spends linting, so a config or
lockfile whose exact content this very version already validated is not validated again.
Only valid inputs are recorded: a broken file is always checked and reported. Likewise
importing PyYAML takes about 8 ms, so what a config or lockfile parsed to is kept by its exact
bytes: parsing is a function of the bytes, this package's code and PyYAML's, and the key
covers all three (`cache.code_stamps`). Only a parse's value is kept, never an error, and it
is read back through `codec`'s allow-list, so a planted file cannot run code. The files live
in the cache folder; `--no-cache` passes no folder, and then everything is parsed and validated.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from schema_lint import __version__
from schema_lint.cache import blake2b, code_stamps, prune
from schema_lint.codec import dumps, loads
from schema_lint.files import DIRECTORY, atomic_write, prepare_directory

KEEP_PARSED = 4


class Verdicts:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory

    def _marker(self, kind: str, data: bytes) -> Path | None:
        if self.directory is None:
            return None
        key = blake2b(digest_size=16)
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

    def parsed(self, kind: str, data: bytes) -> object | None:
        """What `data` parsed to when `keep_parsed` was last given it; None if it was not."""
        path = self._parsed_path(kind, data)
        if path is None:
            return None
        try:
            return loads(path.read_bytes())
        except Exception:  # missing, corrupt or planted
            return None

    def keep_parsed(self, kind: str, data: bytes, value: object) -> None:
        path = self._parsed_path(kind, data)
        if path is None:
            return
        try:
            blob = dumps(value)
            loads(blob)  # only what reads back (a YAML date is not on the allow-list)
        except Exception:
            return
        with suppress(OSError):  # it only saves time
            prepare_directory(path.parent)
            atomic_write(path, blob)
            # a few per kind: two installs of schema-lint (pre-commit's, the project's) would
            # otherwise parse in turn
            prune(path.parent, f"parsed-{kind}-*.pickle", path, KEEP_PARSED)

    def _parsed_path(self, kind: str, data: bytes) -> Path | None:
        if self.directory is None:
            return None
        key = blake2b(digest_size=16)
        for part in (*code_stamps(), kind):
            key.update(part.encode() + b"\0")
        key.update(data)
        return self.directory / f"parsed-{kind}-{key.hexdigest()}.pickle"


def for_root(root: Path, use_cache: bool) -> Verdicts:
    return Verdicts(root / DIRECTORY if use_cache else None)
