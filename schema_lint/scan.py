"""Read and scan the discovered files: from the cache when unchanged, in processes when it pays.

This process stats, reads and prefilters every file itself: reading is cheap, and most files
hold nothing of ours and never reach a parser. The few that do are parsed here, or, once they
add up to enough work (PERF_NOTES: ~2 MB or ~100 files; below that the pool's start-up and
IPC cost more than another core gives), shared between this process and a pool of workers
that starts while the rest is still being read. Results come back in file order whichever
process made them, and are the same either way.

`SCHEMA_LINT_WORKERS` sets how many processes scan, this one included (1: no pool); the
default is one per CPU.
"""

from __future__ import annotations

import gc
import os
import time
from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from schema_lint.discovery import SourceFile
from schema_lint.model import FileScan, Problem, Span
from schema_lint.scanners import GRAMMARS, ScanContext, candidate, prefilter, scan_file
from schema_lint.scanners.source import UTF16_BOMS
from schema_lint.settings import Settings

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from schema_lint.cache import ScanCache, Stamp

WORKERS_ENV = "SCHEMA_LINT_WORKERS"
PARALLEL_MIN_BYTES = 2_000_000  # bytes of the files that need a scanner
PARALLEL_MIN_FILES = 100
CHUNK_BYTES = 128 * 1024  # one worker task: small enough to keep every worker busy to the end

Blob = bytes | None  # a FileScan as codec.encode gives it


class _Job(NamedTuple):
    """A file that needs a scanner, with its bytes already read."""

    path: str
    language: str
    data: bytes
    example: bool


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
    ctx = context_for(settings)
    store: ScanCache | None = None
    if use_cache:
        from schema_lint.cache import ScanCache

        store = ScanCache.load(settings)
    results: list[FileScan | None] = [None] * len(files)
    to_store: list[tuple[int, Stamp, bytes | None]] = []  # with the digest of racy files
    triage = _Triage(ctx)
    now_ns = time.time_ns()
    with _Runner(ctx, workers()) as runner:
        for index, file in enumerate(files):
            if store is None:
                data = _read(file)
            else:
                found = _from_cache(store, file, now_ns)
                if not isinstance(found, tuple):
                    results[index] = found
                    continue
                stamp, data = found
                if isinstance(data, bytes):
                    to_store.append((index, stamp, store.racy_digest(stamp, data, now_ns)))
            if not isinstance(data, bytes):
                results[index] = data
                continue
            quick = triage.quick_scan(file, data)
            if quick is not None:
                results[index] = quick
            else:
                runner.add(index, _Job(file.path, file.language, data, file.example))
        blobs = runner.finish(results)
    if store is not None:
        from schema_lint.codec import encode

        for index, stamp, digest in to_store:
            scan = results[index]
            if scan is not None:
                blob = blobs[index] if index in blobs else encode(scan)
                store.put(scan.path, stamp, blob, digest)
        store.save({file.path for file in files})
    return [scan for scan in results if scan is not None]


def count_parsed(settings: Settings, files: Sequence[SourceFile]) -> int:
    """How many of `files` go to a parser; the others hold no possible tracking call."""
    triage = _Triage(context_for(settings))
    return sum(
        1
        for file in files
        if isinstance(data := _read(file), bytes) and triage.quick_scan(file, data) is None
    )


