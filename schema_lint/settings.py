"""The values a run is configured by: `Settings` from the config file (built by config.py),
`Options` from the command line, and `Group`, the paths one config governs. Values only, so
that every layer may name them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from schema_lint.signatures import Signature

DEFAULT_EXCLUDE = ("node_modules", ".git", "dist", "build", "vendor", "*.min.js")
DEFAULT_LOCKFILE = "schema-lint.lock.yaml"
DEFAULT_MAX_FILE_SIZE = 1024 * 1024
DEFAULT_PRESETS = ("moesif",)
DEFAULT_TTL = 3600  # seconds a fetched git `extends` source is used before it is fetched again


@dataclass(frozen=True)
class Extend:
    """One `extends` item: `path` alone for a lockfile on disk; with `git`, inside that repo."""

    path: str
    git: str | None = None
    ref: str | None = None

    @property
    def display(self) -> str:
        """How messages name the source: the path as written, or `URL@REF:PATH`."""
        return self.path if self.git is None else f"{self.git}@{self.ref}:{self.path}"


@dataclass(frozen=True)
class Settings:
    root: Path
    config_path: Path | None = None
    lockfile: Path = Path(DEFAULT_LOCKFILE)
    presets: tuple[str, ...] = DEFAULT_PRESETS
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
    wrappers: bool = True
    extends: tuple[Extend, ...] = ()
    extends_ttl: int = DEFAULT_TTL
    # things worth telling the user about the config, such as a misspelt pyproject table
    notes: tuple[str, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Group:
    """Paths checked under one config; no paths means the whole project root."""

    settings: Settings
    paths: tuple[Path, ...]


@dataclass(frozen=True)
class Options:
    frozen: bool = False
    update_lock: bool = False
    fix: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    use_cache: bool = True
    create_lock: bool = False
    unsafe_fixes: bool = False
    diff: bool = False  # compute the fixes as a diff; write nothing
    # the folder printed paths are relative to; None: the project root (see `relocate`)
    base: Path | None = None
    offline: bool = False
