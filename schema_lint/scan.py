"""Read and scan the discovered files: from the cache when unchanged, in processes when it pays.

Every file the cache does not answer is one task: read it, prefilter its bytes, and scan it
if it can hold anything of ours. Reading and the prefilter are a third of a cold run's work,
so they are shared between processes as parsing is: tasks go in chunks of about CHUNK_BYTES of
listed size, in path order. This process takes chunks from the front while the work is small;
once it adds up to enough to pay for a pool (PERF_NOTES: ~2 MB or ~100 files that need a
parser; or a listing of LISTED_MIN_BYTES, where the prefilter alone pays for a second core), a
pool of one process fewer than `workers` is fed chunks from the front and this process takes
them from the back, so no core idles and no more processes run than there are cores. Results
land in file order whichever process made them, and are the same either way.

`SCHEMA_LINT_WORKERS` sets how many processes scan, this one included (1: no pool); the
default is one per CPU.
"""

from __future__ import annotations

import gc
import os
import time
from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from schema_lint.discovery import SourceFile
from schema_lint.model import FileScan, Problem, Span
from schema_lint.scanners import GRAMMARS, ScanContext, candidate, load, prefilter, scan_file
from schema_lint.scanners.source import UTF16_BOMS
from schema_lint.settings import Settings

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from schema_lint.cache import ScanCache

WORKERS_ENV = "SCHEMA_LINT_WORKERS"
PARALLEL_MIN_BYTES = 2_000_000  # bytes of the files that need a scanner
PARALLEL_MIN_FILES = 100
LISTED_MIN_BYTES = 8_000_000  # bytes listed: reading and prefiltering them pays for a pool
CHUNK_BYTES = 1 << 20  # listed bytes of one chunk: small enough to keep every core busy

Blob = bytes | None  # a FileScan as codec.encode gives it
# a task's outcome from a pool process: the scan's blob and the racy digest (see ScanCache),
# or None for a file deleted since it was listed
Reply = tuple[Blob, bytes | None, bool] | None  # as _Done, with the scan encoded


class _Done(NamedTuple):
    """What one task gave: the scan, the racy digest (see ScanCache), and whether the file
    could be read: the scan of one that could not is never cached (a `chmod` that mends it
    leaves its size and mtime as they were)."""

    scan: FileScan
    digest: bytes | None
    read: bool


class _Scanner(Protocol):
    """What the runner scans with: the first pass's triage, or a second pass's (rescan)."""

    ctx: ScanContext
    parsed: int  # files given to a scanner so far, and their bytes: when a pool pays
    parsed_bytes: int

    def scan(self, file: SourceFile, data: bytes) -> FileScan: ...


class _Task(NamedTuple):
    """A file to read, prefilter and scan; `data` when the cache's check has read it."""

    slot: int  # in the list of files
    file: SourceFile
    data: bytes | None


def context_for(settings: Settings) -> ScanContext:
    return ScanContext(settings.signatures, discover=settings.wrappers)


def workers() -> int:
    """Processes that scan, this one included: `SCHEMA_LINT_WORKERS`, else the usable CPUs."""
    try:
        return max(1, int(os.environ.get(WORKERS_ENV, "")))
    except ValueError:
        pass
    if hasattr(os, "sched_getaffinity"):  # the CPUs this process may run on, not all there are
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def scan_files(
    settings: Settings, files: Sequence[SourceFile], use_cache: bool = True
) -> list[FileScan]:
    store: ScanCache | None = None
    if use_cache:
        from schema_lint.cache import ScanCache

        store = ScanCache.load(settings)
    now_ns = time.time_ns()
    results: list[FileScan | None] = [None] * len(files)
    tasks: list[_Task] = []
    lookup = store is not None and not store.empty
    for index, file in enumerate(files):
        found = _from_cache(store, file, now_ns) if lookup and store is not None else None
        if isinstance(found, FileScan):
            results[index] = found
        else:
            tasks.append(_Task(index, file, found))
    triage = _Triage(context_for(settings))
    with _Runner(triage, workers(), now_ns if store is not None else None) as runner:
        runner.run(tasks, results)
    if store is not None:
        from schema_lint.cache import Stamp

        for task in tasks:
            scan = results[task.slot]
            if scan is not None and task.slot in runner.blobs:
                stamp = Stamp(task.file.size, task.file.mtime_ns)
                store.put(scan.path, stamp, runner.blobs[task.slot], runner.digests[task.slot])
        store.save({file.path for file in files})
    return [scan for scan in results if scan is not None]


