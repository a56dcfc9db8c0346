"""The floor and the peers: what schema-lint is timed against, and how anything is timed."""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CODE_SUFFIXES = ("js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "py")
SCANNED_SUFFIXES = (*CODE_SUFFIXES, "json", "jsonc", "md", "markdown")
# the floor: list the files that mention a tracked callee or a payload key, as the prefilter does
FLOOR_PATTERN = (
    r"\b(track|identifyUser|identifyCompany|updateUser|updateCompany|action_name"
    r"|getMetadata|GET_METADATA)\b"
)


@dataclass
class Timing:
    tool: str
    runs: list[float]
    files: int
    mbytes: float
    note: str = ""
    findings: int | None = None
    cpu: list[float] = field(default_factory=list)  # user + system seconds, children included

    @property
    def best_cpu(self) -> float:
        return min(self.cpu) if self.cpu else float("nan")

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def timed(
    command: Sequence[str], cwd: Path, runs: int, before: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
) -> tuple[list[float], subprocess.CompletedProcess[bytes], list[float]]:
    """Whole-process wall times and CPU times of `runs` runs, and the last run's output.

    CPU time is the fairer figure on a shared machine: other load stretches wall time.
    """
    times, cpu = [], []
    done: subprocess.CompletedProcess[bytes] | None = None
    for _ in range(runs):
        if before is not None:
            before()
        used = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - used)
    assert done is not None
    return times, done, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tracked_files(repo: Path) -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=repo, capture_output=True, check=True)
    names = [n for n in out.stdout.decode().split("\0") if n]
    return [n for n in names if n.rsplit(".", 1)[-1] in SCANNED_SUFFIXES]


def floor_command() -> tuple[list[str], str]:
    if shutil.which("rg"):
        globs = [arg for s in SCANNED_SUFFIXES for arg in ("-g", f"*.{s}")]
        return ["rg", "-l", "--no-messages", *globs, "-e", FLOOR_PATTERN, "."], "ripgrep -l"
    includes = [f"--include=*.{s}" for s in SCANNED_SUFFIXES]
    command = ["grep", "-rlE", "--exclude-dir=.git", *includes, FLOOR_PATTERN, "."]
    return command, "grep -rlE (ripgrep is not installed: this floor is too high)"


def find_ast_grep() -> str | None:
    for name in ("ast-grep", "sg"):
        path = shutil.which(name)
        if not path:
            continue
        try:
            out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if out.stdout.startswith("ast-grep"):  # Debian's /usr/bin/sg is another program
            return path
    return None


AST_GREP_RULE = """\
id: dotted-key-{lang}
language: {language}
severity: warning
message: dotted key in moesif.track metadata
rule:
  kind: pair
  has: {{field: key, regex: '\\.'}}
  inside:
    stopBy: end
    kind: call_expression
    has: {{field: function, regex: 'moesif\\??\\.track$'}}
"""
SEMGREP_RULE = """\
rules:
  - id: dotted-key
    languages: [javascript, typescript]
    severity: WARNING
    message: dotted key in moesif.track metadata
    patterns:
      - pattern-either:
          - pattern-inside: moesif.track(...)
          - pattern-inside: $O.moesif.track(...)
      - pattern: '{..., $K: $V, ...}'
      - metavariable-regex: {metavariable: $K, regex: '.*\\..*'}
"""


def run_peers(repo: Path, runs: int, files: int, mbytes: float) -> tuple[list[Timing], list[str]]:
    """ast-grep and semgrep on the one rule both can express, when they are installed."""
    timings: list[Timing] = []
    notes: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="schema-lint-bench-"))
    try:
        ast_grep = find_ast_grep()
        if ast_grep:
            (work / "rules").mkdir()
            for lang, language in (("js", "JavaScript"), ("ts", "TypeScript"), ("tsx", "Tsx")):
                rule = AST_GREP_RULE.format(lang=lang, language=language)
                (work / "rules" / f"{lang}.yml").write_text(rule)
            (work / "sgconfig.yml").write_text("ruleDirs: [rules]\n")
            command = [ast_grep, "scan", "-c", str(work / "sgconfig.yml"), "--json=compact", "."]
            times, done, cpu = timed(command, repo, runs)
            found = len(json.loads(done.stdout or b"[]"))
            timings.append(Timing("ast-grep, dotted keys in moesif.track only", times, files,
                                  mbytes, _version(ast_grep), found, cpu))
        else:
            notes.append("ast-grep: not installed (pip install ast-grep-cli)")
        semgrep = shutil.which("semgrep")
        if semgrep:
            (work / "semgrep.yml").write_text(SEMGREP_RULE)
            command = [semgrep, "scan", "--config", str(work / "semgrep.yml"), "--json",
                       "--quiet", "--metrics=off", "--disable-version-check",
                       "-j", str(os.cpu_count() or 1), "."]
            times, done, cpu = timed(command, repo, runs)
            found = len(json.loads(done.stdout or b"{}").get("results", []))
            timings.append(Timing("semgrep, dotted keys in moesif.track only", times, files,
                                  mbytes, f"semgrep {_version(semgrep)}", found, cpu))
        else:
            notes.append("semgrep: not installed (pip install semgrep)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return timings, notes


def _version(executable: str) -> str:
    out = subprocess.run([executable, "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip().splitlines()[0] if out.stdout.strip() else "?"

