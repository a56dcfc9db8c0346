"""run(settings) -> Result: scan, flatten, check, and (on request) fix and lock. Never prints."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from schema_lint import lockfile
from schema_lint import typing_ as T
from schema_lint.config import Settings
from schema_lint.diagnostics import Diagnostic, sort_diagnostics
from schema_lint.discovery import SourceFile, discover
from schema_lint.fixes import Fixed, apply_fixes
from schema_lint.flatten import Row, flatten_scans
from schema_lint.model import FileScan
from schema_lint.rules import RULES
from schema_lint.rules.base import RuleContext
from schema_lint.scan import scan_files
from schema_lint.suppress import DiagnosticFilter
from schema_lint.verdicts import for_root

if TYPE_CHECKING:
    from schema_lint.memo import RunMemo

Additions = dict[str, dict[str, str]]


class EngineError(Exception):
    """A run that cannot go on (e.g. --frozen without a lockfile): one line, exit 2."""


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


@dataclass(frozen=True)
class Result:
    diagnostics: list[Diagnostic]
    files: tuple[str, ...]
    notes: tuple[str, ...]
    lockfile: str
    new_keys: Additions = field(default_factory=dict)
    added: Additions = field(default_factory=dict)
    unlockable: tuple[tuple[str, str], ...] = ()
    fixed: int = 0
    diff: str = ""
    unsafe_fixes_left: int = 0


def lockfile_display(settings: Settings) -> str:
    try:
        return settings.lockfile.relative_to(settings.root).as_posix()
    except ValueError:
        return str(settings.lockfile)


def run(settings: Settings, paths: Sequence[Path] = (), options: Options = Options()) -> Result:
    display = lockfile_display(settings)
    lock = lockfile.load(settings.lockfile, display, for_root(settings.root, options.use_cache))
    if options.frozen and not lock.exists:
        raise EngineError(f"{display}: no lockfile: run schema-lint lock")
    found = discover(settings, paths)
    files = tuple(f.path for f in found.files)
    memo = _memo(settings, options, found.files, lock)
    outcome = memo.get() if memo is not None else None
    if outcome is not None:
        diagnostics, new_keys, unlockable = outcome
        return Result(diagnostics, files, found.notes, display, new_keys, {}, unlockable)
    scans = scan_files(settings, found.files, use_cache=options.use_cache)
    rows = flatten_scans(scans, settings.numbers)
    diagnostics = check(settings, options, scans, rows, lock, display)
    fixes = Fixed()
    if options.fix or options.diff:
        fixes = apply_fixes(settings.root, diagnostics, options.unsafe_fixes, not options.diff)
        diagnostics = [d for d in diagnostics if d not in fixes.diagnostics]
    new_keys, unlockable = lockable_keys(rows, lock)
    added: Additions = {}
    if options.update_lock and (new_keys or (options.create_lock and not lock.exists)):
        added = lockfile.update(settings.lockfile, new_keys, display, options.create_lock)
    if memo is not None:
        from schema_lint.memo import Outcome

        memo.put(Outcome(diagnostics, new_keys, unlockable))
    return Result(
        diagnostics,
        files,
        found.notes,
        display,
        new_keys,
        added,
        unlockable,
        fixed=len(fixes.diagnostics),
        diff=fixes.diff,
        unsafe_fixes_left=fixes.unsafe_left,
    )


@dataclass(frozen=True)
class Collected:
    """What a run reads before any rule: for commands that report on the scans themselves."""

    scans: list[FileScan]
    lock: lockfile.Lock
    notes: tuple[str, ...]


def collect(settings: Settings, paths: Sequence[Path] = (), use_cache: bool = True) -> Collected:
    """Discover and scan as `run` does, with the lock, and run no rule (the caller flattens:
    it may want each occurrence's rows)."""
    display = lockfile_display(settings)
    lock = lockfile.load(settings.lockfile, display, for_root(settings.root, use_cache))
    found = discover(settings, paths)
    return Collected(scan_files(settings, found.files, use_cache=use_cache), lock, found.notes)


def _memo(
    settings: Settings, options: Options, files: Sequence[SourceFile], lock: lockfile.Lock
) -> RunMemo | None:
    """The whole-run memo; never with --no-cache, nor for runs that write files."""
    if not options.use_cache or options.fix or options.diff or options.update_lock:
        return None
    from schema_lint.memo import RunMemo

    locked = sorted((ns, sorted(keys.items())) for ns, keys in lock.types.items())
    return RunMemo.open(settings, files, (options, lock.exists, locked))


def check(
    settings: Settings,
    options: Options,
    scans: Sequence[FileScan],
    rows: Sequence[Row],
    lock: lockfile.Lock,
    display: str,
) -> list[Diagnostic]:
    keep = DiagnosticFilter.build(settings, options.select, options.ignore, options.frozen, scans)
    context = RuleContext(
        scans=scans,
        rows=rows,
        locked=lock.get,
        locked_keys=lambda namespace: sorted(lock.types.get(namespace, {})),
        lockfile=display,
        numbers=settings.numbers,
    )
    found = [
        diagnostic
        for code, rule in RULES.items()
        if keep.enabled(code)
        for diagnostic in rule.check(context)
        if keep(diagnostic)
    ]
    return sort_diagnostics(found)


def lockable_keys(
    rows: Sequence[Row], lock: lockfile.Lock
) -> tuple[Additions, tuple[tuple[str, str], ...]]:
    """New keys with one consistent known type; keys seen with conflicting types are left out."""
    merged: dict[tuple[str, str], str | None] = {}
    for row in sorted(rows, key=lambda r: r.order):
        if not T.is_known(row.type) or lock.get(row.namespace, row.key) is not None:
            continue
        identity = (row.namespace, row.key)
        if identity not in merged:
            merged[identity] = row.type
        elif merged[identity] is not None:
            merged[identity] = T.merge(merged[identity] or T.UNKNOWN, row.type)
    additions: Additions = {}
    for (namespace, key), type_ in sorted(merged.items()):
        if type_ is not None:
            additions.setdefault(namespace, {})[key] = type_
    unlockable = tuple(sorted(k for k, t in merged.items() if t is None))
    return additions, unlockable


def count(additions: Additions) -> int:
    return sum(len(keys) for keys in additions.values())
