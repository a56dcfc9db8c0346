"""Writing a run's reports: the main one (or `--statistics`), the extra `FORMAT:PATH` ones and
the GitHub step summary, each with its paths printed from where its reader resolves them."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO, overload

from schema_lint.diagnostics import Diagnostic
from schema_lint.places import rebase, relocate
from schema_lint.reporters._summary import step_summary, write_statistics
from schema_lint.reporters.registry import MACHINE_FORMATS, RunInfo, get, parse_output_file

if TYPE_CHECKING:
    from schema_lint.rules import RuleInfo


class ReportError(Exception):
    """A report that cannot be written where it was asked for: one line, exit 2."""


class RunResult(Protocol):
    """What a report reads of a run (`engine.Result` is one)."""

    @property
    def diagnostics(self) -> list[Diagnostic]: ...
    @property
    def files(self) -> tuple[str, ...]: ...
    @property
    def lockfile(self) -> str: ...
    @property
    def new_keys(self) -> Mapping[str, Mapping[str, str]]: ...


@dataclass(frozen=True)
class Output:
    """One report: its format, its file (None: stdout) and whether it is painted."""

    format: str
    path: Path | None = None
    color: bool = False


@dataclass(frozen=True)
class Outputs:
    """Where a run's reports go; `reports[0]` is the main one."""

    reports: tuple[Output, ...]
    # where printed paths start: for people (the working directory), for tools (the repository)
    for_people: Path
    for_tools: Path
    statistics: bool = False  # the count per rule in place of the main report
    step_summary: str | None = None  # GITHUB_STEP_SUMMARY, written after a `github` report

    def base(self, fmt: str) -> Path:
        """Where the paths of a report in `fmt` start."""
        return self.for_tools if fmt in MACHINE_FORMATS else self.for_people


def reports(fmt: str, output_files: Sequence[str], color: str) -> tuple[Output, ...]:
    """The main report (`--output-file PATH` or stdout) and the extra `FORMAT:PATH` reports.

    Colour (`auto`, `always`, `never`) paints the main report only: on a terminal, or in a
    file when asked for `always`.
    """
    plain: list[Path] = []
    extra: list[Output] = []
    for value in output_files:
        name, path = parse_output_file(value)
        if name is None:
            plain.append(Path(path))
        else:
            extra.append(Output(name, Path(path)))
    if len(plain) > 1:
        raise ReportError("--output-file PATH given twice; use FORMAT:PATH for the extra reports")
    main = plain[0] if plain else None
    painted = use_color(color, os.environ) if main is None else color == "always"
    return (Output(fmt, main, painted), *extra)


def use_color(color: str, environ: Mapping[str, str]) -> bool:
    if color == "always":
        return True
    return color == "auto" and sys.stdout.isatty() and not environ.get("NO_COLOR")


def run_info(root: Path, result: RunResult, hold_new_keys: bool = False) -> RunInfo:
    """What the reporters know of a run whose printed paths start at `root`.

    With `hold_new_keys` (--update-lock) the footer says nothing of new keys: stderr says what
    became of them ("run schema-lint lock" would lock the types of a run that has errors).
    """
    return RunInfo(
        root=root,
        rules=_RuleInfos(),
        files=result.files,
        lockfile=result.lockfile,
        new_keys=0 if hold_new_keys else sum(len(keys) for keys in result.new_keys.values()),
        source_lines=source_reader(root),
    )


class _RuleInfos(Sequence["RuleInfo"]):
    """Every rule's info, from the rule registry when a report first reads it: most formats
    never do, and importing every rule would cost a warm run more than its report."""

    @cached_property
    def _infos(self) -> tuple[RuleInfo, ...]:
        from schema_lint.rules import infos

        return infos()

    @overload
    def __getitem__(self, index: int) -> RuleInfo: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[RuleInfo]: ...
    def __getitem__(self, index: int | slice) -> RuleInfo | Sequence[RuleInfo]:
        return self._infos[index]

    def __len__(self) -> int:
        return len(self._infos)


def source_reader(root: Path) -> Callable[[str], Sequence[str]]:
    """The lines of a file below `root` (none when it cannot be read), for source excerpts."""
    cache: dict[str, Sequence[str]] = {}

    def read(path: str) -> Sequence[str]:
        if path not in cache:
            try:
                text = (root / path).read_text(encoding="utf-8-sig", errors="replace")
            except OSError:
                text = ""
            cache[path] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return cache[path]

    return read


def emit(diagnostics: Sequence[Diagnostic], run: RunInfo, outputs: Outputs) -> None:
    """Write every report. One whose paths start elsewhere than `run.root` (a machine format
    beside `text`) is moved there: SARIF names files from the repository root whatever
    `--format` is."""
    for index, output in enumerate(outputs.reports):
        shown, info = _placed(diagnostics, replace(run, color=output.color), output, outputs)
        with open_output(output.path) as out:
            if outputs.statistics and index == 0:
                write_statistics(shown, out)
            else:
                get(output.format)(shown, info, out)
    if outputs.reports[0].format == "github" and outputs.step_summary:
        with open(outputs.step_summary, "a", encoding="utf-8") as handle:
            step_summary(diagnostics, run, handle)


def _placed(
    diagnostics: Sequence[Diagnostic], run: RunInfo, output: Output, outputs: Outputs
) -> tuple[Sequence[Diagnostic], RunInfo]:
    base = outputs.base(output.format)
    if base == run.root:
        return diagnostics, run
    move = relocate(run.root, base)
    files = tuple(sorted(map(move, run.files)))
    info = replace(run, root=base, files=files, source_lines=source_reader(base))
    return rebase(diagnostics, run.lockfile, move), info


@contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or the file (its folders created) that --output-file names."""
    if path is None:
        yield sys.stdout
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise ReportError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    with handle:
        yield handle
