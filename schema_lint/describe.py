"""`check --show-settings`: what each group of paths is checked under, as plain lines."""

from __future__ import annotations

import os
from pathlib import Path

from schema_lint.discovery import SourceFile, discover
from schema_lint.forked import joins
from schema_lint.scan import count_parsed
from schema_lint.settings import Group


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
        *_wrappers(group, found.files),
    ]
    return "\n".join(lines) + "\n"


@joins
def _wrappers(group: Group, files: tuple[SourceFile, ...]) -> list[str]:
    """Every discovered wrapper with the file and line where it was found (this scans)."""
    if not group.settings.wrappers:
        return ["wrappers: off"]
    from schema_lint.rescan import rescan
    from schema_lint.scan import scan_files
    from schema_lint.wrappers import listed

    found = listed(rescan(group.settings, files, scan_files(group.settings, files).scans))
    return [f"wrappers: {len(found)}", *(f"  {line}" for line in found)]


def _shown(path: Path, cwd: Path) -> str:
    """Relative to the working directory, as a terminal user would type it."""
    return os.path.relpath(path, cwd).replace(os.sep, "/")
