"""The scan cache: what each unchanged file held last time, so a rerun reads no unchanged file.

One file per key under `.schema-lint-cache/` at the project root; the key covers the tool's
version, its own code, the grammar packages and every setting that changes what a scanner
extracts (`settings_digest`). An entry is trusted while the file's size and mtime are
unchanged. A file scanned within `RACY_NS` of its last modification also keeps a hash of its
bytes: a second write in the same timestamp tick would leave size and mtime as they were.

The cache can save work but never change a result: an unreadable, corrupt or foreign cache
file is ignored and rebuilt, and it is only unpickled through `codec`'s allow-list, so a
planted cache file cannot run code. The run memo (`memo.py`) shares the key and the folder.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from schema_lint import __version__
from schema_lint.codec import decode, dumps, encode, loads
from schema_lint.files import DIRECTORY, atomic_write, prepare_directory
from schema_lint.languages import GRAMMAR_MODULES
from schema_lint.model import FileScan

if TYPE_CHECKING:
    from schema_lint.settings import Settings

try:  # hashlib loads OpenSSL as it is imported (2 ms of a warm run), for algorithms not used here
    from _blake2 import blake2b as blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b as blake2b

FORMAT = 2  # 2: FileScan.imports
RACY_NS = 2_000_000_000
KEEP_FILES = 4  # scan caches of other keys (another config, an older version) kept around
_GRAMMARS = ("tree_sitter", *GRAMMAR_MODULES)


class Stamp(NamedTuple):
    """What a stat says about a file: enough to tell it changed without reading it."""

    size: int
    mtime_ns: int


class _Record(NamedTuple):
    size: int
    mtime_ns: int
    digest: bytes | None  # only for files modified just before they were scanned
    # the pickled FileScan; None for a file that held nothing; a FileScan made by this run,
    # encoded only when saved (possibly in another process: schema_lint.forked)
    scan: bytes | FileScan | None


def _stored(record: tuple[object, ...]) -> tuple[object, ...]:
    """A record as written: this run's (a _Record), or one kept as it was read (a tuple)."""
    if isinstance(record[-1], FileScan):
        return (*record[:-1], encode(record[-1]))
    return tuple(record)


def stamp_of(path: str | os.PathLike[str]) -> Stamp:
    info = os.stat(path)
    return Stamp(info.st_size, info.st_mtime_ns)


def digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


