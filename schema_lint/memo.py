"""The run memo: the outcome of the last run over exactly the same inputs, so a rerun over an
unchanged tree skips flattening and the rules too (they compare keys across files, so no
per-file cache can spare them).

The inputs are the cache key, every setting, what the caller adds (options, lockfile
contents) and each file's path, kind and stamp. A run in which a file was modified within
`RACY_NS` leaves no memo: its stamp could still hide a second write.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from schema_lint.cache import FORMAT, RACY_NS, blake2b, cache_key, prune
from schema_lint.codec import dumps, loads
from schema_lint.diagnostics import Diagnostic
from schema_lint.files import DIRECTORY, atomic_write, prepare_directory

if TYPE_CHECKING:
    from schema_lint.discovery import SourceFile
    from schema_lint.settings import Settings

KEEP_MEMOS = 8  # run results: the whole tree, and the last few pre-commit file sets

Additions = dict[str, dict[str, str]]  # namespace -> key -> type


class Outcome(NamedTuple):
    """What a run found, before any file is written: all a rerun needs to answer again."""

    diagnostics: list[Diagnostic]
    new_keys: Additions
    unlockable: tuple[tuple[str, str], ...]


class RunMemo:
    def __init__(self, path: Path, fingerprint: bytes, storable: bool) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.storable = storable

    @classmethod
    def open(cls, settings: Settings, files: Sequence[SourceFile], extra: object) -> RunMemo:
        """The memo slot for this run, stamped from the listing's stat."""
        now_ns = time.time_ns()
        inputs = blake2b(digest_size=16)
        for text in (cache_key(settings), repr(settings), repr(extra)):
            inputs.update(text.encode() + b"\0")
        # one column at a time, each joined at once: a few updates per file cost more than
        # hashing; no path holds a NUL, so with the count first the columns stay apart
        paths = [file.path for file in files]
        languages = [file.language for file in files]
        examples = ["1" if file.example else "0" for file in files]
        inputs.update("\0".join([str(len(files)), *paths, *languages, *examples]).encode())
        mtimes = [file.mtime_ns for file in files]
        stamps = repr(([file.size for file in files], mtimes)).encode()
        storable = not mtimes or now_ns - max(mtimes) >= RACY_NS
        path = settings.root / DIRECTORY / f"run-{inputs.hexdigest()}.pickle"
        return cls(path, blake2b(stamps, digest_size=16).digest(), storable)

    def get(self) -> Outcome | None:
        """The stored outcome; None when there is none, or it is corrupt, foreign or stale."""
        try:
            stored = loads(self.path.read_bytes())
        except Exception:  # missing, corrupt or foreign
            return None
        if not (isinstance(stored, tuple) and len(stored) == 3):
            return None
        format_, fingerprint, fields = stored
        if (format_, fingerprint) != (FORMAT, self.fingerprint):
            return None
        return _outcome(fields)

    def put(self, outcome: Outcome) -> None:
        if not self.storable:
            return
        try:
            # a plain tuple: the codec's allow-list holds the model's classes, not this one
            data = dumps((FORMAT, self.fingerprint, tuple(outcome)))
            prepare_directory(self.path.parent)
            atomic_write(self.path, data)
            prune(self.path.parent, "run-*.pickle", self.path, KEEP_MEMOS)
        except (OSError, pickle.PicklingError):
            pass  # the memo only saves time


def _outcome(fields: object) -> Outcome | None:
    if not (isinstance(fields, tuple) and len(fields) == len(Outcome._fields)):
        return None
    diagnostics, new_keys, unlockable = fields
    if not (
        isinstance(diagnostics, list)
        and all(isinstance(d, Diagnostic) for d in diagnostics)
        and isinstance(new_keys, dict)
        and isinstance(unlockable, tuple)
    ):
        return None
    return Outcome(diagnostics, new_keys, unlockable)
