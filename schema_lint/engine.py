"""run(settings) -> Result: scan, flatten, check, and (on request) fix and lock. Never prints."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

# Only what a memo hit needs is imported here: the scanners, rules, fixes and the rest are
# imported where they are used, as on a warm run importing them would take longer than the run.
from schema_lint import extends, lifetime, lockfile
from schema_lint.diagnostics import Diagnostic, Severity, sort_diagnostics
from schema_lint.discovery import UNSTATED_READS, SourceFile, discover
from schema_lint.forked import joins
from schema_lint.places import rebase, relocate
from schema_lint.settings import Group, Settings
from schema_lint.settings import Options as Options
from schema_lint.verdicts import for_root

if TYPE_CHECKING:
    from schema_lint.fixes import Fixed
    from schema_lint.flatten import Row
    from schema_lint.memo import RunMemo
    from schema_lint.model import FileScan
    from schema_lint.scan import Scanned

Additions = dict[str, dict[str, str]]


class EngineError(Exception):
    """A run that cannot go on (e.g. --frozen without a lockfile): one line, exit 2."""


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


def lockfile_display(settings: Settings, base: Path | None = None) -> str:
    if not settings.lockfile.is_relative_to(settings.root):
        return str(settings.lockfile)
    return relocate(settings.root, base or settings.root)(
        settings.lockfile.relative_to(settings.root).as_posix()
    )


def run_groups(groups: Sequence[Group], options: Options = Options()) -> tuple[Result, ...]:
    """One run per config; each group's paths are checked under its own settings and lockfile."""
    return tuple(run(group.settings, group.paths, options) for group in groups)


def merge(results: Sequence[Result]) -> Result:
    """The results of several project roots as one (their paths share `Options.base`)."""
    if len(results) == 1:
        return results[0]
    new_keys: Additions = {}
    added: Additions = {}
    for result in results:
        for target, source in ((new_keys, result.new_keys), (added, result.added)):
            for namespace, keys in source.items():
                target.setdefault(namespace, {}).update(keys)
    return Result(
        sort_diagnostics([d for result in results for d in result.diagnostics]),
        tuple(sorted({path for result in results for path in result.files})),
        tuple(note for result in results for note in result.notes),
        ", ".join(dict.fromkeys(result.lockfile for result in results)),
        new_keys,
        added,
        tuple(sorted({key for result in results for key in result.unlockable})),
        sum(result.fixed for result in results),
        "".join(result.diff for result in results),
        sum(result.unsafe_fixes_left for result in results),
    )


