"""One frozen Settings object: discovery, validation, and the one error type."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schema_lint.signatures import Signature

DEFAULT_EXCLUDE = ("node_modules", ".git", "dist", "build", "vendor", "*.min.js")
DEFAULT_LOCKFILE = "schema-lint.lock.yaml"
DEFAULT_MAX_FILE_SIZE = 1024 * 1024


class ConfigError(Exception):
    """A broken config: the CLI prints it as one line and exits 2."""


@dataclass(frozen=True)
class Settings:
    root: Path
    config_path: Path | None = None
    lockfile: Path = Path(DEFAULT_LOCKFILE)
    presets: tuple[str, ...] = ("moesif",)
    signatures: tuple[Signature, ...] = ()
    examples: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    numbers: str = "json"
