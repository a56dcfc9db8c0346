"""Work in forked copies (schema_lint.forked, schema_lint.sharing): the same result as here,
failures surfaced, nothing left running once a run returns; and what a run keeps to the end
of the process (schema_lint.lifetime)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from schema_lint import forked, sharing
from schema_lint.forked import Forked, ForkedError, can_fork

needs_fork = pytest.mark.skipif(not can_fork(), reason="this platform or process cannot fork")


@needs_fork
def test_the_work_runs_in_another_process_and_its_result_comes_back() -> None:
    here = os.getpid()
    copy = Forked(lambda: (os.getpid(), {"keys": [1, 2.5, "x"]}))
    pid, value = copy.result()
    assert pid != here
    assert value == {"keys": [1, 2.5, "x"]}


@needs_fork
def test_a_failure_in_the_copy_is_raised_here_with_its_traceback() -> None:
    def broken() -> None:
        raise ValueError("no such key")

    with pytest.raises(ForkedError, match="ValueError: no such key"):
        Forked(broken).result()


@needs_fork
def test_a_copy_that_dies_without_a_result_is_an_error() -> None:
    with pytest.raises(ForkedError, match="without a result"):
        Forked(lambda: os._exit(3)).result()


@needs_fork
def test_a_result_larger_than_a_pipe_holds_comes_back_whole() -> None:
    big = "x" * (1 << 20)
    assert Forked(lambda: big).result() == big


def test_without_fork_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    here = os.getpid()
    assert Forked(os.getpid).result() == here


def test_a_process_with_threads_does_not_fork() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        assert Forked(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        thread.join()


def test_background_work_is_done_when_the_run_returns(tmp_path: Path) -> None:
    target = tmp_path / "written"

    def slow_write() -> None:
        time.sleep(0.2)
        target.write_text("done")

    @forked.joins
    def run() -> str:
        forked.background(slow_write)
        return "returned"

    assert run() == "returned"
    assert target.read_text() == "done"


@needs_fork
def test_background_failures_surface_when_joined() -> None:
    def broken() -> None:
        raise OSError("disk full")

    @forked.joins
    def run() -> None:
        forked.background(broken)

    with pytest.raises(ForkedError, match="disk full"):
        run()


@needs_fork
@pytest.mark.parametrize("copies", [1, 2, 3])
def test_shared_items_are_each_done_once_here_or_in_a_copy(copies: int) -> None:
    here: list[int] = []

    def slow(index: int) -> None:
        time.sleep(0.002 * (index % 3))  # uneven items: whoever is free takes the next

    def work(index: int) -> tuple[int, int]:
        slow(index)
        return os.getpid(), index * index

    def done_here(index: int) -> None:
        slow(index)
        here.append(index)

    copied: list[tuple[int, tuple[int, int]]] = []
    sharing.share(60, copies, done_here, work, lambda index, got: copied.append((index, got)))
    indices = sorted([*here, *(index for index, _ in copied)])
    assert indices == list(range(60))
    assert all(result == index * index for index, (_, result) in copied)
    assert all(pid != os.getpid() for _, (pid, _) in copied)
    assert copied  # the copies took some


def test_without_fork_every_shared_item_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    here: list[int] = []
    sharing.share(5, 2, here.append, lambda index: index, lambda index, got: None)
    assert here == [0, 1, 2, 3, 4]


@needs_fork
def test_a_failing_shared_item_in_a_copy_is_raised_here() -> None:
    def work(index: int) -> int:
        raise KeyError(f"item {index}")  # whichever item the copy takes first

    def here(index: int) -> None:
        time.sleep(0.005)  # slow enough that the copy takes items too

    with pytest.raises(ForkedError, match="KeyError: 'item"):
        sharing.share(40, 1, here, work, lambda index, got: None)


@needs_fork
def test_a_failure_here_stops_the_copies() -> None:
    def here(index: int) -> None:
        raise RuntimeError("stop")

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="stop"):
        sharing.share(1000, 2, here, lambda index: time.sleep(0.01), lambda index, got: None)
    assert time.monotonic() - started < 2  # the copies were killed, not waited for


@needs_fork
def test_results_larger_than_a_pipe_come_back_while_this_process_works() -> None:
    big = "x" * (1 << 18)
    received: list[int] = []
    sharing.share(
        30,
        1,
        lambda index: time.sleep(0.002),
        lambda index: big,
        lambda i, got: received.append(len(got)),
    )
    assert received and all(size == len(big) for size in received)


@needs_fork
def test_a_copy_killed_midway_is_an_error() -> None:
    taken: list[int] = []

    def work(index: int) -> int:
        if taken:
            os._exit(9)  # as if killed, on its second item: no last record
        taken.append(index)
        return index

    with pytest.raises(ForkedError, match="without a result"):
        sharing.share(40, 1, lambda index: time.sleep(0.005), work, lambda index, got: None)


def test_a_run_keeps_its_objects_only_in_a_process_that_ends_without_freeing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`lifetime.keep` holds nothing for tests or other tools, whose memory must be freed;
    only after the command's `until_exit` does it keep what it is given."""
    import gc
    import weakref

    from schema_lint import lifetime

    class Built:
        pass

    first = Built()
    dropped = weakref.ref(first)
    lifetime.keep(first)
    del first
    gc.collect()
    assert dropped() is None

    monkeypatch.setattr(lifetime, "_kept", None)
    lifetime.until_exit()
    second = Built()
    kept = weakref.ref(second)
    lifetime.keep(second)
    del second
    gc.collect()
    assert kept() is not None