def has_errors(diagnostics: Sequence[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


@joins
def run(settings: Settings, paths: Sequence[Path] = (), options: Options = Options()) -> Result:
    display = lockfile_display(settings, options.base)
    lock, lock_findings, lock_notes = _lock(settings, display, options)
    stamps = not _fresh(settings, options.use_cache)
    found = discover(settings, paths, stamps)
    move = relocate(settings.root, options.base or settings.root)
    memo = _memo(settings, options, found.files, lock) if stamps else None
    outcome = memo.get() if memo is not None else None
    if outcome is not None:
        diagnostics, new_keys, unlockable = outcome
        files = tuple(sorted(map(move, (f.path for f in found.files))))
        notes = (*found.notes, *lock_notes)
        return Result(diagnostics, files, notes, display, new_keys, {}, unlockable)
    from schema_lint.flatten import flatten_scans, in_order
    from schema_lint.memo import Outcome

    scans, scanned, scan_notes = _scan(settings, found.files, options.use_cache)
    files = tuple(sorted(map(move, (f.path for f in scanned))))
    rows = flatten_scans(scans, settings.numbers)
    ordered = in_order(rows)  # for SL002 and the lockable keys: sorted once
    diagnostics = check(settings, options, scans, rows, lock, display, ordered)  # sorted
    if lock_findings:
        diagnostics = sort_diagnostics([*diagnostics, *lock_findings])
    diagnostics, fixes = _fixed(settings, options, diagnostics, move)
    new_keys, unlockable = lockable_keys(ordered, lock, in_order=True)
    added: Additions = {}
    # the keys of a run that fails are not locked: the commit they come from may never land,
    # and a wrong type locked now would block the corrected code
    clean = not has_errors(diagnostics)
    if options.update_lock and clean and (new_keys or (options.create_lock and not lock.exists)):
        added = lockfile.update(settings.lockfile, new_keys, display, options.create_lock)
    if options.base is not None and options.base != settings.root:
        diagnostics = rebase(diagnostics, display, move)
    memo = memo if stamps else _memo(settings, options, scanned, lock)
    if memo is not None:
        memo.put(Outcome(diagnostics, new_keys, unlockable))
    return Result(
        diagnostics,
        files,
        (*found.notes, *scan_notes, *lock_notes),
        display,
        new_keys,
        added,
        unlockable,
        fixed=len(fixes.diagnostics),
        diff=fixes.diff,
        unsafe_fixes_left=fixes.unsafe_left,
    )


def _fixed(
    settings: Settings, options: Options, diagnostics: list[Diagnostic], move: Callable[[str], str]
) -> tuple[list[Diagnostic], Fixed]:
    """With --fix or --diff, the fixes (applied, or only shown as a diff) and the findings
    they leave."""
    from schema_lint.fixes import Fixed, apply_fixes

    if not (options.fix or options.diff):
        return diagnostics, Fixed()
    fixes = apply_fixes(
        settings.root, diagnostics, options.unsafe_fixes, not options.diff, shown=move
    )
    return [d for d in diagnostics if d not in fixes.diagnostics], fixes


@dataclass(frozen=True)
class Collected:
    """What a run reads before any rule: for commands that report on the scans themselves."""

    scans: list[FileScan]
    lock: lockfile.Lock
    notes: tuple[str, ...]


@joins
def collect(settings: Settings, paths: Sequence[Path] = (), use_cache: bool = True) -> Collected:
    """Discover and scan as `run` does, with the lock, and run no rule (the caller flattens:
    it may want each occurrence's rows)."""
    lock, _, lock_notes = _lock(settings, lockfile_display(settings), Options(use_cache=use_cache))
    found = discover(settings, paths, not _fresh(settings, use_cache))
    scans, _, scan_notes = _scan(settings, found.files, use_cache)
    return Collected(scans, lock, (*found.notes, *scan_notes, *lock_notes))


def _fresh(settings: Settings, use_cache: bool) -> bool:
    """Whether the run has no cached scans to look up, so that its listing needs no stat of
    every file: each is stamped as it is read instead (discovery.discover)."""
    from schema_lint.cache import ScanCache

    return UNSTATED_READS and (not use_cache or not ScanCache.exists(settings))


def _lock(
    settings: Settings, display: str, options: Options
) -> tuple[lockfile.Lock, list[Diagnostic], tuple[str, ...]]:
    """The local lock with the extended ones applied, the findings of locks that disagree,
    and notes; `--frozen` needs the local lockfile to exist."""
    lock = lockfile.load(settings.lockfile, display, for_root(settings.root, options.use_cache))
    if options.frozen and not lock.exists:
        raise EngineError(f"{display}: no lockfile: run schema-lint lock")
    return extends.apply(settings, lock, display, options)


def _scan(settings: Settings, files: Sequence[SourceFile], use_cache: bool) -> Scanned:
    """Every file's scan; then, with wrappers on, the files that call a wrapper found in
    another file scanned again (schema_lint.rescan); then the files with untyped values that
    import something, typed through the other files' declarations (schema_lint.retype)."""
    from schema_lint.rescan import rescan
    from schema_lint.retype import retype
    from schema_lint.scan import Scanned, scan_files

    scans, files, notes = scan_files(settings, files, use_cache=use_cache)
    scans = rescan(settings, files, scans) if settings.wrappers else scans
    return Scanned(retype(settings, files, scans), files, notes)


def _memo(
    settings: Settings, options: Options, files: Sequence[SourceFile], lock: lockfile.Lock
) -> RunMemo | None:
    """The whole-run memo; never with --no-cache, nor for runs that write files."""
    if not options.use_cache or options.fix or options.diff or options.update_lock:
        return None
    from schema_lint.memo import RunMemo

    locked = sorted((ns, sorted(keys.items())) for ns, keys in lock.types.items())
    locked += sorted((ns, sorted(keys.items())) for ns, keys in lock.origins.items())
    return RunMemo.open(settings, files, (options, lock.exists, locked))


def check(
    settings: Settings,
    options: Options,
    scans: Sequence[FileScan],
    rows: Sequence[Row],
    lock: lockfile.Lock,
    display: str,
    ordered: Sequence[Row] | None = None,
) -> list[Diagnostic]:
    """The findings of the enabled rules, sorted; `ordered`: `rows` in `flatten.in_order`'s
    order, when the caller has sorted them."""
    from schema_lint.rules import RULES
    from schema_lint.rules.base import RuleContext
    from schema_lint.suppress import DiagnosticFilter

    keep = DiagnosticFilter.build(settings, options.select, options.ignore, options.frozen, scans)
    context = RuleContext(
        scans=scans,
        rows=rows,
        locked=lock.get,
        locked_keys=lambda namespace: sorted(lock.types.get(namespace, {})),
        lockfile=display,
        numbers=settings.numbers,
        locked_in=lock.origin,
        rows_in_order=ordered,
    )
    found = [
        diagnostic
        for code, rule in RULES.items()
        if keep.enabled(code)
        for diagnostic in rule.check(context)
        if keep(diagnostic)
    ]
    lifetime.keep(context)  # the scans, rows and what the rules built: freed by the exit
    return sort_diagnostics(found)


def lockable_keys(
    rows: Sequence[Row], lock: lockfile.Lock, in_order: bool = False
) -> tuple[Additions, tuple[tuple[str, str], ...]]:
    """New keys with one consistent known type; keys seen with conflicting types are left out.
    `in_order`: the rows are in `flatten.in_order`'s order already."""
    from schema_lint import typing_ as T
    from schema_lint.flatten import in_order as sort

    merged: dict[tuple[str, str], str | None] = {}
    locked: set[tuple[str, str]] = set()
    for row in rows if in_order else sort(rows):
        identity = (row.namespace, row.key)
        if identity in locked or not T.is_known(row.type):
            continue
        if identity not in merged:
            if lock.get(row.namespace, row.key) is not None:
                locked.add(identity)
                continue
            merged[identity] = row.type
        elif (current := merged[identity]) is not None and current != row.type:
            merged[identity] = T.merge(current, row.type)
    additions: Additions = {}
    for (namespace, key), type_ in sorted(merged.items()):
        if type_ is not None:
            additions.setdefault(namespace, {})[key] = type_
    unlockable = tuple(sorted(k for k, t in merged.items() if t is None))
    return additions, unlockable


def count(additions: Additions) -> int:
    return sum(len(keys) for keys in additions.values())
