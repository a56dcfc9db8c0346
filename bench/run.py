#!/usr/bin/env python3
"""Benchmark schema-lint on a seeded synthetic monorepo, against the ripgrep floor and peers.

    python bench/run.py [--files N] [--seed S] [--out bench/out/result.json]

The repository is generated under bench/out/ (reused while its parameters are unchanged),
committed to git, and then every tool is timed in this one run, whole process, wall time.
See bench/README.md for what is measured and the latest figures.

Modules: `words` and `filler` (vocabulary and ordinary code), `generate` (the repository and
what is planted in it), `peers` (the floor, ast-grep, semgrep, and the timing), `verify` (the
findings are exact) and this runner.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from generate import GENERATOR_VERSION, Planted, repository
from peers import Timing, floor_command, run_peers, timed, tracked_files
from verify import Verification, verify

HERE = Path(__file__).resolve().parent
LIMITS = {"cold_over_floor": 6.0, "warm_over_cold": 0.15, "ten_files_s": 0.35}


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        tree_sitter = version("tree-sitter")
    except Exception:
        tree_sitter = "not installed"
    return {"nproc": str(os.cpu_count()), "cpu": model, "python": platform.python_version(),
            "tree_sitter": tree_sitter, "platform": platform.platform()}


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def table(timings: list[Timing], floor: float) -> str:
    rows = ["| tool | wall s (best) | median s | CPU s | files/s | MB/s | x floor | note |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for t in timings:
        note = "; ".join(filter(None, (t.note, f"{t.findings} found" if t.findings else "")))
        rows.append(f"| {t.tool} | {t.best:.3f} | {t.median:.3f} | {t.best_cpu:.2f} | "
                    f"{t.files / t.best:,.0f} | {t.mbytes / t.best:.1f} | {t.best / floor:.2f} "
                    f"| {note} |")
    return "\n".join(rows)


def _ten_files(names: list[str], planted: Planted) -> list[str]:
    """Ten files as a commit might touch them: three with tracking calls, seven without."""
    tracking = sorted({u.path for u in planted.uses if not u.path.endswith((".md", ".json"))})
    others = sorted(set(n for n in names if n.endswith((".ts", ".tsx", ".py"))) - set(tracking))
    rng = random.Random(0)
    return rng.sample(tracking, 3) + rng.sample(others, 7)


def measure(
    schema_lint: str, repo: Path, planted: Planted, names: list[str], runs: int
) -> tuple[list[Timing], dict[str, Timing]]:
    """The floor and every schema-lint mode, timed in this one session."""
    files = len(names)
    mbytes = sum((repo / n).stat().st_size for n in names) / 1e6
    cache = repo / ".schema-lint-cache"
    check = [schema_lint, "check"]
    serial = {**os.environ, "SCHEMA_LINT_WORKERS": "1"}
    ten = _ten_files(names, planted)
    ten_mb = sum((repo / n).stat().st_size for n in ten) / 1e6

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def touch_ten() -> None:  # pre-commit passes files that have just changed
        now = time.time()
        for name in ten:
            os.utime(repo / name, (now, now))

    floor_cmd, floor_tool = floor_command()
    plan: list[tuple[str, list[str], Callable[[], None] | None, dict[str, str] | None, int, float,
                     str]] = [
        ("floor", floor_cmd, None, None, files, mbytes, floor_tool),
        ("cold", check, drop_cache, None, files, mbytes, "schema-lint, cold (no cache dir)"),
        ("no-cache", [*check, "--no-cache"], None, None, files, mbytes, "schema-lint --no-cache"),
        ("serial", [*check, "--no-cache"], None, serial, files, mbytes,
         "schema-lint --no-cache, SCHEMA_LINT_WORKERS=1"),
        ("warm", check, None, None, files, mbytes, "schema-lint, warm (nothing changed)"),
        ("ten", [*check, *ten], touch_ten, None, 10, ten_mb,
         "schema-lint, 10 changed files (cache present)"),
        ("ten-no-cache", [*check, "--no-cache", *ten], None, None, 10, ten_mb,
         "schema-lint --no-cache, 10 files"),
        ("version", [schema_lint, "--version"], None, None, 1, 0.0, "schema-lint --version"),
    ]
    timings: dict[str, Timing] = {}
    for key, command, before, env, count, size, label in plan:
        if key == "warm":
            subprocess.run(check, cwd=repo, capture_output=True, check=False)  # fill the cache
        times, done, cpu = timed(command, repo, runs, before, env)
        listed = len(done.stdout.splitlines()) if key == "floor" else None
        timings[key] = Timing(label, times, count, size, "", listed, cpu)
    return list(timings.values()), timings



def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--files", type=int, default=7000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tracking-share", type=float, default=0.1,
                        help="share of code files with tracking calls (default 0.1)")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "result.json")
    parser.add_argument("--repo", type=Path, help="where to generate (default: bench/out/repo-*)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool")
    parser.add_argument("--peer-runs", type=int, help="timed runs per peer (default: --runs)")
    parser.add_argument("--no-peers", action="store_true", help="skip ast-grep and semgrep")
    parser.add_argument("--schema-lint", help="the schema-lint executable to time")
    return parser.parse_args(argv)


def _executable(given: str | None) -> str:
    beside_python = shutil.which("schema-lint", path=str(Path(sys.executable).parent))
    schema_lint = given or beside_python or shutil.which("schema-lint")
    if not schema_lint:
        raise SystemExit("schema-lint is not installed (pip install -e .)")
    return schema_lint


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    schema_lint = _executable(args.schema_lint)
    name = f"repo-{args.files}-{args.seed}-{args.tracking_share:g}"
    repo: Path = args.repo or HERE / "out" / name
    planted = repository(repo, args.files, args.seed, args.tracking_share)
    names = tracked_files(repo)
    mbytes = sum((repo / n).stat().st_size for n in names) / 1e6
    print(f"repo: {len(names)} files, {mbytes:.1f} MB, {planted.tracking_files} with tracking "
          f"code, {planted.lookalikes} look-alikes; load average {load_average()}", flush=True)

    print("verifying findings ...", flush=True)
    verification = verify(schema_lint, repo, planted)
    print("timing ...", flush=True)
    timings, by_key = measure(schema_lint, repo, planted, names, args.runs)
    notes: list[str] = []
    if not args.no_peers:
        peers, notes = run_peers(repo, args.peer_runs or args.runs, len(names), mbytes)
        timings.extend(peers)
    floor, cold = by_key["floor"].best, by_key["cold"].best
    ratios = {
        "cold_over_floor": cold / floor,
        "warm_over_cold": by_key["warm"].best / cold,
        "ten_files_s": max(by_key["ten"].best, by_key["ten-no-cache"].best),
    }
    verdicts = {k: "PASS" if v <= LIMITS[k] else "FAIL" for k, v in ratios.items()}
    moesif_dotted = sum(1 for u in planted.uses
                        if u.dotted and u.in_moesif_track and not u.path.endswith(".md"))
    _print_report(timings, floor, ratios, verdicts, verification, planted, moesif_dotted, notes)
    result = {
        "machine": machine(), "load_average_after": load_average(),
        "params": {"files": args.files, "seed": args.seed, "tracking_share": args.tracking_share,
                   "generator": GENERATOR_VERSION},
        "repo": {"files": len(names), "mb": round(mbytes, 2)},
        "timings": [{**asdict(t), "best": t.best, "median": t.median} for t in timings],
        "acceptance": {k: {"value": round(v, 3), "limit": LIMITS[k], "verdict": verdicts[k]}
                       for k, v in ratios.items()},
        "verification": {**asdict(verification), "moesif_track_dotted_keys": moesif_dotted},
        "notes": notes,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {args.out}")
    return 0 if verification.exact and all(v == "PASS" for v in verdicts.values()) else 1


def _print_report(
    timings: list[Timing], floor: float, ratios: dict[str, float], verdicts: dict[str, str],
    verification: Verification, planted: Planted, moesif_dotted: int, notes: list[str],
) -> None:
    print()
    print(table(timings, floor))
    print()
    for key, value in ratios.items():
        unit = " s" if key.endswith("_s") else "x"
        print(f"{key:<16} {value:6.3f}{unit}  (limit {LIMITS[key]}{unit})  {verdicts[key]}")
    for code, count in verification.counts.items():
        print(f"{code}: planted {count['planted']}, found {count['found']}, "
              f"lost {count['lost']}, extra {count['extra']}")
    print(f"look-alikes planted (must not be reported): {planted.lookalikes}; "
          f"parse errors (SL006): {verification.parse_errors}")
    print(f"dotted keys planted in moesif.track calls in JS/TS files (what the peers look for): "
          f"{moesif_dotted}")
    print(f"findings identical across {', '.join(verification.modes)}: {verification.identical}")
    print(f"load average after: {load_average()}")
    for note in notes:
        print(f"note: {note}")


if __name__ == "__main__":
    sys.exit(main())
