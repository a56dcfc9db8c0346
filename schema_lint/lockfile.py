"""The lockfile: the committed mirror of the remote schema, one `key: type` line per key.

It is append-only, validated on every load, and written atomically under a lock on its
directory, so concurrent runs (pre-commit in several worktrees, parallel CI jobs) lose no key.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from schema_lint import typing_
from schema_lint.files import atomic_write
from schema_lint.model import NAMESPACES
from schema_lint.strings import SURROGATE, shorten

if TYPE_CHECKING:
    from schema_lint.verdicts import Verdicts

if sys.platform != "win32":
    import fcntl

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

VERSION = 1
HEADER = (
    "# schema-lint lockfile. Keys are never removed: the remote schema keeps a key's first type."
)

_CONFLICT = re.compile(rb"(?:<{7}|={7}|>{7}|\|{7})(?: |\r?$)")
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_YAML11_WORDS = frozenset(("y", "n", "yes", "no", "true", "false", "on", "off", "null"))
# Beyond what JSON escapes: characters YAML rejects and the ones it reads as line breaks.
_MUST_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_MAX_SIMPLE_KEY = 1000  # YAML caps an implicit key at 1024 characters
_MAX_DEPTH = 3  # namespace, key, and one more so that a misplaced list gets a clear message
_STR_TAG = "tag:yaml.org,2002:str"


class LockfileError(Exception):
    """A lockfile that cannot be read or trusted: the CLI prints it as one line and exits 2."""


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
    return Lock(_parse(data, name, verdicts), exists=True)


def loads(data: bytes, name: str) -> Lock:
    """A lockfile read from elsewhere than the file system (a git commit), checked the same."""
    return Lock(_parse(data, name), exists=True)


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


def _fail(name: str, line: int | None, what: str) -> LockfileError:
    return LockfileError(f"{name}:{line}: {what}" if line else f"{name}: {what}")


def _parse(data: bytes, name: str, verdicts: Verdicts | None = None) -> dict[str, Any]:
    for number, raw in enumerate(data.split(b"\n"), 1):
        if _CONFLICT.match(raw):
            raise _fail(name, number, "unresolved git conflict marker")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(name, data.count(b"\n", 0, exc.start) + 1, "not valid UTF-8") from None
    if bad := _NOT_YAML.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        raise _fail(name, line, f"invalid YAML: character {bad[0]!r} is not allowed")
    loader = _Loader(text)
    try:
        _check_events(text, name)
        root = loader.get_single_node()
        if root is None:
            return {}
        if not isinstance(root, yaml.MappingNode):
            raise _fail(name, root.start_mark.line + 1, "expected a mapping of namespaces")
        _check_keys(root, name)
        document: dict[str, Any] = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = _clip(", ".join(filter(None, (exc.context, exc.problem))), quote=False)
        raise _fail(name, mark.line + 1 if mark else None, f"invalid YAML: {what}") from None
    except yaml.YAMLError as exc:
        raise _fail(name, None, f"invalid YAML: {_clip(str(exc), quote=False)}") from None
    finally:
        loader.dispose()
    if verdicts is None or not verdicts.known("lockfile", data):
        _validate(document, root, name)
        if verdicts is not None:
            verdicts.record("lockfile", data)
    return {namespace: keys for namespace, keys in document.items() if namespace != "version"}


def _check_events(text: str, name: str) -> None:
    """Refuse anchors before anything is composed: an alias bomb must never expand."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _fail(name, line, "anchors and aliases (& and *) are not allowed in a lockfile")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                raise _fail(name, line, "nested too deeply: a lockfile holds `key: type` lines")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_keys(node: yaml.Node, name: str) -> None:
    """Keys must be unique strings: PyYAML would silently keep the last of two duplicates."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_keys(item, name)
    if not isinstance(node, yaml.MappingNode):
        return
    seen = set()
    for key, value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode):
            raise _fail(name, line, "a key must be a string, not a list or mapping")
        if key.tag != _STR_TAG:
            raise _fail(name, line, f"key {_clip(key.value)} is not a string: quote it")
        if key.value in seen:
            raise _fail(name, line, f"duplicate key {_clip(key.value)}")
        seen.add(key.value)
        _check_keys(value, name)


def _validate(document: dict[str, Any], root: yaml.MappingNode, name: str) -> None:
    errors = [_describe(error) for error in _validator().iter_errors(document)]
    if errors:
        # A newer format explains every other difference, so a wrong version comes first.
        path, what = min(errors, key=lambda e: (e[0][:1] != ["version"], _line(root, e[0]) or 0))
        raise _fail(name, _line(root, path), what)
    for namespace, keys in document.items():
        if namespace == "version":
            continue
        for key, type_ in keys.items():
            if not typing_.is_valid(type_):
                raise _fail(name, _line(root, [namespace, key]), f"unknown type {_clip(type_)}")


def _describe(error: Any) -> tuple[list[Any], str]:
    """The path of the offending key and a message for one jsonschema error."""
    path = list(error.absolute_path)
    if error.validator == "required":
        return ["version"], f"missing `version: {VERSION}`"
    if "propertyNames" in error.relative_schema_path:
        expected = ", ".join(NAMESPACES)
        return [error.instance], f"unknown namespace {_clip(error.instance)} (expected {expected})"
    if path == ["version"]:
        found = _clip(error.instance)
        return path, f"unsupported lockfile version {found} (this schema-lint reads version 1)"
    if len(path) == 1:
        return path, f"namespace {_clip(path[0])} must be a mapping of `key: type` lines"
    if len(path) == 2:
        found = _clip(error.instance)
        return path, f"type of key {_clip(path[1])} must be a string, not {found}"
    return path, _clip(error.message, quote=False)


def _line(root: yaml.MappingNode, path: Sequence[Any]) -> int | None:
    """The line of the key at `path`, or None when no such key is written in the file."""
    node: yaml.Node = root
    line = None
    for part in path:
        if not isinstance(node, yaml.MappingNode):
            return line
        found = [(key, value) for key, value in node.value if key.value == part]
        if not found:
            return line
        line, node = found[0][0].start_mark.line + 1, found[0][1]
    return line


def _clip(value: object, quote: bool = True) -> str:
    """Never echo unbounded file content; repr() keeps the message on one line."""
    if quote or not isinstance(value, str):
        text, limit = repr(value), 60
    else:
        text, limit = " ".join(value.split()), 120  # a parser's own message
    return shorten(text, limit, middle=False)


@cache
def _validator() -> Any:
    import jsonschema  # only loading an existing lockfile pays for the import

    source = resources.files("schema_lint") / "schemas" / "lockfile.schema.json"
    return jsonschema.Draft202012Validator(json.loads(source.read_text(encoding="utf-8")))


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