def _from_cache(
    store: ScanCache, file: SourceFile, now_ns: int
) -> FileScan | tuple[Stamp, bytes | FileScan | None] | None:
    """The cached scan of an unchanged file; else its stamp and what reading it gave."""
    from schema_lint.cache import Stamp

    stamp = Stamp(file.size, file.mtime_ns)
    data: bytes | None = None
    if store.needs_content(file.path, stamp):
        read = _read(file)
        if not isinstance(read, bytes):
            return stamp, read
        data = read
    cached = store.get(file.path, stamp, data, now_ns)
    if cached is not None:
        return cached
    return stamp, data if data is not None else _read(file)


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

    def quick_scan(self, file: SourceFile, data: bytes) -> FileScan | None:
        """The scan of a file that needs no parser (most files), or None when it needs one.

        Only raw bytes are looked at: a file that cannot hold anything of ours is never
        decoded, so its encoding is no finding. UTF-16 is left to the scanner, which decodes
        it before prefiltering.
        """
        if data.startswith(UTF16_BOMS) or file.example:
            return None  # examples are always read
        first = self.first_name(data, self.needles.get(file.language, self.any_needles))
        if first < 0:
            return FileScan(file.path)  # what scan_file gives for a prefilter miss
        if file.language not in GRAMMARS:
            return None if candidate(file.language, data, self.ctx, False) else FileScan(file.path)
        if prefilter(self.ctx.signatures, file.language).admits(data, max(0, first - self.longest)):
            return None
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
    """Scans jobs here, or here and in a process pool once they add up to enough work.

    This process is one of the `workers`: the pool has one process fewer, is fed chunks while
    this one still reads, and once reading is done this one takes chunks from the other end
    of the queue, so no core idles and no more processes run than there are cores.
    """

    def __init__(self, ctx: ScanContext, workers: int) -> None:
        self.ctx = ctx
        self.workers = workers
        self.pending: list[tuple[int, _Job]] = []
        self.pending_bytes = 0
        self.total_bytes = 0
        self.count = 0
        self.chunks: deque[list[tuple[int, _Job]]] = deque()
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[tuple[list[tuple[int, str]], Future[list[Blob]]]] = []

    def __enter__(self) -> _Runner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def add(self, index: int, job: _Job) -> None:
        self.pending.append((index, job))
        self.pending_bytes += len(job.data)
        self.total_bytes += len(job.data)
        self.count += 1
        if (
            self.pool is None
            and self.workers > 1
            and (self.total_bytes >= PARALLEL_MIN_BYTES or self.count >= PARALLEL_MIN_FILES)
        ):
            self._start_pool()
        if self.pool is not None and self.pending_bytes >= CHUNK_BYTES:
            self._cut()
            self._feed()

    def _start_pool(self) -> None:
        # imported only here: a pre-commit run over a few files never pays for it
        from concurrent.futures import ProcessPoolExecutor

        self.pool = ProcessPoolExecutor(
            self.workers - 1, initializer=_init_worker, initargs=(self.ctx,)
        )

    def _cut(self) -> None:
        """Move the pending jobs to the queue, in chunks of about CHUNK_BYTES."""
        chunk: list[tuple[int, _Job]] = []
        size = 0
        for item in self.pending:
            chunk.append(item)
            size += len(item[1].data)
            if size >= CHUNK_BYTES:
                self.chunks.append(chunk)
                chunk, size = [], 0
        if chunk:
            self.chunks.append(chunk)
        self.pending = []
        self.pending_bytes = 0

    def _feed(self) -> None:
        """Keep two chunks per pool process in flight: enough to never starve it, few enough
        that what is left at the end can be shared with this process."""
        assert self.pool is not None
        limit = 2 * (self.workers - 1)
        in_flight = sum(1 for _, future in self.futures[-limit:] if not future.done())
        while self.chunks and in_flight < limit:
            chunk = self.chunks.popleft()
            keys = [(index, job.path) for index, job in chunk]
            jobs = [job for _, job in chunk]
            self.futures.append((keys, self.pool.submit(_scan_jobs, jobs)))
            in_flight += 1

    def finish(self, results: list[FileScan | None]) -> dict[int, Blob]:
        """Fill in the jobs' results; return the encoded scans that came from the pool."""
        if self.pool is None:
            for index, job in self.pending:
                results[index] = _scan_job(job, self.ctx)
            return {}
        from schema_lint.codec import decode

        self._cut()
        while self.chunks:
            self._feed()
            if self.chunks:
                for index, job in self.chunks.pop():
                    results[index] = _scan_job(job, self.ctx)
        blobs: dict[int, Blob] = {}
        for keys, future in self.futures:
            for (index, path), blob in zip(keys, future.result(), strict=True):
                scan = decode(path, blob)
                if scan is None:
                    raise RuntimeError(f"{path}: a worker returned an unreadable scan")
                results[index] = scan
                blobs[index] = blob
        return blobs


_worker_ctx: ScanContext | None = None


def _init_worker(ctx: ScanContext) -> None:
    global _worker_ctx
    _worker_ctx = ctx
    # a worker lives for one run and builds acyclic scans: as the command itself (cli.py),
    # it needs no collection
    gc.disable()


def _scan_jobs(jobs: list[_Job]) -> list[Blob]:
    from schema_lint.codec import encode

    assert _worker_ctx is not None
    return [encode(_scan_job(job, _worker_ctx)) for job in jobs]


def _scan_job(job: _Job, ctx: ScanContext) -> FileScan:
    return scan_file(job.path, job.language, job.data, ctx, job.example)
