"""Items shared between this process and forked copies of it, from one queue.

The scanning chunks of a large run (schema_lint.pool): a fork shares the tasks, the grammars
and the scanner already in memory, so nothing is imported or sent to start a copy, and each
copy's results come back as they are made, to be decoded here between this process's own
chunks rather than all at the end.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from schema_lint import forked
from schema_lint.forked import ForkedError

R = TypeVar("R")
# the queue is a pipe filled before any copy starts: it must fit in its buffer (64 KiB on
# Linux, 4 bytes an item)
SHARE_MAX_ITEMS = 16_000


def share(
    count: int,
    copies: int,
    here: Callable[[int], None],
    work: Callable[[int], R],
    took: Callable[[int, R], None],
) -> None:
    """Items 0 to count - 1, shared between this process and `copies` forked copies of it.

    Each process takes the next index from one queue (a pipe they all read; a read of four
    bytes is atomic) until none is left, so a process that got small items takes more of
    them. This process runs `here(index)` on the items it takes; the copies run `work(index)`,
    and each result is handed to `took(index, result)` here as it arrives: between the items
    this process runs (which then takes fewer), and after its last. Without a fork, every
    item runs here."""
    if copies < 1 or count < 2 or not forked.can_fork():
        for index in range(count):
            here(index)
        return
    if count > SHARE_MAX_ITEMS:
        raise ValueError(f"{count} items: at most {SHARE_MAX_ITEMS} fit the queue")
    queue, fill = os.pipe()
    os.write(fill, b"".join(index.to_bytes(4, "little") for index in range(count)))
    os.close(fill)  # an empty queue then reads as its end
    streams: list[_Stream[R]] = []
    try:
        streams = [_Stream.start(queue, work) for _ in range(copies)]
        for index in _indices(queue):
            here(index)
            for stream in streams:
                stream.receive(took, wait=False)
        for stream in streams:
            stream.receive(took, wait=True)
    except BaseException:
        for stream in streams:
            stream.kill()
        raise
    finally:
        os.close(queue)


def _indices(queue: int) -> Iterator[int]:
    while len(item := os.read(queue, 4)) == 4:
        yield int.from_bytes(item, "little")


_DONE, _FAILED = -1, -2  # record indices that end a copy's stream


class _Stream(Generic[R]):
    """A forked copy running items from the queue, and the pipe its results come back on:
    a record an item (8 bytes of length, then the pickled index and result), then one that
    says it is done, or that it failed and how."""

    def __init__(self, pid: int, pipe: int) -> None:
        self.pid, self.pipe = pid, pipe
        self.buffer = bytearray()

    @classmethod
    def start(cls, queue: int, work: Callable[[int], R]) -> _Stream[R]:
        read, write = os.pipe()
        try:  # room for many results: the copy need not wait for this process to read them
            import fcntl

            fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 1 << 20)
        except (ImportError, AttributeError, OSError):
            pass
        pid = os.fork()
        if pid == 0:  # the copy: never returns
            os.close(read)
            _stream_and_exit(queue, work, write)
        os.close(write)
        os.set_blocking(read, False)
        return cls(pid, read)

    def receive(self, took: Callable[[int, R], None], wait: bool) -> None:
        """Hand the results that have arrived to `took`; with `wait`, all of them, up to the
        copy's end."""
        if not self.pid:
            return
        if wait:
            os.set_blocking(self.pipe, True)
        done = False
        while not done:
            try:
                data = os.read(self.pipe, 1 << 20)
            except BlockingIOError:
                return
            if not data:
                break  # its end of the pipe closed before its last record: killed, or crashed
            self.buffer += data
            done = self._records(took)
        os.close(self.pipe)
        os.waitpid(self.pid, 0)
        self.pid = 0
        if not done:
            raise ForkedError("the forked process ended without a result")

    def _records(self, took: Callable[[int, R], None]) -> bool:
        """Hand over the complete records in the buffer; True at the copy's last one."""
        while len(self.buffer) >= 8:
            size = int.from_bytes(self.buffer[:8], "little")
            if len(self.buffer) < 8 + size:
                return False
            index, value = pickle.loads(self.buffer[8 : 8 + size])
            del self.buffer[: 8 + size]
            if index == _FAILED:
                raise ForkedError(value)
            if index == _DONE:
                return True
            took(index, value)
        return False

    def kill(self) -> None:
        if self.pid:
            import signal

            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.pipe)
            self.pid = 0


def _stream_and_exit(queue: int, work: Callable[[int], object], pipe: int) -> None:
    """In a copy: run items from the queue, send each result as it is made, and leave."""
    status = 0
    try:
        with os.fdopen(pipe, "wb") as out:

            def send(index: int, value: object) -> None:
                payload = pickle.dumps((index, value), pickle.HIGHEST_PROTOCOL)
                out.write(len(payload).to_bytes(8, "little") + payload)
                out.flush()

            try:
                for index in _indices(queue):
                    send(index, work(index))
                send(_DONE, None)
            except BaseException:
                import traceback

                send(_FAILED, traceback.format_exc())
                status = 1
    finally:
        os._exit(status)
