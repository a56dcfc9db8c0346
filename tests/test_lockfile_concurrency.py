from __future__ import annotations

import multiprocessing
import os
import random
import time
from pathlib import Path
from typing import Any

import pytest

from schema_lint.lockfile import dumps, load, update

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs flock and SIGKILL")

CTX = multiprocessing.get_context("spawn")
WORKERS = 8
KEYS_PER_WORKER = 25


def add_keys_one_by_one(path: Path, worker: int, start: Any) -> None:
    start.wait()
    for i in range(KEYS_PER_WORKER):
        namespace = ("events", "users", "companies")[i % 3]
        key = f"w{worker}_k{i:02d}"
        added = update(path, {namespace: {key: "string", "shared": "number"}})
        if added.get(namespace, {}).get(key) != "string":
            raise SystemExit(f"{key} was not reported as added: {added}")


def keep_adding(path: Path, ready: Any) -> None:
    ready.set()
    for i in range(1_000_000):
        update(path, {"events": {f"new_{os.getpid()}_{i:06d}": "array<object>"}})


def stall_before_rename(path: Path, stalled: Any) -> None:
    def stall(src: object, dst: object) -> None:
        stalled.set()
        time.sleep(60)

    os.replace = stall  # type: ignore[assignment]
    update(path, {"events": {"never_written": "string"}})


def initial_lock(path: Path) -> dict[str, dict[str, str]]:
    # Keys in the first and the last namespace, so a truncated file would lose some of them.
    types = {
        "companies": {f"key_{i:04d}": "string" for i in range(1500)},
        "users": {f"key_{i:04d}": "number" for i in range(1500)},
    }
    path.write_text(dumps(types), encoding="utf-8")
    return types


def assert_superset(path: Path, initial: dict[str, dict[str, str]]) -> None:
    types = load(path).types
    for namespace, keys in initial.items():
        assert keys.items() <= types[namespace].items()


def temps(directory: Path) -> list[str]:
    return [name for name in os.listdir(directory) if name.endswith(".tmp")]


def test_concurrent_updates_lose_no_key(tmp_path: Path) -> None:
    path = tmp_path / "schema-lint.lock.yaml"
    start = CTX.Barrier(WORKERS)
    workers = [
        CTX.Process(target=add_keys_one_by_one, args=(path, n, start)) for n in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0] * WORKERS
    types = load(path).types
    assert sum(len(keys) for keys in types.values()) == WORKERS * KEYS_PER_WORKER + 3
    assert all(f"w{w}_k24" in types["events"] for w in range(WORKERS))
    assert path.read_text(encoding="utf-8") == dumps(types)
    assert temps(tmp_path) == []


def test_killed_writer_leaves_old_or_new_file(tmp_path: Path) -> None:
    path = tmp_path / "schema-lint.lock.yaml"
    initial = initial_lock(path)
    rng = random.Random()
    for round_ in range(6):
        ready = CTX.Event()
        child = CTX.Process(target=keep_adding, args=(path, ready))
        child.start()
        assert ready.wait(timeout=30)
        time.sleep(rng.uniform(0.02, 0.4))
        child.kill()
        child.join()  # reaped, so its pid no longer counts as alive
        assert_superset(path, initial)
        assert update(path, {"events": {f"after_round_{round_}": "string"}})
        assert temps(tmp_path) == []
    assert_superset(path, initial)
    assert any(key.startswith("new_") for key in load(path).types["events"])


def test_writer_killed_before_rename_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "schema-lint.lock.yaml"
    initial_lock(path)
    before = path.read_bytes()
    stalled = CTX.Event()
    child = CTX.Process(target=stall_before_rename, args=(path, stalled))
    child.start()
    assert stalled.wait(timeout=30)
    child.kill()
    child.join()
    assert path.read_bytes() == before
    assert temps(tmp_path) == [f".{path.name}.{child.pid}.tmp"]
    assert update(path, {"events": {"after": "string"}}) == {"events": {"after": "string"}}
    assert temps(tmp_path) == []
    assert load(path).get("events", "never_written") is None


def test_concurrent_cli_runs_on_disjoint_files_lose_no_key(tmp_path: Path) -> None:
    """As pre-commit or parallel CI jobs would: 8 `check --update-lock` processes at once."""
    import subprocess
    import sys

    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    for worker in range(WORKERS):
        keys = ", ".join(f"w{worker}_k{i:02d}: {i}" for i in range(KEYS_PER_WORKER))
        (tmp_path / f"app{worker}.js").write_text(f"moesif.track('E', {{ {keys} }});\n")
    command = [sys.executable, "-m", "schema_lint", "check", "--update-lock", "--no-cache"]
    processes = [
        subprocess.Popen(
            [*command, f"app{worker}.js"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for worker in range(WORKERS)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 1, stderr  # 1: this run added keys to the lockfile
    locked = load(tmp_path / "schema-lint.lock.yaml").types["events"]
    assert len(locked) == WORKERS * KEYS_PER_WORKER
    assert set(locked.values()) == {"number"}
