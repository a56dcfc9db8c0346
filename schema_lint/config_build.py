"""A config's mapping, checked against the config's JSON Schema, built into one `Settings`;
`ConfigError` messages name the file and the key."""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schema_lint.extends import parse_sources, parse_ttl
from schema_lint.presets import PRESETS
from schema_lint.settings import (
    DEFAULT_EXCLUDE,
    DEFAULT_LOCKFILE,
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_PRESETS,
    DEFAULT_TTL,
    Settings,
)
from schema_lint.signatures import SignatureError, parse

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import _Error

_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmg]i?b|b)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
_SAID_AS_IS = ("required", "additionalProperties")
_BARE_KEY = re.compile(r"^[A-Za-z_][\w-]*$")


class ConfigError(Exception):
    """A broken config: the CLI prints it as one line and exits 2."""


@dataclass(frozen=True)
class Source:
    """Where config values came from, for error messages."""

    display: str
    prefix: str  # "tool.schema-lint" in pyproject.toml, so the key path can be found there

    def error(self, parts: Sequence[Hashable], message: str) -> ConfigError:
        key = self.prefix
        for part in parts:
            if isinstance(part, int):
                key += f"[{part}]"
            else:
                name = str(part) if _BARE_KEY.match(str(part)) else json.dumps(str(part))
                key += f".{name}" if key else name
        message = " ".join(message.split())  # the CLI promises one line
        return ConfigError(f"{self.display}: {key + ': ' if key else ''}{message}")


@functools.cache
def _validator() -> Draft202012Validator:
    import jsonschema  # slow to import: only for a config that may not be valid

    from schema_lint.quick_schema import shipped

    return jsonschema.Draft202012Validator(shipped("config"))


def validate(data: object, source: Source) -> None:
    from schema_lint.quick_schema import holds, shipped

    if holds(shipped("config"), data):
        return
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(data))
    if error is None:
        return
    parts: list[Hashable] = list(error.absolute_path)
    message = error.message
    # x-expected, on the schema of the failing value or an anyOf/oneOf around it, reads better
    # than "is not valid under any of the given schemas" or a raw regex; a missing or unknown
    # key inside a mapping is clearer said as it is
    node: _Error | None = error if error.validator not in _SAID_AS_IS else None
    while node is not None and node.absolute_path == error.absolute_path:
        if isinstance(node.schema, dict) and "x-expected" in node.schema:
            message = f"expected {node.schema['x-expected']}, got {error.instance!r}"
            break
        node = node.parent
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        unknown = sorted(str(key) for key in error.instance if key not in known)
        parts.append(unknown[0])
        import difflib  # only for a mistake

        close = difflib.get_close_matches(unknown[0], known, n=1)
        message = "unknown key" + (f" (did you mean {close[0]!r}?)" if close else "")
    raise source.error(parts, message)


def build(data: dict[str, Any], root: Path, config_path: Path | None, source: Source) -> Settings:
    presets = tuple(data.get("presets", DEFAULT_PRESETS))
    signatures = [signature for name in presets for signature in PRESETS[name]]
    for index, item in enumerate(data.get("calls", ())):
        call = {"call": item} if isinstance(item, str) else item
        try:
            signature = parse(call["call"], call.get("namespace", "events"), call.get("language"))
        except SignatureError as exc:
            raise source.error(["calls", index], str(exc)) from None
        signatures.append(signature)
    return Settings(
        root=root,
        config_path=config_path,
        lockfile=Path(os.path.normpath(root / data.get("lockfile", DEFAULT_LOCKFILE))),
        presets=presets,
        signatures=tuple(dict.fromkeys(signatures)),
        examples=tuple(data.get("examples", ())),
        include=tuple(data.get("include", ())),
        exclude=tuple(data.get("exclude", DEFAULT_EXCLUDE)),
        extend_exclude=tuple(data.get("extend-exclude", ())),
        max_file_size=_size(data.get("max-file-size", DEFAULT_MAX_FILE_SIZE), source),
        select=_codes(data["select"], ["select"], source) if "select" in data else None,
        ignore=_codes(data.get("ignore", ()), ["ignore"], source),
        per_file_ignores=tuple(
            (glob, _codes(codes, ["per-file-ignores", glob], source))
            for glob, codes in data.get("per-file-ignores", {}).items()
        ),
        numbers=data.get("numbers", "json"),
        wrappers=data.get("wrappers", True),
        extends=parse_sources(data.get("extends", ())),
        extends_ttl=parse_ttl(data.get("extends-ttl", DEFAULT_TTL)),
    )


def _codes(selectors: Sequence[str], parts: list[Hashable], source: Source) -> tuple[str, ...]:
    """Rule selectors as the codes they stand for; one that matches no rule is an error."""
    if not selectors:
        return ()
    from schema_lint.rules import SelectorError, resolve

    codes: dict[str, None] = {}
    for index, selector in enumerate(selectors):
        try:
            codes.update(dict.fromkeys(resolve(selector)))
        except SelectorError as exc:
            raise source.error([*parts, index], str(exc)) from None
    return tuple(codes)


def _size(value: float | str, source: Source) -> int:
    if not isinstance(value, str):
        return int(value)  # the schema let through only whole numbers, 2.0 among them
    found = _SIZE.match(value)
    assert found is not None  # the schema's pattern already checked it
    size = int(float(found[1]) * _UNITS[(found[2] or "b").lower()])
    if size < 1:
        raise source.error(["max-file-size"], f"{value!r} is less than 1 byte")
    return size
