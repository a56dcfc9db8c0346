"""Work done in a forked copy of this process while this one goes on.

After the pool, one process is left with the run's last steps (the rules, the report, and
writing the cache, which means encoding every scan made here) while the other cores idle. A
fork shares everything already in memory, so the copy needs nothing sent to it; it sends back
its result, pickled through a pipe. (Running half the rules in a copy was measured too, and
gained nothing on two cores: bench/README.md.) Where there is no `fork` (Windows), on macOS
(where system libraries may not survive one), or in a process with other threads (a lock one
of them held would stay held in the copy), the work is done here, at once, with the same
result.

`background` is for work whose result nobody reads (the cache); `join` waits for all of it,
and every run calls it before it returns, so nothing outlives the run that started it.
"""

from __future__ import annotations

import functools
import os
import pickle
import sys
from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")


class ForkedError(RuntimeError):
    """The forked copy failed: the message is its traceback."""


def can_fork() -> bool:
    import threading  # here: a warm run never forks, and need not import it

    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


class Forked(Generic[T]):
    """`work()`, run in a forked copy of this process; `result()` waits for it."""

    def __init__(self, work: Callable[[], T], nice: bool = False) -> None:
        self._pid = 0
        self._pipe = -1
        self._value: T | None = None
        if not can_fork():
            self._value = work()
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the copy: never returns
            os.close(read)
            if nice:
                os.nice(10)
            _run_and_exit(work, write)
        os.close(write)
        self._pid, self._pipe = pid, read

    def result(self) -> T:
        if not self._pid:
            return self._value  # type: ignore[return-value]  # done here: T itself
        with os.fdopen(self._pipe, "rb") as pipe:
            data = pipe.read()  # to its end before waiting: a full pipe would block the copy
        os.waitpid(self._pid, 0)
        self._pid = 0
        try:
            done, value = pickle.loads(data)
        except Exception:
            done, value = False, "the forked process ended without a result"
        if not done:
            raise ForkedError(value)
        self._value = value
        return value  # type: ignore[no-any-return]  # what work() returned, unpickled


def _run_and_exit(work: Callable[[], object], pipe: int) -> None:
    """In the copy: run, send the outcome, and leave at once, with no exit handlers and no
    flushing of output buffers the parent still owns."""
    status = 0
    try:
        try:
            payload = pickle.dumps((True, work()), pickle.HIGHEST_PROTOCOL)
        except BaseException:
            import traceback  # only for a failure: its import is not cheap

            payload = pickle.dumps((False, traceback.format_exc()))
            status = 1
        with os.fdopen(pipe, "wb") as out:
            out.write(payload)
    finally:
        os._exit(status)


_pending: list[Forked[None]] = []


def background(work: Callable[[], None]) -> None:
    """Start `work` in a forked copy (or do it now); `join` waits for it. The copy runs at a
    lower priority: nothing needs it before the run ends, and this process, which the run
    waits for, should never share a core with it."""
    _pending.append(Forked(work, nice=True))


def join() -> None:
    """Wait for all the background work; raises the first failure, after waiting for all."""
    errors = []
    while _pending:
        try:
            _pending.pop(0).result()
        except ForkedError as exc:
            errors.append(exc)
    if errors:
        raise errors[0]


def joins(function: Callable[P, T]) -> Callable[P, T]:
    """`function`, waiting for the background work it started before it returns or raises."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return function(*args, **kwargs)
        finally:
            join()

    return wrapper
