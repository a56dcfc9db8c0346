"""The lockfile: the committed mirror of the remote schema, one `key: type` line per key.

It is append-only, validated on every load, and written atomically under a lock on its
directory, so concurrent runs (pre-commit in several worktrees, parallel CI jobs) lose no key.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from schema_lint import typing_
from schema_lint.files import atomic_write
from schema_lint.lockfile_parse import VERSION, parse
from schema_lint.lockfile_parse import LockfileError as LockfileError
from schema_lint.model import NAMESPACES
from schema_lint.strings import SURROGATE

if TYPE_CHECKING:
    from schema_lint.verdicts import Verdicts

if sys.platform != "win32":
    import fcntl

HEADER = (
    "# schema-lint lockfile. Keys are never removed: the remote schema keeps a key's first type."
)

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_YAML11_WORDS = frozenset(("y", "n", "yes", "no", "true", "false", "on", "off", "null"))
# Beyond what JSON escapes: characters YAML rejects and the ones it reads as line breaks.
_MUST_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_MAX_SIMPLE_KEY = 1000  # YAML caps an implicit key at 1024 characters


@dataclass(frozen=True)
class Lock:
    types: Mapping[str, Mapping[str, str]]
    exists: bool
    # keys that come from an extended lockfile (`extends`): the file that locks them
    origins: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def get(self, namespace: str, key: str) -> str | None:
        return self.types.get(namespace, {}).get(key)

    def origin(self, namespace: str, key: str, default: str) -> str:
        """The lockfile that locks a key: an extended one, else `default` (the local one)."""
        return self.origins.get(namespace, {}).get(key, default)


def load(path: Path, display: str | None = None, verdicts: Verdicts | None = None) -> Lock:
    """Read and validate the lockfile; a missing one reads as empty. `display` names it.

    `verdicts` may vouch that these exact bytes passed the JSON Schema before; the other
    checks (conflict markers, anchors, duplicates, types) always run."""
    name = str(path) if display is None else display
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Lock({}, exists=False)
    except OSError as exc:
        raise LockfileError(f"{name}: cannot read: {exc.strerror}") from None
    return Lock(parse(data, name, verdicts), exists=True)


def loads(data: bytes, name: str) -> Lock:
    """A lockfile read from elsewhere than the file system (a git commit), checked the same."""
    return Lock(parse(data, name), exists=True)


def dumps(types: Mapping[str, Mapping[str, str]]) -> str:
    """The lockfile text: byte-stable, so that only added keys ever show in a diff."""
    _check(types)
    out = [HEADER, f"version: {VERSION}"]
    for namespace in sorted(ns for ns, keys in types.items() if keys):
        out.append(f"{namespace}:")
        out.extend(entry(key, type_) for key, type_ in sorted(types[namespace].items()))
    return "\n".join(out) + "\n"


def entry(key: str, type_: str) -> str:
    """The line (two for a very long key) that locks one key inside its namespace."""
    quoted = _quote(key)
    long = len(quoted) > _MAX_SIMPLE_KEY
    return f"  ? {quoted}\n  : {type_}" if long else f"  {quoted}: {type_}"


def update(
    path: Path,
    additions: Mapping[str, Mapping[str, str]],
    display: str | None = None,
    create: bool = False,
) -> dict[str, dict[str, str]]:
    """Add the keys that are not locked yet and return them; never change or remove one.

    The current file is re-read under the lock, since another run may have written it since
    this one loaded it. When nothing is new the file is left alone, not even rewritten; with
    `create`, a missing file is still written (empty), so `--frozen` has a lockfile to read.
    """
    name = str(path) if display is None else display
    _check(additions)
    target = Path(os.path.realpath(path))  # write through a symlinked lockfile, not over it
    try:
        with _locked(target.parent) as dir_fd:
            _remove_stale_temps(target)
            current = load(target, name)
            added: dict[str, dict[str, str]] = {}
            for namespace, keys in additions.items():
                if new := {k: t for k, t in keys.items() if current.get(namespace, k) is None}:
                    added[namespace] = new
            if added or (create and not current.exists):
                merged = {ns: {**current.types.get(ns, {}), **added.get(ns, {})} for ns in added}
                _write(target, dumps({**current.types, **merged}), dir_fd)
            return added
    except OSError as exc:
        raise LockfileError(f"{name}: cannot write: {exc.strerror}") from None


def _check(types: Mapping[str, Mapping[str, str]]) -> None:
    for namespace, keys in types.items():
        if namespace not in NAMESPACES:
            raise ValueError(f"unknown namespace {namespace!r}")
        for key, type_ in keys.items():
            if not typing_.is_valid(type_):
                raise ValueError(f"invalid type {type_!r} for key {key!r}")
            if SURROGATE.search(key):
                raise ValueError(f"key {key!r} holds a lone surrogate, which YAML cannot store")


def _quote(key: str) -> str:
    if _PLAIN_KEY.fullmatch(key) and key.lower() not in _YAML11_WORDS:
        return key
    # A JSON string is a YAML double-quoted scalar once YAML's extra non-printables are escaped.
    return _MUST_ESCAPE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(key, ensure_ascii=False))


@contextmanager
def _locked(directory: Path) -> Iterator[int | None]:
    """An exclusive flock on the directory itself, so no lock file is left in the repository."""
    if sys.platform == "win32":
        yield None
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)  # closing releases the lock


def _remove_stale_temps(path: Path) -> None:
    """Leftovers of killed writers (`files.temporary_name`): only a writer holding the lock
    creates a temp file."""
    if sys.platform == "win32":
        return  # os.kill(pid, 0) would terminate the process there
    pattern = re.compile(re.escape(f".{path.name}.") + r"(\d+)\.tmp")
    for entry in os.listdir(path.parent):
        if match := pattern.fullmatch(entry):
            try:
                os.kill(int(match[1]), 0)
            except (ProcessLookupError, OverflowError):
                with suppress(FileNotFoundError):
                    os.unlink(path.parent / entry)
            except PermissionError:
                pass  # alive, owned by another user


def _write(path: Path, text: str, dir_fd: int | None) -> None:
    atomic_write(path, text.encode("utf-8"), durable=True)
    if dir_fd is not None:
        with suppress(OSError):  # makes the rename durable; not every platform allows it
            os.fsync(dir_fd)
