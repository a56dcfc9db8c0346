"""The scan cache: what each unchanged file held last time, so a rerun reads no unchanged file.

One file per key under `.schema-lint-cache/` at the project root; the key covers the tool's
version, its own code, the grammar packages and every setting that changes what a scanner
extracts (`config.settings_digest`). An entry is trusted while the file's size and mtime are
unchanged. A file scanned within `RACY_NS` of its last modification also keeps a hash of its
bytes: a second write in the same timestamp tick would leave size and mtime as they were.

The cache can save work but never change a result: an unreadable, corrupt or foreign cache
file is ignored and rebuilt, and it is only unpickled through an allow-list of the model's
value classes, so a planted cache file cannot run code.
"""

from __future__ import annotations

import copyreg
import functools
import hashlib
import io
import os
import pickle
import time
from collections.abc import Callable, Collection, Sequence
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from schema_lint import __version__, diagnostics, model
from schema_lint.config import Settings, settings_digest
from schema_lint.model import FileScan

if TYPE_CHECKING:
    from schema_lint.discovery import SourceFile

DIRECTORY = ".schema-lint-cache"
FORMAT = 1
RACY_NS = 2_000_000_000
KEEP_FILES = 4  # scan caches of other keys (another config, an older version) kept around
KEEP_MEMOS = 8  # run results: the whole tree, and the last few pre-commit file sets
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by schema-lint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_GRAMMARS = (
    "tree_sitter",
    "tree_sitter_javascript",
    "tree_sitter_typescript",
    "tree_sitter_python",
)
_MODEL_CLASSES = frozenset(
    ("FileScan", "Occurrence", "Value", "Entry", "Problem", "Span", "Wrapper", "ClientExport")
)
_ALLOWED = {
    model.__name__: _MODEL_CLASSES,
    diagnostics.__name__: frozenset(("Diagnostic", "Fix", "Related", "Severity")),
}


class Stamp(NamedTuple):
    """What a stat says about a file: enough to tell it changed without reading it."""

    size: int
    mtime_ns: int


class _Record(NamedTuple):
    size: int
    mtime_ns: int
    digest: bytes | None  # only for files modified just before they were scanned
    scan: bytes | None  # the pickled FileScan; None for a file that held nothing


def stamp_of(path: str | os.PathLike[str]) -> Stamp:
    info = os.stat(path)
    return Stamp(info.st_size, info.st_mtime_ns)


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class _Unpickler(pickle.Unpickler):
    """Plain containers and the model's value classes; refuses every other global."""

    def find_class(self, module: str, name: str) -> type:
        if name in _ALLOWED.get(module, ()):
            cls: type = getattr(model if module == model.__name__ else diagnostics, name)
            return cls
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")


def _loads(data: bytes) -> object:
    return _Unpickler(io.BytesIO(data)).load()


def _register_reducers() -> None:
    """Pickle the cached values as constructor calls.

    The default for slotted dataclasses rebuilds each object through a Python-level
    `__setstate__`, which made loading a warm cache or a worker's results far slower.
    """
    for module, names in ((model, _MODEL_CLASSES), (diagnostics, _ALLOWED[diagnostics.__name__])):
        for name in names:
            cls = getattr(module, name)
            if hasattr(cls, "__dataclass_fields__"):  # not Span (a tuple) nor Severity (an enum)
                copyreg.pickle(cls, _reducer(cls, attrgetter(*cls.__dataclass_fields__)))


def _reducer(
    cls: type, fields: Callable[[Any], tuple[object, ...]]
) -> Callable[[Any], tuple[type, tuple[object, ...]]]:
    def reduce(obj: Any) -> tuple[type, tuple[object, ...]]:
        return cls, fields(obj)

    return reduce


_register_reducers()


def encode(scan: FileScan) -> bytes | None:
    """A scan as bytes for the cache or a worker's reply; None for a file that held nothing."""
    if scan == FileScan(scan.path):
        return None
    return pickle.dumps(scan, pickle.HIGHEST_PROTOCOL)


def decode(path: str, blob: bytes | None) -> FileScan | None:
    """The scan `encode` gave, or None when the bytes are not a scan of `path`."""
    if blob is None:
        return FileScan(path)
    try:
        scan = _loads(blob)
    except Exception:
        return None
    return scan if isinstance(scan, FileScan) and scan.path == path else None


