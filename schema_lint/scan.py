"""Read and scan the discovered files: from the cache when unchanged, in processes when it pays
(schema_lint.pool); the triage that tells, from a file's bytes alone, whether it needs a scanner.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from schema_lint import lifetime
from schema_lint.discovery import UNSTATED, SourceFile, admit
from schema_lint.model import FileScan
from schema_lint.pool import Runner, Task, read_file, workers
from schema_lint.scanners import GRAMMARS, ScanContext, candidate, scan_file
from schema_lint.scanners.source import UTF16_BOMS
from schema_lint.settings import Settings

if TYPE_CHECKING:
    from schema_lint.cache import ScanCache


# scans made here, to encode for the cache, that pay for writing it in a forked copy (about
# 2 ms a fork against 10-20 µs a scan, most of them empty)
BACKGROUND_MIN_SCANS = 500


def context_for(settings: Settings) -> ScanContext:
    return ScanContext(settings.signatures, discover=settings.wrappers)


class Scanned(NamedTuple):
    """The scans of a listing, and the files as scanned: stamped, for a listing made without
    a stat (discovery.discover), with the notes of those its stat would have skipped."""

    scans: list[FileScan]
    files: Sequence[SourceFile]
    notes: tuple[str, ...] = ()


def scan_files(settings: Settings, files: Sequence[SourceFile], use_cache: bool = True) -> Scanned:
    store: ScanCache | None = None
    if use_cache:
        from schema_lint.cache import ScanCache

        store = ScanCache.load(settings)
    now_ns = time.time_ns()
    results: list[FileScan | None] = [None] * len(files)
    tasks: list[Task] = []
    # a first run has none; a listing without stats is only made for a run without a cache
    cached = store if store is not None and not store.empty else None
    for index, file in enumerate(files):
        found = None
        if cached is not None and file.size != UNSTATED:
            found = _from_cache(cached, file, now_ns)
        if isinstance(found, FileScan):
            results[index] = found
        else:
            tasks.append(Task(index, file, found))
    triage = _Triage(context_for(settings))
    limit = settings.max_file_size
    with Runner(triage, workers(), now_ns if store is not None else None, limit) as runner:
        runner.run(tasks, results)
        notes = _stamp(settings, tasks, results, runner)
    if notes is not None and (runner.rechecks or len(runner.stamps) < len(tasks)):
        stated = list(files)
        for task in tasks:
            stated[task.slot] = task.file
        files = [file for file in stated if file.size != UNSTATED]
    if store is not None:
        _save(store, files, tasks, results, runner)
    lifetime.keep(tasks, runner)  # freed by the exit, not one by one now
    return Scanned([scan for scan in results if scan is not None], files, notes or ())


def _stamp(
    settings: Settings, tasks: list[Task], results: list[FileScan | None], runner: Runner
) -> tuple[str, ...] | None:
    """Stamp each file listed without a stat as it was found when read; the files reading left
    to discovery.admit are stamped, skipped or noted by it as by a listing with stats, and
    those it admits scanned here. Returns the notes; None when every file was listed with a
    stat. Files gone since the listing stay UNSTATED, as do those admit skips."""
    if not any(task.file.size == UNSTATED for task in tasks):
        return None
    for index, (size, mtime_ns) in runner.stamps.items():
        tasks[index].file.stamp(size, mtime_ns)
    notes: list[str] = []
    for index in sorted(runner.rechecks):  # in path order, as a listing notes them
        file = tasks[index].file
        listed = (file.path, file.abspath, file.language, file.example)
        if (found := admit(settings, listed, notes)) is not None:
            tasks[index] = Task(tasks[index].slot, found, None)
            runner.run_again(index, results)
    return tuple(notes)


def _save(
    store: ScanCache,
    files: Sequence[SourceFile],
    tasks: list[Task],
    results: list[FileScan | None],
    runner: Runner,
) -> None:
    """Record this run's scans and write the cache: in a forked copy of this process when
    many scans made here are still to be encoded, so the rules need not wait for it."""
    from schema_lint import forked
    from schema_lint.cache import Stamp

    def save() -> None:
        for task in tasks:
            scan = results[task.slot]
            if scan is not None and task.slot in runner.blobs:
                stamp = Stamp(task.file.size, task.file.mtime_ns)
                store.put(scan.path, stamp, runner.blobs[task.slot], runner.digests[task.slot])
        store.save({file.path for file in files})

    unencoded = sum(1 for blob in runner.blobs.values() if isinstance(blob, FileScan))
    if unencoded >= BACKGROUND_MIN_SCANS:
        forked.background(save)
    else:
        save()


def scan_again(ctx: ScanContext, jobs: Sequence[tuple[SourceFile, bytes]]) -> list[FileScan]:
    """Scan files whose bytes are read already under `ctx`, with no triage (the second pass,
    schema_lint.rescan, chose them); in processes when it pays, as the first pass."""
    results: list[FileScan | None] = [None] * len(jobs)
    tasks = [Task(slot, file, data) for slot, (file, data) in enumerate(jobs)]
    with Runner(_Again(ctx), workers(), None) as runner:
        runner.run(tasks, results)
    scans = [scan for scan in results if scan is not None]
    assert len(scans) == len(jobs)  # bytes given: no file can be found gone
    return scans


class _Again:
    """The second pass's scanner: every file it is given is scanned."""

    def __init__(self, ctx: ScanContext) -> None:
        self.ctx = ctx
        self.parsed = 0
        self.parsed_bytes = 0

    def scan(self, file: SourceFile, data: bytes) -> FileScan:
        self.parsed += 1
        self.parsed_bytes += len(data)
        return scan_file(file.path, file.language, data, self.ctx, file.example)


