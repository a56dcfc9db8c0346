"""The process pool: files read, prefiltered and scanned here, or here and in other processes.

Every file the cache does not answer is one task: read it, prefilter its bytes, and scan it
if it can hold anything of ours (`Scanner`: the first pass's triage, or the second pass's).
Reading and the prefilter are a third of a cold run's work, so they are shared between
processes as parsing is: tasks go in chunks of about CHUNK_BYTES of listed size, in path
order. This process takes chunks from the front while the work is small; once it adds up to
enough to pay for more processes (PERF_NOTES: ~2 MB or ~100 files that need a parser; or a
listing of LISTED_MIN_BYTES, where the prefilter alone pays for a second core), the rest is
shared with `workers - 1` others, so no core idles and no more processes run than there are
cores. Where this process can fork, they are copies of it that take chunks from one queue as
it does (schema_lint.sharing: nothing to import or send, and 35 ms less on a 7,000-file cold
run than a process pool); elsewhere a process pool is fed chunks from the front while this
process takes them from the back. Results land in file order whichever process made them,
and are the same either way.

`SCHEMA_LINT_WORKERS` sets how many processes scan, this one included (1: no pool); the
default is one per CPU.
"""

from __future__ import annotations

import gc
import os
import stat
from collections import deque
from typing import TYPE_CHECKING, Final, Literal, NamedTuple, Protocol

from schema_lint.cache import ScanCache
from schema_lint.discovery import UNSTATED, SourceFile
from schema_lint.model import FileScan, Problem, Span
from schema_lint.scanners import ScanContext, load

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

WORKERS_ENV = "SCHEMA_LINT_WORKERS"
PARALLEL_MIN_BYTES = 2_000_000  # bytes of the files that need a scanner
PARALLEL_MIN_FILES = 100
LISTED_MIN_BYTES = 8_000_000  # bytes listed: reading and prefiltering them pays for a pool
CHUNK_BYTES = 1 << 20  # listed bytes of one chunk: small enough to keep every core busy
GUESSED_SIZE = 8192  # a source file's size, for chunks of files listed without one
NO_LIMIT = 1 << 62  # the size limit of the callers that give none
_OPEN_UNSTATED = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)

Blob = bytes | None  # a FileScan as codec.encode gives it
Stamped = tuple[int, int]  # size and mtime, of a file listed without them, found as it was read
# a file listed without a stat that discovery.admit must look at (a link, not a regular file,
# too big, or an error other than being gone): the process that made the listing does
Recheck = Literal["recheck"]
RECHECK: Final = "recheck"
# a task's outcome from a pool process: a Done with its scan encoded, None for a file deleted
# since it was listed, or RECHECK
Reply = tuple[Blob, bytes | None, bool, Stamped | None] | None | Recheck


class Done(NamedTuple):
    """What one task gave: the scan, the racy digest (see ScanCache), and whether the file
    could be read: the scan of one that could not is never cached (a `chmod` that mends it
    leaves its size and mtime as they were); a file listed without a stat, its stamp."""

    scan: FileScan
    digest: bytes | None
    read: bool
    stamp: Stamped | None = None


class Scanner(Protocol):
    """What the runner scans with: the first pass's triage, or a second pass's (rescan)."""

    ctx: ScanContext
    parsed: int  # files given to a scanner so far, and their bytes: when a pool pays
    parsed_bytes: int

    def scan(self, file: SourceFile, data: bytes) -> FileScan: ...


class Task(NamedTuple):
    """A file to read, prefilter and scan; `data` when the cache's check has read it."""

    slot: int  # in the list of files
    file: SourceFile
    data: bytes | None


