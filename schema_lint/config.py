"""Reading the config: discovery, validation (JSON Schema) into one frozen Settings, and the
one error type. The values themselves live in settings.py."""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Hashable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

# the values config builds and its errors, named from here as well
from schema_lint.config_build import ConfigError as ConfigError
from schema_lint.config_build import Source, build, validate
from schema_lint.settings import DEFAULT_EXCLUDE as DEFAULT_EXCLUDE
from schema_lint.settings import Group as Group
from schema_lint.settings import Settings as Settings
from schema_lint.verdicts import Verdicts, for_root

if TYPE_CHECKING:
    import yaml

YAML_NAMES = (".schema-lint.yaml", ".schema-lint.yml")
PYPROJECT = "pyproject.toml"


class PathError(ConfigError):
    """A path given on the command line that does not exist or that no config covers."""


@functools.cache
def _unique_key_loader() -> type[yaml.SafeLoader]:
    import yaml  # only for a config not parsed before (verdicts.py)

    class UniqueKeyLoader(yaml.SafeLoader):
        """Safe YAML that rejects a repeated key instead of silently keeping the last one."""

        def construct_mapping(
            self, node: yaml.MappingNode, deep: bool = False
        ) -> dict[Hashable, Any]:
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

    return UniqueKeyLoader


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
        data = _read(given, cwd, notes, use_cache)
        root = given.parent
    else:
        config_path, data, git_root = _find(_start_dir(paths, cwd), cwd, notes, use_cache)
        root = config_path.parent if config_path else git_root or cwd
    source = _source(config_path, cwd)
    if data:
        verdicts = for_root(root, use_cache)
        canonical = json.dumps(data, sort_keys=True, default=str).encode()
        if not verdicts.known("config", canonical):
            validate(data, source)
            verdicts.record("config", canonical)
    settings = build(data or {}, root, config_path, source)
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
            config_path, _, git_root = _find(start, cwd, [], use_cache)
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
    start: Path, cwd: Path, notes: list[str], use_cache: bool
) -> tuple[Path | None, dict[str, Any] | None, Path | None]:
    """Walk up to the repository root: (config file, its data, git root when no config)."""
    for folder in (start, *start.parents):
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return folder / name, _read(folder / name, cwd, notes, use_cache), None
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and (data := _read(pyproject, cwd, notes, use_cache)) is not None:
            return pyproject, data, None
        if (folder / ".git").exists():
            return None, None, folder
    return None, None, None


def _source(config_path: Path | None, cwd: Path) -> Source:
    if config_path is None:
        return Source("<defaults>", "")
    relative = config_path.is_relative_to(cwd)
    display = str(config_path.relative_to(cwd) if relative else config_path)
    return Source(display, "tool.schema-lint" if config_path.suffix == ".toml" else "")


def _read(path: Path, cwd: Path, notes: list[str], use_cache: bool) -> dict[str, Any] | None:
    """The config mapping; None for a pyproject.toml without a [tool.schema-lint] table."""
    source = _source(path, cwd)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise source.error((), f"cannot read: {exc}") from None
    if path.suffix == ".toml":
        import tomllib  # only for a pyproject.toml

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
        table = _read_yaml(text, source, for_root(path.parent, use_cache))
    if table is None or isinstance(table, dict):
        return table
    raise source.error((), f"expected a mapping of settings, not {type(table).__name__}")


def _read_yaml(text: str, source: Source, verdicts: Verdicts) -> object:
    """The YAML document ({} for an empty one), kept by its text: a warm run, which parsed this
    very text before, needs no YAML parser (see verdicts.py)."""
    key = text.encode()
    if isinstance(table := verdicts.parsed("config", key), dict):
        return table
    from schema_lint.plain_yaml import load

    if (table := load(text)) is not None:  # the usual few plain lines: no YAML parser
        return table
    import yaml

    try:
        table = yaml.load(text, Loader=_unique_key_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context
        raise ConfigError(f"{source.display}{where}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source.display}: invalid YAML: {exc}") from None
    table = {} if table is None else table  # an empty file: all defaults
    if isinstance(table, dict):
        verdicts.keep_parsed("config", key, table)
    return table