def count_parsed(settings: Settings, files: Sequence[SourceFile]) -> int:
    """How many of `files` go to a parser; the others hold no possible tracking call."""
    triage = _Triage(context_for(settings))
    return sum(
        1
        for file in files
        if isinstance(data := read_file(file), bytes) and triage.quick_scan(file, data) is None
    )


def _from_cache(store: ScanCache, file: SourceFile, now_ns: int) -> FileScan | bytes | None:
    """The cached scan of an unchanged file (or the problem reading it); else its bytes when
    the cache's check had to read them, None when it did not."""
    from schema_lint.cache import Stamp

    stamp = Stamp(file.size, file.mtime_ns)
    data: bytes | None = None
    if store.needs_content(file.path, stamp):
        found = read_file(file)
        if not isinstance(found, bytes):
            return found  # a FileScan with the problem, or None: then the task finds it gone
        data = found
    cached = store.get(file.path, stamp, data, now_ns)
    return cached if cached is not None else data


class _Triage:
    """Decides, from a file's bytes alone, whether it needs a scanner at all."""

    def __init__(self, ctx: ScanContext) -> None:
        from schema_lint.prefilter import fewest_needles
        from schema_lint.scanners import prefilter_names

        self.ctx = ctx
        names = prefilter_names(ctx.signatures)
        # per language: every needle costs a full pass over the bytes (documents: all of them)
        self.needles = {
            language: fewest_needles(prefilter_names(ctx.signatures, language))
            for language in GRAMMARS
        }
        self.any_needles = fewest_needles(names)
        # a needle may sit inside a name that starts up to `reach` bytes before it
        self.longest = max(ctx.prefilter(language).reach for language in GRAMMARS)
        self.parsed = 0  # files sent to a scanner so far, and their bytes (when a pool pays)
        self.parsed_bytes = 0

    def quick_scan(self, file: SourceFile, data: bytes) -> FileScan | None:
        """The scan of a file that needs no parser (most files), or None when it needs one.

        Only raw bytes are looked at: a file that cannot hold anything of ours is never
        decoded, so its encoding is no finding. UTF-16 is left to the scanner, which decodes
        it before prefiltering.
        """
        found = self._verdict(file, data)
        return found if isinstance(found, FileScan) else None

    def scan(self, file: SourceFile, data: bytes) -> FileScan:
        """The file's scan: from the bytes alone when they hold nothing of ours, else from
        its scanner, which is told when the prefilter has already admitted the bytes."""
        found = self._verdict(file, data)
        if isinstance(found, FileScan):
            return found
        self.parsed += 1
        self.parsed_bytes += len(data)
        return scan_file(file.path, file.language, data, self.ctx, file.example, admitted=found)

    def _verdict(self, file: SourceFile, data: bytes) -> FileScan | bool:
        """A FileScan when nothing of ours can be in the bytes; True when the prefilter
        admitted them; False when only the scanner can tell (UTF-16, examples)."""
        if data.startswith(UTF16_BOMS) or file.example:
            return False  # examples are always read
        first = self.first_name(data, self.needles.get(file.language, self.any_needles))
        if first < 0:
            return FileScan(file.path)  # what scan_file gives for a prefilter miss
        if file.language not in GRAMMARS:
            return candidate(file.language, data, self.ctx, False) or FileScan(file.path)
        if self.ctx.prefilter(file.language).admits(data, max(0, first - self.longest)):
            return True
        return FileScan(file.path)

    def first_name(self, data: bytes, needles: tuple[bytes, ...]) -> int:
        """Where the first needle occurs, -1 for none: a necessary condition for a prefilter
        hit. Substring search runs at memory speed, the prefilter's word tests several times
        slower, so they run only on the files that pass, and only from there on."""
        first = -1
        for needle in needles:
            end = first + len(needle) - 1 if first >= 0 else len(data)
            found = data.find(needle, 0, end)
            if found >= 0:
                first = found
        return first
