"""`validate FILE...`: captured payloads checked against the lock (local and extended).

Each input becomes one FileScan whose occurrences are its records' metadata and whose
problems are its bad records, so the rules, the filters and every reporter apply unchanged.
The rules are those about what is sent (SL001 to SL006, SL005 only with `--frozen`); the
style rules (SL1xx) and SL007 are about code, not data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from schema_lint import captured, engine, events, extends, lockfile
from schema_lint.diagnostics import sort_diagnostics
from schema_lint.flatten import flatten_scans
from schema_lint.learn import display_name
from schema_lint.model import FileScan, Problem, Span
from schema_lint.settings import Settings

NOT_FOR_DATA = ("SL007", "SL1")


def scan_input(
    name: str, namespace: str | None, tick: Callable[[int], None] | None = None
) -> FileScan:
    occurrences = []
    problems = []
    for item in captured.read(events.records(name, tick), namespace):
        record = item.record
        if item.problem is not None:
            span = Span(record.line, record.column, record.line, record.column)
            problems.append(Problem(item.problem, span))
        elif (found := captured.occurrence(item)) is not None:
            occurrences.append(found)
    return FileScan(display_name(name), tuple(occurrences), tuple(problems))


def validate(
    settings: Settings, names: Sequence[str], namespace: str | None, options: engine.Options
) -> engine.Result:
    display = engine.lockfile_display(settings)
    local = lockfile.load(settings.lockfile, display)
    if options.frozen and not local.exists:
        raise engine.EngineError(f"{display}: no lockfile: run schema-lint lock")
    options = replace(options, ignore=(*options.ignore, *NOT_FOR_DATA))
    lock, lock_findings, notes = extends.apply(settings, local, display, options)
    scans = [scan_input(name, namespace) for name in names]
    rows = flatten_scans(scans, settings.numbers)
    found = engine.check(settings, options, scans, rows, lock, display)
    diagnostics = sort_diagnostics([*found, *lock_findings])
    files = tuple(scan.path for scan in scans)
    return engine.Result(diagnostics, files, notes, display)
