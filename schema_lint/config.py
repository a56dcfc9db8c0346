"""Reading the config: discovery, validation (JSON Schema) into one frozen Settings, and the
one error type. The values themselves live in settings.py."""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
import tomllib
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from schema_lint.extends import parse_sources, parse_ttl
from schema_lint.presets import PRESETS

# the values config builds, named from here as well
from schema_lint.settings import DEFAULT_EXCLUDE as DEFAULT_EXCLUDE
from schema_lint.settings import (
    DEFAULT_LOCKFILE,
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_PRESETS,
    DEFAULT_TTL,
)
from schema_lint.settings import Group as Group
from schema_lint.settings import Settings as Settings
from schema_lint.signatures import SignatureError, parse

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import _Error

YAML_NAMES = (".schema-lint.yaml", ".schema-lint.yml")
PYPROJECT = "pyproject.toml"

_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmg]i?b|b)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}
_SAID_AS_IS = ("required", "additionalProperties")
_BARE_KEY = re.compile(r"^[A-Za-z_][\w-]*$")


class ConfigError(Exception):
    """A broken config: the CLI prints it as one line and exits 2."""


class PathError(ConfigError):
    """A path given on the command line that does not exist or that no config covers."""


@dataclass(frozen=True)
class _Source:
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


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe YAML that rejects a repeated key instead of silently keeping the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            if isinstance(key, str):
                seen.add(key)
        return super().construct_mapping(node, deep)


def load_settings(
    paths: Sequence[Path],
    config: Path | None = None,
    cwd: Path | None = None,
    use_cache: bool = False,
) -> Settings:
    """Find, read and validate the config that governs `paths`; all defaults when there is none."""
    cwd = (cwd or Path.cwd()).resolve()
    notes: list[str] = []
    if config is not None:
        # abspath, not resolve: a symlinked config must not move the project root
        given = Path(os.path.abspath(cwd / config))
        if not given.is_file():
            raise ConfigError(f"{config}: no such config file")
        config_path: Path | None = given
        data = _read(given, cwd, notes)
        root = given.parent
    else:
        config_path, data, git_root = _find(_start_dir(paths, cwd), cwd, notes)
        root = config_path.parent if config_path else git_root or cwd
    source = _source(config_path, cwd)
    if data:
        from schema_lint.verdicts import for_root

        verdicts = for_root(root, use_cache)
        canonical = json.dumps(data, sort_keys=True, default=str).encode()
        if not verdicts.known("config", canonical):
            _validate(data, source)
            verdicts.record("config", canonical)
    settings = _build(data or {}, root, config_path, source)
    return replace(settings, notes=tuple(notes)) if notes else settings


def load_groups(
    paths: Sequence[Path],
    config: Path | None = None,
    cwd: Path | None = None,
    use_cache: bool = False,
) -> tuple[Group, ...]:
    """The given paths grouped by the config that governs them: the nearest one above each path,
    as ruff does, so one run may span several project roots; `config` forces one for all."""
    cwd = (cwd or Path.cwd()).resolve()
    for path in paths:
        if not os.path.lexists(cwd / path):
            raise PathError(f"{path}: no such file or directory")
    if config is not None:
        settings = load_settings(paths, config, cwd, use_cache)
        _check_covered(settings, paths, config, cwd)
        return (Group(settings, tuple(paths)),)
    if not paths:
        return (Group(load_settings(paths, None, cwd, use_cache), ()),)
    found: dict[Path, tuple[Path | None, Path | None]] = {}
    by_root: dict[Path | None, list[Path]] = {}
    for path in paths:
        start = _start_dir([path], cwd)
        if start not in found:
            config_path, _, git_root = _find(start, cwd, [])
            found[start] = config_path, git_root
        config_path, git_root = found[start]
        by_root.setdefault(config_path or git_root, []).append(path)
    groups = [
        Group(load_settings(group, None, cwd, use_cache), tuple(group))
        for group in by_root.values()
    ]
    return tuple(sorted(groups, key=lambda g: str(g.settings.root)))


def display_base(groups: Sequence[Group], machine: bool, cwd: Path) -> Path:
    """Where printed paths start: the working directory for people (so a terminal opens them);
    for tools, the git repository root (GitHub resolves annotations from there), else the
    project root, or the folder the project roots share."""
    if not machine:
        return cwd.resolve()
    roots = [group.settings.root for group in groups]
    return repository_root(roots[0]) or Path(os.path.commonpath(roots))


