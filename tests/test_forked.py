"""Work in a forked copy (schema_lint.forked): the same result as here, failures surfaced, and
nothing left running once a run returns."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from schema_lint import forked
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