class ScanCache:
    """Entries read at start; `put` records this run's scans; `save` writes them back."""

    def __init__(self, root: Path, key: str, records: dict[str, _Record]) -> None:
        self.root = root
        self.directory = root / DIRECTORY
        self.path = self.directory / f"v{FORMAT}-{key}.pickle"
        self._old = records
        self._new: dict[str, _Record] = {}
        self._dirty = False

    @classmethod
    def load(cls, settings: Settings) -> ScanCache:
        key = cache_key(settings)
        cache = cls(settings.root, key, {})
        try:
            data = cache.path.read_bytes()
        except OSError:
            return cache
        try:
            stored = _loads(data)
        except Exception:  # corrupt, truncated or foreign: start afresh
            return cache
        if isinstance(stored, dict) and stored.get("format") == FORMAT:
            records = stored.get("records")
            if isinstance(records, dict):
                cache._old = records
        return cache

    # -- lookups ----------------------------------------------------------------------------

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
        scan = decode(path, record.scan)
        if scan is None:
            return None
        self._new[path] = record
        return scan

    @staticmethod
    def racy_digest(stamp: Stamp, data: bytes, now_ns: int) -> bytes | None:
        """The digest to keep beside a stamp that cannot be trusted alone, else None."""
        return digest(data) if now_ns - stamp.mtime_ns < RACY_NS else None

    def put(self, path: str, stamp: Stamp, blob: bytes | None, content: bytes | None) -> None:
        """Record a scan, as `encode` gave it, of a file read after `stamp` was taken;
        `content` is what `racy_digest` gave for the bytes read."""
        self._new[path] = _Record(stamp.size, stamp.mtime_ns, content, blob)
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
        payload = {"format": FORMAT, "records": {p: tuple(r) for p, r in records.items()}}
        try:
            prepare_directory(self.directory)
            _write_atomic(self.path, pickle.dumps(payload, pickle.HIGHEST_PROTOCOL))
            self._prune_other_keys()
        except OSError:
            pass  # a read-only checkout or a full disk must not fail the lint

    def _prune_other_keys(self) -> None:
        _prune(self.directory, "v*-*.pickle", self.path, KEEP_FILES)


def _prune(directory: Path, pattern: str, current: Path, keep: int) -> None:
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


class RunMemo:
    """The outcome of the last run over exactly the same inputs, so a rerun over an unchanged
    tree skips flattening and the rules too (they compare keys across files, so no per-file
    cache can spare them).

    The inputs are the cache key, every setting, what the caller adds (options, lockfile
    contents) and each file's path, kind and stamp. A run in which a file was modified
    within `RACY_NS` leaves no memo: its stamp could still hide a second write.
    """

    def __init__(self, path: Path, fingerprint: bytes, storable: bool) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.storable = storable

    @classmethod
    def open(cls, settings: Settings, files: Sequence[SourceFile], extra: object) -> RunMemo | None:
        """The memo slot for this run, stamped from the listing's stat."""
        now_ns = time.time_ns()
        inputs = hashlib.blake2b(digest_size=16)
        stamps = hashlib.blake2b(digest_size=16)
        storable = True
        for text in (cache_key(settings), repr(settings), repr(extra)):
            inputs.update(text.encode() + b"\0")
        for file in files:
            stamp = Stamp(file.size, file.mtime_ns)
            storable = storable and now_ns - stamp.mtime_ns >= RACY_NS
            inputs.update(f"{file.path}\0{file.language}\0{file.example:d}\0".encode())
            stamps.update(f"{stamp.size}:{stamp.mtime_ns}\0".encode())
        path = settings.root / DIRECTORY / f"run-{inputs.hexdigest()}.pickle"
        return cls(path, stamps.digest(), storable)

    def get(self) -> object | None:
        try:
            stored = _loads(self.path.read_bytes())
        except Exception:  # missing, corrupt or foreign
            return None
        if (
            isinstance(stored, tuple)
            and len(stored) == 3
            and stored[:2]
            == (
                FORMAT,
                self.fingerprint,
            )
        ):
            outcome: object = stored[2]
            return outcome
        return None

    def put(self, outcome: object) -> None:
        if not self.storable:
            return
        try:
            data = pickle.dumps((FORMAT, self.fingerprint, outcome), pickle.HIGHEST_PROTOCOL)
            prepare_directory(self.path.parent)
            _write_atomic(self.path, data)
            _prune(self.path.parent, "run-*.pickle", self.path, KEEP_MEMOS)
        except (OSError, pickle.PicklingError):
            pass  # the memo only saves time


def prepare_directory(directory: Path) -> None:
    """The cache folder, kept out of git by its own .gitignore and tagged for backup tools."""
    directory.mkdir(exist_ok=True)
    for name, text in (
        (".gitignore", "# created by schema-lint\n*\n"),
        ("CACHEDIR.TAG", CACHEDIR_TAG),
    ):
        target = directory / name
        if not target.exists():
            target.write_text(text, encoding="utf-8")


def _write_atomic(path: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never a part of either."""
    import tempfile

    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)  # mkstemp's 0600, not what a plain open() would give
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cache_key(settings: Settings) -> str:
    """Tool version, tool code, grammar packages and extraction settings, as one short hash."""
    parts = [__version__, settings_digest(settings), *_code_stamps()]
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=12).hexdigest()


@functools.cache
def _code_stamps() -> tuple[str, ...]:
    """Sizes and mtimes of this package's modules and of the grammars, without importing them.

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
    for name in _GRAMMARS:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if origin:
            info = os.stat(origin)
            stamps.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return tuple(stamps)