def workers() -> int:
    """Processes that scan, this one included: `SCHEMA_LINT_WORKERS`, else the usable CPUs."""
    try:
        return max(1, int(os.environ.get(WORKERS_ENV, "")))
    except ValueError:
        pass
    if hasattr(os, "sched_getaffinity"):  # the CPUs this process may run on, not all there are
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def read_file(file: SourceFile) -> bytes | FileScan | None:
    """The file's bytes; a FileScan with the problem when it cannot be read; None when gone.

    One `os.read` of the size the listing found (plus one byte, to notice growth): no buffered
    file object and no second stat, 40% less than `open().read()` over a monorepo. A short
    read of a regular file is its end."""
    try:
        fd = os.open(file.abspath, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None  # deleted since it was listed: nothing left to lint
    except OSError as exc:
        return unreadable(file, exc)
    try:
        data = os.read(fd, file.size + 1)
        if len(data) > file.size:  # it grew since it was listed
            data += b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
        return data
    except OSError as exc:
        return unreadable(file, exc)
    finally:
        os.close(fd)


def read_unstated(file: SourceFile, limit: int) -> tuple[bytes, Stamped] | Recheck | None:
    """The bytes of a file listed without a stat (discovery.discover), with its size and mtime
    from the open file (as cheap as nothing against the `lstat` it spares); None when it is
    gone. Anything else than a regular file of at most `limit` bytes, opened and read without
    error, is RECHECK: a link (not followed), a folder, a pipe (opened without blocking), a
    file too big or unreadable, for discovery.admit to decide as for a listing with stats."""
    try:
        fd = os.open(file.abspath, _OPEN_UNSTATED | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError:
        return RECHECK
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return RECHECK
        data = os.read(fd, info.st_size + 1)
        if len(data) > info.st_size:  # it grew since the stat
            data += b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
        return data, (info.st_size, info.st_mtime_ns)
    except OSError:
        return RECHECK
    finally:
        os.close(fd)


def unreadable(file: SourceFile, exc: OSError) -> FileScan:
    reason = exc.strerror or exc.__class__.__name__
    problem = Problem(f"cannot read file: {reason}", Span(1, 1, 1, 1))
    return FileScan(file.path, problems=(problem,))


class Runner:
    """Runs tasks here, or here and in a process pool once they add up to enough work."""

    def __init__(
        self, scanner: Scanner, workers: int, now_ns: int | None, limit: int = NO_LIMIT
    ) -> None:
        self.scanner = scanner
        self.workers = workers
        self.now_ns = now_ns  # with a cache: when the run started, for racy digests
        self.limit = limit  # max-file-size, for the files listed without a stat
        self.pool: ProcessPoolExecutor | None = None
        self.forks = False  # the work is shared with forked copies instead of a pool
        self.tasks: list[Task] = []
        self.futures: list[tuple[range, Future[list[Reply]]]] = []
        # by slot, the scans to cache (encoded by the pool; made here: encoded when the cache
        # is written, which may be in a forked copy while this process goes on) and their
        # racy digests
        self.blobs: dict[int, Blob | FileScan] = {}
        self.digests: dict[int, bytes | None] = {}
        # of the tasks whose file was listed without a stat: its stamp as read, by task
        # index, and the tasks to look at again (RECHECK)
        self.stamps: dict[int, Stamped] = {}
        self.rechecks: list[int] = []

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def run(self, tasks: list[Task], results: list[FileScan | None]) -> None:
        self.tasks = tasks
        chunks = deque(_chunks(tasks))
        listed = sum(map(_size, tasks))
        while chunks:
            if self.pool is None and not self.forks and self._pool_pays(listed, len(chunks)):
                left = (tasks[index] for chunk in chunks for index in chunk)
                self._start_pool({task.file.language for task in left})
            if self.forks:
                self._share(list(chunks), results)
                return
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
        """Where this process can fork, its copies share the rest of the work (`_share`):
        they inherit the tasks, the grammars and the scanner, loaded here once. Elsewhere
        (Windows, macOS) a process pool imports them in each of its processes, and gets the
        tasks once, as they start."""
        from schema_lint import forked

        load(languages, self.scanner.ctx)
        if forked.can_fork():
            self.forks = True
            return
        # imported only here: a pre-commit run over a few files never pays for it
        from concurrent.futures import ProcessPoolExecutor

        initargs = (self.scanner, self.now_ns, self.limit, self.tasks)
        self.pool = ProcessPoolExecutor(
            self.workers - 1, initializer=_init_worker, initargs=initargs
        )

    def _share(self, chunks: list[range], results: list[FileScan | None]) -> None:
        """The chunks shared with `workers - 1` forked copies (schema_lint.sharing); the last
        four are halved, so that the processes finish close together."""
        from schema_lint import sharing

        while len(chunks) > sharing.SHARE_MAX_ITEMS:  # a queue of chunks must fit a pipe
            last = len(chunks) - 1
            chunks = [
                range(chunks[i].start, chunks[min(i + 1, last)].stop) for i in range(0, last + 1, 2)
            ]
        chunks = [*chunks[:-4], *(half for chunk in chunks[-4:] for half in _halves(chunk))]
        sharing.share(
            len(chunks),
            self.workers - 1,
            lambda index: self._here(chunks[index], results),
            lambda index: _replies(
                chunks[index], self.scanner, self.now_ns, self.limit, self.tasks
            ),
            lambda index, replies: self._apply([(chunks[index], replies)], results),
        )

    def _feed(self, chunks: deque[range]) -> None:
        """Keep two chunks per pool process in flight: enough to never starve it, few enough
        that what is left at the end can be shared with this process."""
        assert self.pool is not None
        limit = 2 * (self.workers - 1)
        in_flight = sum(1 for _, future in self.futures[-limit:] if not future.done())
        while chunks and in_flight < limit:
            chunk = _take(chunks, front=True)
            self.futures.append((chunk, self.pool.submit(_pool_chunk, chunk)))
            in_flight += 1

    def run_again(self, index: int, results: list[FileScan | None]) -> None:
        """Task `index` run here once more: its file has been stated since (RECHECK)."""
        self._here(range(index, index + 1), results)

    def _here(self, chunk: range, results: list[FileScan | None]) -> None:
        for index in chunk:
            task = self.tasks[index]
            done = run_task(task, self.scanner, self.now_ns, self.limit)
            if done is None:
                continue
            if done == RECHECK:
                self.rechecks.append(index)
                continue
            results[task.slot] = done.scan
            if done.stamp is not None:
                self.stamps[index] = done.stamp
            if done.read and self.now_ns is not None:
                self.digests[task.slot] = done.digest
                self.blobs[task.slot] = done.scan

    def _collect(self, results: list[FileScan | None]) -> None:
        self._apply([(chunk, future.result()) for chunk, future in self.futures], results)

    def _apply(
        self, replies: list[tuple[range, list[Reply]]], results: list[FileScan | None]
    ) -> None:
        from schema_lint.codec import decode

        for chunk, taken in replies:
            for index, reply in zip(chunk, taken, strict=True):
                task = self.tasks[index]
                if reply is None:
                    continue
                if reply == RECHECK:
                    self.rechecks.append(index)
                    continue
                blob, digest, read, stamp = reply
                if stamp is not None:
                    self.stamps[index] = stamp
                scan = decode(task.file.path, blob)
                if scan is None:
                    raise RuntimeError(f"{task.file.path}: a worker returned an unreadable scan")
                results[task.slot] = scan
                if read and self.now_ns is not None:
                    self.digests[task.slot] = digest
                    self.blobs[task.slot] = blob


def _take(chunks: deque[range], front: bool) -> range:
    """The next chunk from one end; the last few are halved, so that the processes finish
    close together instead of one waiting for the other's last chunk."""
    chunk = chunks.popleft() if front else chunks.pop()
    if len(chunks) < 4 and len(chunk) > 1:
        first, second = _halves(chunk)
        if front:
            chunk = first
            chunks.appendleft(second)
        else:
            chunk = second
            chunks.append(first)
    return chunk


def _halves(chunk: range) -> list[range]:
    half = len(chunk) // 2
    return [chunk[:half], chunk[half:]] if half else [chunk]


def _chunks(tasks: list[Task]) -> list[range]:
    """The tasks, in path order, cut into runs of about CHUNK_BYTES of listed size."""
    chunks: list[range] = []
    start = size = 0
    for index, task in enumerate(tasks):
        size += _size(task)
        if size >= CHUNK_BYTES:
            chunks.append(range(start, index + 1))
            start, size = index + 1, 0
    if start < len(tasks):
        chunks.append(range(start, len(tasks)))
    return chunks


def _size(task: Task) -> int:
    return task.file.size if task.file.size != UNSTATED else GUESSED_SIZE


def run_task(
    task: Task, scanner: Scanner, now_ns: int | None, limit: int = NO_LIMIT
) -> Done | Recheck | None:
    """Read, prefilter and scan one file; None when it is gone; RECHECK for a file listed
    without a stat that is not a regular file of at most `limit` bytes (see read_unstated)."""
    stamp, mtime_ns = None, task.file.mtime_ns
    if task.data is not None:
        data: bytes | FileScan | None = task.data
    elif task.file.size == UNSTATED:
        found = read_unstated(task.file, limit)
        if not isinstance(found, tuple):
            return found
        data, stamp = found
        mtime_ns = stamp[1]
    else:
        data = read_file(task.file)
    if not isinstance(data, bytes):
        return None if data is None else Done(data, None, False)
    racy = None
    if now_ns is not None:
        racy = ScanCache.racy_digest(mtime_ns, data, now_ns)
    return Done(scanner.scan(task.file, data), racy, True, stamp)


_worker: tuple[Scanner, int | None, int, list[Task]] | None = None


def _init_worker(scanner: Scanner, now_ns: int | None, limit: int, tasks: list[Task]) -> None:
    global _worker
    _worker = (scanner, now_ns, limit, tasks)
    # a worker lives for one run and builds acyclic scans: as the command itself (cli.py),
    # it needs no collection
    gc.disable()


def _pool_chunk(chunk: range) -> list[Reply]:
    assert _worker is not None
    return _replies(chunk, *_worker)


def _replies(
    chunk: range, scanner: Scanner, now_ns: int | None, limit: int, tasks: list[Task]
) -> list[Reply]:
    """A chunk's tasks, run in another process: its scans encoded to send back."""
    from schema_lint.codec import encode

    replies: list[Reply] = []
    for index in chunk:
        done = run_task(tasks[index], scanner, now_ns, limit)
        if done is None or done == RECHECK:
            replies.append(done)
        else:
            replies.append((encode(done.scan), done.digest, done.read, done.stamp))
    return replies
