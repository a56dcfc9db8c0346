"""Verification: every planted finding is reported, nothing else is, in every run mode."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generate import Planted

Finding = dict[str, object]


def findings(
    schema_lint: str, repo: Path, extra: Sequence[str] = (), env: dict[str, str] | None = None
) -> list[Finding]:
    command = [schema_lint, "check", "--format", "json", "--exit-zero", *extra]
    done = subprocess.run(command, cwd=repo, capture_output=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"schema-lint failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    result: list[Finding] = json.loads(done.stdout)
    return result


@dataclass
class Verification:
    identical: bool  # the same findings with and without cache, serial and parallel
    modes: list[str]
    counts: dict[str, dict[str, int]]  # code -> planted, found, lost, extra
    parse_errors: int

    @property
    def exact(self) -> bool:
        return self.identical and not any(
            c["lost"] or c["extra"] for c in self.counts.values()
        )


def verify(schema_lint: str, repo: Path, planted: Planted) -> Verification:
    """Every planted SL001/SL002 is found, nothing else is, in every mode."""
    expected = planted.expected()
    shutil.rmtree(repo / ".schema-lint-cache", ignore_errors=True)
    serial = {**os.environ, "SCHEMA_LINT_WORKERS": "1"}
    runs = {
        "no cache, serial": findings(schema_lint, repo, ["--no-cache"], serial),
        "no cache, parallel": findings(schema_lint, repo, ["--no-cache"]),
        "cold cache": findings(schema_lint, repo),
        "warm cache": findings(schema_lint, repo),
        "warm cache, serial": findings(schema_lint, repo, [], serial),
    }
    reference = runs["no cache, serial"]
    counts = {}
    for code in ("SL001", "SL002"):
        got = sorted((str(d["path"]), int(str(d["line"]))) for d in reference if d["code"] == code)
        want = expected[code]
        counts[code] = {"planted": len(want), "found": len(got),
                        "lost": len(_minus(want, got)), "extra": len(_minus(got, want))}
    errors = sum(1 for d in reference if d["code"] == "SL006")
    same = all(found == reference for found in runs.values())
    return Verification(same, list(runs), counts, errors)


def _minus(a: list[tuple[str, int]], b: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The items of `a` not in `b`, counting repeats."""
    rest = list(b)
    missing = []
    for item in a:
        if item in rest:
            rest.remove(item)
        else:
            missing.append(item)
    return missing

