"""`check --show-settings`: what each group of paths is checked under, as plain lines."""

from __future__ import annotations

import os
from pathlib import Path

from schema_lint.config import Group
from schema_lint.discovery import discover
from schema_lint.scan import count_parsed


def describe(group: Group, cwd: Path) -> str:
    """The project root, config file, lockfile, presets, signatures and file counts."""
    settings = group.settings
    found = discover(settings, group.paths)
    config = _shown(settings.config_path, cwd) if settings.config_path else "none (defaults)"
    lines = [
        f"project root: {settings.root}",
        f"config file: {config}",
        f"lockfile: {_shown(settings.lockfile, cwd)}",
        f"presets: {', '.join(settings.presets) or '(none)'}",
        f"signatures: {len(settings.signatures)}",
        *(
            f"  {sig.text}  [namespace: {sig.namespace}, {sig.language or 'every language'}]"
            for sig in settings.signatures
        ),
        f"files listed: {len(found.files)}",
        f"files parsed: {count_parsed(settings, found.files)}",
    ]
    return "\n".join(lines) + "\n"


def _shown(path: Path, cwd: Path) -> str:
    """Relative to the working directory, as a terminal user would type it."""
    return os.path.relpath(path, cwd).replace(os.sep, "/")