def repository_root(start: Path) -> Path | None:
    """The folder of the git work tree holding `start` (a `.git` folder or file), if any."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _check_covered(settings: Settings, paths: Sequence[Path], config: Path, cwd: Path) -> None:
    """A --config whose project root holds none of the paths would silently lint nothing."""
    targets = [Path(os.path.abspath(cwd / path)) for path in paths] or [cwd]
    if not any(target.is_relative_to(settings.root) for target in targets):
        shown = ", ".join(str(path) for path in paths) or f"the working directory {cwd}"
        raise PathError(f"{config}: its project root {settings.root} holds none of {shown}")


def _start_dir(paths: Sequence[Path], cwd: Path) -> Path:
    if not paths:
        return cwd
    dirs = []
    for path in paths:
        full = (cwd / path).resolve()
        dirs.append(full if full.is_dir() else full.parent)
    return Path(os.path.commonpath(dirs))


def _find(
    start: Path, cwd: Path, notes: list[str]
) -> tuple[Path | None, dict[str, Any] | None, Path | None]:
    """Walk up to the repository root: (config file, its data, git root when no config)."""
    for folder in (start, *start.parents):
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return folder / name, _read(folder / name, cwd, notes), None
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and (data := _read(pyproject, cwd, notes)) is not None:
            return pyproject, data, None
        if (folder / ".git").exists():
            return None, None, folder
    return None, None, None


def _source(config_path: Path | None, cwd: Path) -> _Source:
    if config_path is None:
        return _Source("<defaults>", "")
    relative = config_path.is_relative_to(cwd)
    display = str(config_path.relative_to(cwd) if relative else config_path)
    return _Source(display, "tool.schema-lint" if config_path.suffix == ".toml" else "")


def _read(path: Path, cwd: Path, notes: list[str]) -> dict[str, Any] | None:
    """The config mapping; None for a pyproject.toml without a [tool.schema-lint] table."""
    source = _source(path, cwd)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise source.error((), f"cannot read: {exc}") from None
    if path.suffix == ".toml":
        try:
            tool = tomllib.loads(text).get("tool")
            tool = tool if isinstance(tool, dict) else {}
            table = tool.get("schema-lint")
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            where = f":{found[1]}:{found[2]}" if found else ""
            raise ConfigError(f"{source.display}{where}: invalid TOML: {exc}") from None
        if table is None and "schema_lint" in tool:
            # the package imports as schema_lint, so this spelling is an easy slip
            notes.append(
                f"{source.display}: [tool.schema_lint] is not read: "
                "did you mean [tool.schema-lint]?"
            )
    else:
        try:
            table = yaml.load(text, Loader=_UniqueKeyLoader)
            if table is None:
                return {}  # an empty file: all defaults
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
            problem = exc.problem or exc.context
            raise ConfigError(f"{source.display}{where}: invalid YAML: {problem}") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"{source.display}: invalid YAML: {exc}") from None
    if table is None or isinstance(table, dict):
        return table
    raise source.error((), f"expected a mapping of settings, not {type(table).__name__}")


@functools.cache
def _validator() -> Draft202012Validator:
    import jsonschema  # only when there is a config to check: it is slow to import

    text = resources.files("schema_lint").joinpath("schemas/config.schema.json").read_text("utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def _validate(data: object, source: _Source) -> None:
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
        close = difflib.get_close_matches(unknown[0], known, n=1)
        message = "unknown key" + (f" (did you mean {close[0]!r}?)" if close else "")
    raise source.error(parts, message)


def _build(data: dict[str, Any], root: Path, config_path: Path | None, source: _Source) -> Settings:
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


def _codes(selectors: Sequence[str], parts: list[Hashable], source: _Source) -> tuple[str, ...]:
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


def _size(value: float | str, source: _Source) -> int:
    if not isinstance(value, str):
        return int(value)  # the schema let through only whole numbers, 2.0 among them
    found = _SIZE.match(value)
    assert found is not None  # the schema's pattern already checked it
    size = int(float(found[1]) * _UNITS[(found[2] or "b").lower()])
    if size < 1:
        raise source.error(["max-file-size"], f"{value!r} is less than 1 byte")
    return size