def scan_again(ctx: ScanContext, jobs: Sequence[tuple[SourceFile, bytes]]) -> list[FileScan]:
    """Scan files whose bytes are read already under `ctx`, with no triage (the second pass,
    schema_lint.rescan, chose them); in processes when it pays, as the first pass."""
    results: list[FileScan | None] = [None] * len(jobs)
    tasks = [_Task(slot, file, data) for slot, (file, data) in enumerate(jobs)]
    with _Runner(_Again(ctx), workers(), None) as runner:
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
        if isinstance(data := _read(file), bytes) and triage.quick_scan(file, data) is None
    )


def _from_cache(store: ScanCache, file: SourceFile, now_ns: int) -> FileScan | bytes | None:
    """The cached scan of an unchanged file (or the problem reading it); else its bytes when
    the cache's check had to read them, None when it did not."""
    from schema_lint.cache import Stamp

    stamp = Stamp(file.size, file.mtime_ns)
    data: bytes | None = None
    if store.needs_content(file.path, stamp):
        read = _read(file)
        if not isinstance(read, bytes):
            return read  # a FileScan with the problem, or None: then the task finds it gone
        data = read
    cached = store.get(file.path, stamp, data, now_ns)
    return cached if cached is not None else data


def _read(file: SourceFile) -> bytes | FileScan | None:
    """The file's bytes; a FileScan with the problem when it cannot be read; None when gone.

    One `os.read` of the size the listing found (plus one byte, to notice growth): no buffered
    file object and no second stat, 40% less than `open().read()` over a monorepo. A short
    read of a regular file is its end."""
    try:
        fd = os.open(file.abspath, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None  # deleted since it was listed: nothing left to lint
    except OSError as exc:
        return _unreadable(file, exc)
    try:
        data = os.read(fd, file.size + 1)
        if len(data) > file.size:  # it grew since it was listed
            data += b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
        return data
    except OSError as exc:
        return _unreadable(file, exc)
    finally:
        os.close(fd)


def _unreadable(file: SourceFile, exc: OSError) -> FileScan:
    reason = exc.strerror or exc.__class__.__name__
    problem = Problem(f"cannot read file: {reason}", Span(1, 1, 1, 1))
    return FileScan(file.path, problems=(problem,))


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
        self.longest = max(prefilter(ctx.signatures, language).reach for language in GRAMMARS)
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
        if prefilter(self.ctx.signatures, file.language).admits(data, max(0, first - self.longest)):
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


class _Runner:
    """Runs tasks here, or here and in a process pool once they add up to enough work."""

    def __init__(self, scanner: _Scanner, workers: int, now_ns: int | None) -> None:
        self.scanner = scanner
        self.workers = workers
        self.now_ns = now_ns  # with a cache: when the run started, for racy digests
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[tuple[list[_Task], Future[list[Reply]]]] = []
        # by slot, the scans to cache: encoded (from the pool, or here) and their racy digests
        self.blobs: dict[int, Blob] = {}
        self.digests: dict[int, bytes | None] = {}

    def __enter__(self) -> _Runner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def run(self, tasks: list[_Task], results: list[FileScan | None]) -> None:
        chunks = deque(_chunks(tasks))
        listed = sum(task.file.size for task in tasks)
        while chunks:
            if self.pool is None and self._pool_pays(listed, len(chunks)):
                self._start_pool({task.file.language for chunk in chunks for task in chunk})
            if self.pool is None:
                self._here(chunks.popleft(), results)
                continue
            self._feed(chunks)
            if chunks:
                self._here(_take(chunks, front=False), results)
        self._collect(results)

    def _pool_pays(self, listed: int, chunks_left: int) -> bool:
        if self.workers < 2 or chunks_left < 2:
            return False
        parsing = self.scanner.parsed_bytes >= PARALLEL_MIN_BYTES
        return listed >= LISTED_MIN_BYTES or parsing or self.scanner.parsed >= PARALLEL_MIN_FILES

    def _start_pool(self, languages: set[str]) -> None:
        # imported only here: a pre-commit run over a few files never pays for it
        from concurrent.futures import ProcessPoolExecutor

        load(languages, self.scanner.ctx)  # once, here: the pool's processes inherit it

        self.pool = ProcessPoolExecutor(
            self.workers - 1, initializer=_init_worker, initargs=(self.scanner, self.now_ns)
        )

    def _feed(self, chunks: deque[list[_Task]]) -> None:
        """Keep two chunks per pool process in flight: enough to never starve it, few enough
        that what is left at the end can be shared with this process."""
        assert self.pool is not None
        limit = 2 * (self.workers - 1)
        in_flight = sum(1 for _, future in self.futures[-limit:] if not future.done())
        while chunks and in_flight < limit:
            chunk = _take(chunks, front=True)
            self.futures.append((chunk, self.pool.submit(_pool_chunk, chunk)))
            in_flight += 1

    def _here(self, chunk: list[_Task], results: list[FileScan | None]) -> None:
        from schema_lint.codec import encode

        for task in chunk:
            done = _run_task(task, self.scanner, self.now_ns)
            if done is None:
                continue
            results[task.slot] = done.scan
            if done.read and self.now_ns is not None:  # cached: encoded now, as the pool works
                self.digests[task.slot] = done.digest
                self.blobs[task.slot] = encode(done.scan)

    def _collect(self, results: list[FileScan | None]) -> None:
        from schema_lint.codec import decode

        for chunk, future in self.futures:
            for task, reply in zip(chunk, future.result(), strict=True):
                if reply is None:
                    continue
                blob, digest, read = reply
                scan = decode(task.file.path, blob)
                if scan is None:
                    raise RuntimeError(f"{task.file.path}: a worker returned an unreadable scan")
                results[task.slot] = scan
                if read:
                    self.digests[task.slot] = digest
                    self.blobs[task.slot] = blob


def _take(chunks: deque[list[_Task]], front: bool) -> list[_Task]:
    """The next chunk from one end; the last few are halved, so that the processes finish
    close together instead of one waiting for the other's last chunk."""
    chunk = chunks.popleft() if front else chunks.pop()
    if len(chunks) < 4 and len(chunk) > 1:
        half = len(chunk) // 2
        rest = chunk[half:] if front else chunk[:half]
        chunk = chunk[:half] if front else chunk[half:]
        if front:
            chunks.appendleft(rest)
        else:
            chunks.append(rest)
    return chunk


def _chunks(tasks: list[_Task]) -> list[list[_Task]]:
    """Tasks in path order, cut into runs of about CHUNK_BYTES of listed size."""
    chunks: list[list[_Task]] = []
    chunk: list[_Task] = []
    size = 0
    for task in tasks:
        chunk.append(task)
        size += task.file.size
        if size >= CHUNK_BYTES:
            chunks.append(chunk)
            chunk, size = [], 0
    if chunk:
        chunks.append(chunk)
    return chunks


def _run_task(task: _Task, scanner: _Scanner, now_ns: int | None) -> _Done | None:
    """Read, prefilter and scan one file; None when it is gone."""
    data = task.data if task.data is not None else _read(task.file)
    if not isinstance(data, bytes):
        return None if data is None else _Done(data, None, False)
    racy = None
    if now_ns is not None:
        from schema_lint.cache import ScanCache, Stamp

        racy = ScanCache.racy_digest(Stamp(task.file.size, task.file.mtime_ns), data, now_ns)
    return _Done(scanner.scan(task.file, data), racy, True)


_worker: tuple[_Scanner, int | None] | None = None


def _init_worker(scanner: _Scanner, now_ns: int | None) -> None:
    global _worker
    _worker = (scanner, now_ns)
    # a worker lives for one run and builds acyclic scans: as the command itself (cli.py),
    # it needs no collection
    gc.disable()


def _pool_chunk(chunk: list[_Task]) -> list[Reply]:
    from schema_lint.codec import encode

    assert _worker is not None
    replies: list[Reply] = []
    for task in chunk:
        done = _run_task(task, *_worker)
        replies.append(None if done is None else (encode(done.scan), done.digest, done.read))
    return replies
