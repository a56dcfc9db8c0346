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
import functools
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from generate import DENSITIES, GENERATOR_VERSION, Planted, repository
from peers import Timing, floor_command, run_peers, timed, tracked_files
from verify import Verification, findings, verify

HERE = Path(__file__).resolve().parent
DEFAULT_DENSITY = "realistic"  # the tree every mode is timed on
LIMITS = {"cold_over_floor": 10.0, "warm_over_cold": 0.15, "ten_files_s": 0.25,
          "heavy_over_plain": 1.3, **{f"precision_{d}": 0.9 for d in DENSITIES}}


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



@dataclass
class Tree:
    """One generated repository: a look-alike density over the same planted files."""

    density: str
    repo: Path
    planted: Planted
    names: list[str]
    mbytes: float
    listed: int = 0
    parsed: int = 0

    @property
    def real(self) -> int:
        """Files holding a real call or payload: every planted key is in one."""
        return len({use.path for use in self.planted.uses})

    @property
    def precision(self) -> float:
        return self.real / self.parsed if self.parsed else 1.0


def build_trees(args: argparse.Namespace) -> dict[str, Tree]:
    trees = {}
    for density in DENSITIES:
        name = f"repo-{args.files}-{args.seed}-{args.tracking_share:g}-{density}"
        repo: Path = (args.repo or HERE / "out") / name
        planted = repository(repo, args.files, args.seed, args.tracking_share, density)
        names = tracked_files(repo)
        mbytes = sum((repo / n).stat().st_size for n in names) / 1e6
        trees[density] = Tree(density, repo, planted, names, mbytes)
    return trees


def count_parsed(schema_lint: str, tree: Tree) -> None:
    """Files listed and files parsed, as `check --show-settings` counts them."""
    done = subprocess.run([schema_lint, "check", "--show-settings"], cwd=tree.repo,
                          capture_output=True, text=True, check=True)
    for line in done.stdout.splitlines():
        key, _, value = line.partition(": ")
        if key == "files listed":
            tree.listed = int(value)
        elif key == "files parsed":
            tree.parsed = int(value)


def cold_by_density(schema_lint: str, trees: dict[str, Tree], runs: int) -> dict[str, Timing]:
    """Cold runs on every density, interleaved run by run with the floor on the default tree:
    load from other jobs (and the disk writing back the caches) falls on all alike."""
    timings = {d: Timing(f"schema-lint, cold, {d} look-alikes", [], len(t.names), t.mbytes)
               for d, t in trees.items()}
    default = trees[DEFAULT_DENSITY]
    floor_cmd, floor_tool = floor_command()
    timings["floor"] = Timing(f"{floor_tool} (interleaved)", [], len(default.names),
                              default.mbytes)
    for _ in range(runs):
        times, done, cpu = timed(floor_cmd, default.repo, 1)
        timings["floor"].runs.extend(times)
        timings["floor"].cpu.extend(cpu)
        timings["floor"].findings = len(done.stdout.splitlines())
        for density, tree in trees.items():
            cache = tree.repo / ".schema-lint-cache"
            drop = functools.partial(shutil.rmtree, cache, ignore_errors=True)
            times, _, cpu = timed([schema_lint, "check"], tree.repo, 1, drop)
            timings[density].runs.extend(times)
            timings[density].cpu.extend(cpu)
    return timings


PHASE_COUNTS = ("files", "candidates", "code candidates", "code candidate MB", "parts")


def phases(tree: Tree) -> dict[str, float]:
    """Where a serial cold run's CPU time goes (bench/phases.py, in a child process)."""
    done = subprocess.run([sys.executable, str(HERE / "phases.py"), str(tree.repo)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"note: bench/phases.py failed: {done.stderr[-500:]}")
        return {}
    found: dict[str, float] = json.loads(done.stdout)
    return found


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--files", type=int, default=7000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tracking-share", type=float, default=0.1,
                        help="share of code files with tracking calls (default 0.1)")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "result.json")
    parser.add_argument("--repo", type=Path,
                        help="where to generate the trees (default: bench/out/)")
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