class ScanCache:
    """Entries read at start; `put` records this run's scans; `save` writes them back."""

    def __init__(self, root: Path, key: str, records: dict[str, _Record]) -> None:
        self.root = root
        self.directory = root / DIRECTORY
        self.path = self.location(root, key)
        self._old = records
        self._new: dict[str, _Record] = {}
        self._dirty = False

    @classmethod
    def load(cls, settings: Settings) -> ScanCache:
        cache = cls(settings.root, cache_key(settings), {})
        try:
            data = cache.path.read_bytes()
        except OSError:
            return cache
        try:
            stored = loads(data)
        except Exception:  # corrupt, truncated or foreign: start afresh
            return cache
        if isinstance(stored, dict) and stored.get("format") == FORMAT:
            records = stored.get("records")
            if isinstance(records, dict):
                cache._old = records
        return cache

    @staticmethod
    def location(root: Path, key: str) -> Path:
        return root / DIRECTORY / f"v{FORMAT}-{key}.pickle"

    @staticmethod
    def exists(settings: Settings) -> bool:
        """Whether scans are cached for `settings` (without reading them)."""
        return ScanCache.location(settings.root, cache_key(settings)).is_file()

    # -- lookups ----------------------------------------------------------------------------

    @property
    def empty(self) -> bool:
        """Nothing was cached before (a first run): no file needs looking up."""
        return not self._old

    def _record(self, path: str, stamp: Stamp) -> _Record | None:
        record = self._old.get(path)
        if (
            not isinstance(record, tuple)
            or len(record) != 4
            or record[0] != stamp.size
            or record[1] != stamp.mtime_ns
        ):
            return None
        return _Record(*record)

    def needs_content(self, path: str, stamp: Stamp) -> bool:
        """True when the entry can only be trusted after comparing the file's bytes."""
        record = self._record(path, stamp)
        return record is not None and record.digest is not None

    def get(self, path: str, stamp: Stamp, data: bytes | None, now_ns: int) -> FileScan | None:
        """The cached scan of an unchanged file, else None (and the caller scans it).

        `data` is the file's bytes when `needs_content` asked for them.
        """
        record = self._record(path, stamp)
        if record is None:
            return None
        if record.digest is not None:
            if data is None or digest(data) != record.digest:
                return None
            if now_ns - stamp.mtime_ns >= RACY_NS:
                record = record._replace(digest=None)  # settled: next time a stat is enough
                self._dirty = True
        blob = record.scan  # as read from the cache file: a FileScan there is foreign
        scan = None if isinstance(blob, FileScan) else decode(path, blob)
        if scan is None:
            return None
        self._new[path] = record
        return scan

    @staticmethod
    def racy_digest(mtime_ns: int, data: bytes, now_ns: int) -> bytes | None:
        """The digest to keep beside a stamp (of this mtime) that cannot be trusted alone,
        else None."""
        return digest(data) if now_ns - mtime_ns < RACY_NS else None

    def put(
        self, path: str, stamp: Stamp, scan: bytes | FileScan | None, content: bytes | None
    ) -> None:
        """Record a scan (as `encode` gave it, or to be encoded when saved) of a file read
        after `stamp` was taken; `content` is what `racy_digest` gave for the bytes read."""
        self._new[path] = _Record(stamp.size, stamp.mtime_ns, content, scan)
        self._dirty = True

    # -- writing ----------------------------------------------------------------------------

    def save(self, scanned: Collection[str]) -> None:
        """Write this run's entries, keeping those of files outside the run that still exist."""
        gone = [path for path in self._old if path not in self._new]
        if not self._dirty and not any(path in scanned for path in gone):
            return
        records = dict(self._new)
        root = str(self.root)  # plain strings: a Path per entry cost more than the stat
        for path in gone:
            if path not in scanned and os.path.isfile(f"{root}/{path}"):
                records[path] = self._old[path]
        payload = {"format": FORMAT, "records": {p: _stored(r) for p, r in records.items()}}
        try:
            prepare_directory(self.directory)
            atomic_write(self.path, dumps(payload))
            prune(self.directory, "v*-*.pickle", self.path, KEEP_FILES)
        except OSError:
            pass  # a read-only checkout or a full disk must not fail the lint


def prune(directory: Path, pattern: str, current: Path, keep: int) -> None:
    """Delete all but the `keep` most recently written files matching `pattern`."""
    others = []
    for path in directory.glob(pattern):
        if path != current:
            try:
                others.append((path.stat().st_mtime_ns, path))
            except OSError:
                continue
    for _, stale in sorted(others, reverse=True)[keep - 1 :]:
        stale.unlink(missing_ok=True)


def cache_key(settings: Settings) -> str:
    """Tool version, tool code, grammar packages and extraction settings, as one short hash."""
    parts = [__version__, settings_digest(settings), *code_stamps()]
    return blake2b("\0".join(parts).encode(), digest_size=12).hexdigest()


@functools.cache
def code_stamps() -> tuple[str, ...]:
    """Sizes and mtimes of this package's modules, of the grammars and of PyYAML (what the
    config and the lockfile parse to, see verdicts.py), without importing them.

    A version number alone misses an editable install being worked on, or a grammar package
    upgraded under the same schema-lint version; either can change what a run returns.
    """
    from importlib.util import find_spec

    stamps = []
    package = Path(__file__).parent
    for folder, dirs, names in os.walk(package):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in names:
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                stamps.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    stamps.sort()
    for name in (*_GRAMMARS, "yaml"):
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if origin:
            info = os.stat(origin)
            stamps.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return tuple(stamps)


def settings_digest(settings: Settings) -> str:
    """A cache key over every setting that changes what the scanners extract from a file."""
    payload = {
        "signatures": [
            [sig.text, sig.namespace, sig.language, list(sig.clients)]
            for sig in settings.signatures
        ],
        "wrappers": settings.wrappers,
        "examples": list(settings.examples),
        "numbers": settings.numbers,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return blake2b(canonical.encode("utf-8"), digest_size=32).hexdigest()
