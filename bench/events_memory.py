#!/usr/bin/env python3
"""Peak memory of `schema-lint lock --from-events` on generated captured events.

    python bench/events_memory.py [--size 1GB] [--kind jsonl|array] [--seed 1]

Generates a JSON Lines file (or one JSON array) of Moesif action, user and company records
in a temporary folder, runs `schema-lint lock --from-events` on it at a sixteenth of the size
and at the full size, and prints each child's peak RSS (getrusage of the child) and wall
time. Constant memory means the two peaks are about equal. The files are deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNITS = {"": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9}
KEYS = 300  # distinct metadata keys: the lock grows with keys, never with records


def parse_size(text: str) -> int:
    found = re.fullmatch(r"\s*([0-9.]+)\s*([KMG]B)?\s*", text, re.IGNORECASE)
    if not found:
        raise argparse.ArgumentTypeError(f"not a size: {text!r}")
    return int(float(found[1]) * UNITS[(found[2] or "").upper()])


def record(rng: random.Random, number: int) -> dict[str, object]:
    keys = rng.sample(range(KEYS), 8)
    metadata: dict[str, object] = {}
    for key in keys:
        kind = key % 4  # a key's type follows its number, so the data is consistent
        metadata[f"key_{key}"] = (
            f"value {number}" if kind == 0 else number if kind == 1 else kind == 2 or {"n": key}
        )
    which = number % 10
    if which == 0:
        return {"user_id": f"u{number}", "metadata": metadata}
    if which == 1:
        return {"company_id": f"c{number}", "metadata": metadata}
    return {"action_name": f"Action {which}", "user_id": f"u{number}", "metadata": metadata}


def generate(path: Path, size: int, kind: str, seed: int) -> int:
    rng = random.Random(seed)
    written = count = 0
    with open(path, "w", encoding="utf-8") as out:
        if kind == "array":
            out.write("[\n")
        while written < size:
            line = json.dumps(record(rng, count))
            if kind == "array":
                line = ("  " if count == 0 else ",\n  ") + line
            else:
                line += "\n"
            out.write(line)
            written += len(line)
            count += 1
        if kind == "array":
            out.write("\n]\n")
    return count


def measure(project: Path, events: Path) -> tuple[float, float, str]:
    """(peak RSS in MiB, wall seconds, stdout) of one `lock --from-events` child."""
    lock = project / "schema-lint.lock.yaml"
    lock.unlink(missing_ok=True)
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "schema_lint", "lock", "--from-events", str(events)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    stdout = child.stdout.read().decode() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"schema-lint exited with {child.returncode}")
    return usage.ru_maxrss / 1024, wall, stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("1GB"))
    parser.add_argument("--kind", choices=("jsonl", "array"), default="jsonl")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    peaks: list[float] = []
    with tempfile.TemporaryDirectory(prefix="schema-lint-events-") as folder:
        project = Path(folder)
        (project / ".schema-lint.yaml").write_text("presets: []\n")
        events = project / ("events.jsonl" if args.kind == "jsonl" else "events.json")
        for size in (args.size // 16, args.size):
            records = generate(events, size, args.kind, args.seed)
            actual = events.stat().st_size
            rss, wall, said = measure(project, events)
            peaks.append(rss)
            print(
                f"{args.kind} {actual / 1e6:8.1f} MB  {records:>9} records  "
                f"peak RSS {rss:6.1f} MiB  {wall:6.1f} s  ({said})",
                flush=True,
            )
            events.unlink()
    growth = peaks[1] - peaks[0]
    print(f"peak RSS growth from 1/16 to full size: {growth:+.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