def _verify_all(schema_lint: str, trees: dict[str, Tree]) -> tuple[dict[str, Verification], bool]:
    """Each tree verified in every mode; and the same findings on every density."""
    verifications = {}
    for density, tree in trees.items():
        print(f"verifying findings ({density} look-alikes) ...", flush=True)
        verifications[density] = verify(schema_lint, tree.repo, tree.planted)
        count_parsed(schema_lint, tree)
    found = [findings(schema_lint, tree.repo, ["--no-cache"]) for tree in trees.values()]
    return verifications, all(each == found[0] for each in found)


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    schema_lint = _executable(args.schema_lint)
    trees = build_trees(args)
    tree = trees[DEFAULT_DENSITY]
    for each in trees.values():
        print(f"repo ({each.density} look-alikes): {len(each.names)} files, {each.mbytes:.1f} MB,"
              f" {each.planted.tracking_files} with tracking code, {each.planted.lookalikes} "
              f"look-alikes", flush=True)
    print(f"load average {load_average()}", flush=True)
    verifications, across = _verify_all(schema_lint, trees)
    print("timing ...", flush=True)
    timings, by_key = measure(schema_lint, tree.repo, tree.planted, tree.names, args.runs)
    colds = cold_by_density(schema_lint, trees, args.runs)
    breakdown = phases(tree)
    notes: list[str] = []
    if not by_key["floor"].tool.startswith("ripgrep"):
        notes.append("ripgrep is not installed: the floor is grep's, too high; cold / floor "
                     "is not the acceptance figure (apt-get install -y ripgrep)")
    if not args.no_peers:
        peers, peer_notes = run_peers(tree.repo, args.peer_runs or args.runs, len(tree.names),
                                      tree.mbytes)
        timings.extend(peers)
        notes.extend(peer_notes)
    # every run on the default tree counts, cold and floor alike: the mode table's and the
    # interleaved ones
    floor = min(by_key["floor"].best, colds["floor"].best)
    floor_cpu = min(by_key["floor"].best_cpu, colds["floor"].best_cpu)
    cold = min(by_key["cold"].best, colds[DEFAULT_DENSITY].best)
    cold_cpu = min(by_key["cold"].best_cpu, colds[DEFAULT_DENSITY].best_cpu)
    print_cpu = {
        "cold_over_floor": cold_cpu / floor_cpu,
        "warm_over_cold": by_key["warm"].best_cpu / cold_cpu,
        "heavy_over_plain": colds["heavy"].best_cpu / colds["none"].best_cpu,
    }
    ratios = {
        "cold_over_floor": cold / floor,
        "warm_over_cold": by_key["warm"].best / cold,
        "ten_files_s": max(by_key["ten"].best, by_key["ten-no-cache"].best),
        "heavy_over_plain": colds["heavy"].best / colds["none"].best,
        **{f"precision_{d}": t.precision for d, t in trees.items()},
    }
    verdicts = {k: "PASS" if _within(k, v) else "FAIL" for k, v in ratios.items()}
    identical = across and all(v.identical for v in verifications.values())
    exact = identical and all(v.exact for v in verifications.values())
    verdicts["findings"] = "PASS" if exact else "FAIL"
    _print_report(timings, list(colds.values()), breakdown, floor, ratios, verdicts,
                  verifications, trees, across, notes, print_cpu)
    result = {
        "machine": machine(), "load_average_after": load_average(),
        "params": {"files": args.files, "seed": args.seed, "tracking_share": args.tracking_share,
                   "generator": GENERATOR_VERSION},
        "trees": {d: {"files": len(t.names), "mb": round(t.mbytes, 2), "listed": t.listed,
                      "parsed": t.parsed, "real": t.real, "lookalikes": t.planted.lookalikes,
                      "precision": round(t.precision, 4)} for d, t in trees.items()},
        "timings": [{**asdict(t), "best": t.best, "median": t.median}
                    for t in (*timings, *colds.values())],
        "phases_cpu_s": breakdown,
        "acceptance": {k: {"value": round(v, 3), "limit": LIMITS[k], "verdict": verdicts[k]}
                       for k, v in ratios.items()},
        "verification": {d: asdict(v) for d, v in verifications.items()},
        "identical_across_densities": across,
        "notes": notes,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwrote {args.out}")
    return 0 if all(v == "PASS" for v in verdicts.values()) else 1


def _within(key: str, value: float) -> bool:
    return value >= LIMITS[key] if key.startswith("precision") else value <= LIMITS[key]


def _print_report(
    timings: list[Timing], colds: list[Timing], breakdown: dict[str, float], floor: float,
    ratios: dict[str, float], verdicts: dict[str, str], verifications: dict[str, Verification],
    trees: dict[str, Tree], across: bool, notes: list[str], cpu: dict[str, float],
) -> None:
    print(f"\n### Every mode, {DEFAULT_DENSITY} look-alikes\n")
    print(table(timings, floor))
    print("\n### Cold, by look-alike density, and the floor (interleaved run by run)\n")
    print(table(colds, floor))
    print("\n### Where a serial cold run goes, default tree (CPU s, one process)\n")
    print("| phase | CPU s | x floor |\n| --- | ---: | ---: |")
    for phase, value in breakdown.items():
        if phase in PHASE_COUNTS:
            print(f"| {phase} | {value:,} | |")
        else:
            print(f"| {phase} | {value:.3f} | {value / floor:.2f} |")
    print("\n### Parse precision\n")
    print("| look-alikes | files listed | files parsed | files with a real call or payload | "
          "precision |\n| --- | ---: | ---: | ---: | ---: |")
    for density, tree in trees.items():
        print(f"| {density} ({tree.planted.lookalikes}) | {tree.listed:,} | {tree.parsed:,} | "
              f"{tree.real:,} | {tree.precision:.1%} |")
    print("\n### Acceptance\n")
    for key, value in ratios.items():
        unit = " s" if key.endswith("_s") else ("" if key.startswith("precision") else "x")
        relation = ">=" if key.startswith("precision") else "<="
        by_cpu = f"  (by CPU time: {cpu[key]:.3f}{unit})" if key in cpu else ""
        print(f"{key:<22} {value:7.3f}{unit}  ({relation} {LIMITS[key]:.3g}{unit})  "
              f"{verdicts[key]}{by_cpu}")
    for density, verification in verifications.items():
        lost = ", ".join(f"{code} planted {c['planted']} found {c['found']} lost {c['lost']} "
                         f"extra {c['extra']}" for code, c in verification.counts.items())
        print(f"{density}: {lost}; SL006 {verification.parse_errors}; identical across "
              f"{len(verification.modes)} modes: {verification.identical}")
    print(f"findings identical across densities: {across}")
    print(f"findings (exact, all modes, all densities) {verdicts['findings']}")
    print(f"load average after: {load_average()}")
    for note in notes:
        print(f"note: {note}")


if __name__ == "__main__":
    sys.exit(main())
