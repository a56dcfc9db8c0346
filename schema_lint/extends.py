"""`extends`: other repositories' lockfiles, read-only, whose keys count as locked.

A source is a path relative to the project root, or a git source fetched with the git CLI
(see gitsource.py). The local lock wins over extended ones, and earlier extended locks over
later ones; a key they disagree on is one SL002 of its own (`conflicts`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from schema_lint import lockfile
from schema_lint.model import Span
from schema_lint.settings import Extend, Options, Settings

if TYPE_CHECKING:
    from schema_lint.diagnostics import Diagnostic

_DURATION = re.compile(r"([0-9]+)\s*([smhd]?)")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_sources(items: Sequence[str | dict[str, str]]) -> tuple[Extend, ...]:
    """The config's `extends` list, already checked against the config schema."""
    return tuple(
        Extend(item) if isinstance(item, str) else Extend(item["path"], item["git"], item["ref"])
        for item in items
    )


def parse_ttl(value: int | str) -> int:
    """Seconds from `3600`, `"3600"`, `"1h"`, `"30m"` or `"1h30m"` (pattern checked by schema)."""
    if isinstance(value, int):
        return value
    return sum(int(n) * _SECONDS[unit] for n, unit in _DURATION.findall(value))


@dataclass(frozen=True)
class Extended:
    display: str
    lock: lockfile.Lock


def load_all(
    settings: Settings, offline: bool, use_cache: bool, notes: list[str]
) -> list[Extended]:
    """Every extended lockfile, validated like the local one (LockfileError names the file)."""
    loaded = []
    for source in settings.extends:
        if source.git is None:
            path = Path(os.path.normpath(settings.root / source.path))
            lock = lockfile.load(path, source.display)
            if not lock.exists:
                raise lockfile.LockfileError(f"{source.display}: extended lockfile not found")
        else:
            from schema_lint.gitsource import fetch

            cache = settings.root if use_cache else None
            data = fetch(cache, source, settings.extends_ttl, offline, notes)
            lock = lockfile.loads(data, source.display)
        loaded.append(Extended(source.display, lock))
    return loaded


def combine(local: lockfile.Lock, extended: Sequence[Extended]) -> lockfile.Lock:
    """One lock for the rules: local keys first, then each extended lock's keys in order."""
    if not extended:
        return local
    types: dict[str, dict[str, str]] = {}
    origins: dict[str, dict[str, str]] = {}
    for item in extended:
        for namespace, keys in item.lock.types.items():
            for key, type_ in keys.items():
                if key not in types.get(namespace, {}):
                    types.setdefault(namespace, {})[key] = type_
                    origins.setdefault(namespace, {})[key] = item.display
    for namespace, keys in local.types.items():
        for key, type_ in keys.items():
            types.setdefault(namespace, {})[key] = type_
            origins.get(namespace, {}).pop(key, None)
    return lockfile.Lock(types, local.exists, origins)


def disagreements(
    local: lockfile.Lock, local_name: str, extended: Sequence[Extended]
) -> Iterator[tuple[str, str, str, str, str, str]]:
    """(namespace, key, winning type, its file, other type, other file) for each disagreement."""
    sources = [(local_name, local), *((item.display, item.lock) for item in extended)]
    seen: set[tuple[str, str]] = set()
    for index, (name, lock) in enumerate(sources):
        for namespace, keys in sorted(lock.types.items()):
            for key, type_ in sorted(keys.items()):
                if (namespace, key) in seen:
                    continue
                for other_name, other in sources[index + 1 :]:
                    other_type = other.get(namespace, key)
                    if other_type is not None and other_type != type_:
                        seen.add((namespace, key))
                        yield namespace, key, type_, name, other_type, other_name
                        break


def conflicts(
    settings: Settings, local: lockfile.Lock, local_name: str, extended: Sequence[Extended]
) -> list[Diagnostic]:
    """One SL002 per key the locks disagree on: at the key's line in the local lockfile when it
    holds the key, else at the config's `extends` line."""
    from schema_lint.rules import sl002_type_conflict as sl002
    from schema_lint.rules.base import shown

    found = []
    lock_path = _relative(settings.lockfile, settings.root)  # printed paths start at the root
    lock_lines = _lines(settings.lockfile)
    config_name, extends_line = _extends_line(settings)
    for namespace, key, type_, name, other_type, other_name in disagreements(
        local, local_name, extended
    ):
        entry = lockfile.entry(key, type_).splitlines()[0]
        line = next((n for n, text in enumerate(lock_lines, 1) if text == entry), None)
        in_local = name == local_name and line is not None
        path, at = (lock_path, line or 1) if in_local else (config_name, extends_line)
        column = len(entry) - len(entry.lstrip()) + 1 if in_local else 1
        message = (
            f"`{shown(key)}` ({namespace}) is locked as {shown(type_)} in {name}, but as "
            f"{shown(other_type)} in {other_name}"
        )
        found.append(sl002.at_line(path, Span(at, column, at, column), message, namespace, key))
    return found


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _extends_line(settings: Settings) -> tuple[str, int]:
    if settings.config_path is None:
        return "<config>", 1
    name = _relative(settings.config_path, settings.root)
    pattern = re.compile(r"^\s*(?:extends\s*[:=]|\"extends\"\s*[:=])")
    for number, text in enumerate(_lines(settings.config_path), 1):
        if pattern.match(text):
            return name, number
    return name, 1


def apply(
    settings: Settings, local: lockfile.Lock, local_name: str, options: Options
) -> tuple[lockfile.Lock, list[Diagnostic], tuple[str, ...]]:
    """The lock the rules see, the lockfiles' own disagreements (as selected), and notes."""
    if not settings.extends:
        return local, [], ()
    from schema_lint.suppress import DiagnosticFilter

    keep = DiagnosticFilter.build(settings, options.select, options.ignore, options.frozen, ())
    notes: list[str] = []
    extended = load_all(settings, options.offline, options.use_cache, notes)
    found = [d for d in conflicts(settings, local, local_name, extended) if keep(d)]
    return combine(local, extended), found, tuple(notes)
