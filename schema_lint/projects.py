"""Project roots inside the folders given: a config below one starts a project of its own.

`config.load_groups` gives each path the nearest config above it; a folder can also hold
configs further down (`check` at the top of a monorepo whose `frontend/` has its own). Each
of those checks its subtree, which the enclosing project then excludes, as ruff does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from schema_lint.config import Group, load_settings
from schema_lint.discovery import config_files

_GLOB_SPECIAL = re.compile(r"([\\\[\]*?])")


def split_nested(groups: Sequence[Group], cwd: Path, use_cache: bool) -> tuple[Group, ...]:
    found = [part for group in groups for part in _split(group, cwd, use_cache)]
    return tuple(sorted(found, key=lambda group: str(group.settings.root)))


def _split(group: Group, cwd: Path, use_cache: bool) -> list[Group]:
    settings = group.settings
    nested: list[Group] = []
    # shallow first, so that a config below another nested one is left to that one
    for path in sorted(config_files(settings, group.paths), key=lambda p: p.count("/")):
        folder = settings.root / path.rpartition("/")[0]
        if any(folder.is_relative_to(other.settings.root) for other in nested):
            continue
        inner = load_settings([folder], None, cwd, use_cache)
        if inner.config_path is not None and inner.root == folder:  # else a plain pyproject
            nested.append(Group(inner, (folder,)))
    if not nested:
        return [group]
    excluded = tuple(
        "/"
        + _GLOB_SPECIAL.sub(r"\\\1", inner.settings.root.relative_to(settings.root).as_posix())
        + "/"
        for inner in nested
    )
    outer = replace(settings, extend_exclude=(*settings.extend_exclude, *excluded))
    return [
        Group(outer, group.paths),
        *(part for inner in nested for part in _split(inner, cwd, use_cache)),
    ]
