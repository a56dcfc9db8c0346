"""Reading a lockfile: conflict markers, encoding, YAML without anchors or duplicate keys,
then the lockfile's JSON Schema and the types; every error names the file and the line.

PyYAML is imported by the functions that parse: bytes parsed before are not parsed again
(verdicts.py), and a warm run then needs no YAML parser.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from schema_lint import typing_
from schema_lint.model import NAMESPACES
from schema_lint.strings import shorten

if TYPE_CHECKING:
    import yaml

    from schema_lint.verdicts import Verdicts

VERSION = 1
_CONFLICT = re.compile(rb"(?:<{7}|={7}|>{7}|\|{7})(?: |\r?$)")
# what YAML cannot hold; compiled on first use, as compiling these ranges takes some 3 ms
_NOT_YAML = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_MAX_DEPTH = 3  # namespace, key, and one more so that a misplaced list gets a clear message
_STR_TAG = "tag:yaml.org,2002:str"


class LockfileError(Exception):
    """A lockfile that cannot be read or trusted: the CLI prints it as one line and exits 2."""


def _fail(name: str, line: int | None, what: str) -> LockfileError:
    return LockfileError(f"{name}:{line}: {what}" if line else f"{name}: {what}")


def parse(data: bytes, name: str, verdicts: Verdicts | None = None) -> dict[str, Any]:
    """The namespaces' `key: type` mappings. `verdicts` may know what these exact bytes parsed
    to (only bytes that passed every check are kept)."""
    if verdicts is not None and isinstance(found := verdicts.parsed("lockfile", data), dict):
        return found
    types = _parse(data, name, verdicts)
    if verdicts is not None:
        verdicts.keep_parsed("lockfile", data, types)
    return types


@cache
def _loader() -> Any:
    try:
        from yaml import CSafeLoader
    except ImportError:  # PyYAML built without libyaml
        from yaml import SafeLoader

        return SafeLoader
    return CSafeLoader


def _parse(data: bytes, name: str, verdicts: Verdicts | None) -> dict[str, Any]:
    for number, raw in enumerate(data.split(b"\n"), 1):
        if _CONFLICT.match(raw):
            raise _fail(name, number, "unresolved git conflict marker")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(name, data.count(b"\n", 0, exc.start) + 1, "not valid UTF-8") from None
    if bad := re.search(_NOT_YAML, text):
        line = text.count("\n", 0, bad.start()) + 1
        raise _fail(name, line, f"invalid YAML: character {bad[0]!r} is not allowed")
    import yaml

    loader = _loader()(text)
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
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=_loader()):
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
    import yaml

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
    from schema_lint.quick_schema import holds, shipped

    errors = []
    if not holds(shipped("lockfile"), document):  # the common case skips importing jsonschema
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
    import yaml

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
    import jsonschema  # slow to import: only for a lockfile that may not be valid

    from schema_lint.quick_schema import shipped

    return jsonschema.Draft202012Validator(shipped("lockfile"))
