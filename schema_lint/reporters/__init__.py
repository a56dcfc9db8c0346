"""Output, its own layer: the format registry, the formats (one module each, imported only when
asked for) and `emit`, which writes a run's reports where they were asked for.

Every format module exposes `report(diagnostics, run, out)`. Diagnostics arrive sorted by
path, line, column and code; reporters never sort, filter or change them.
"""

from __future__ import annotations

from schema_lint.reporters._summary import step_summary, write_statistics
from schema_lint.reporters.emit import (
    Output,
    Outputs,
    ReportError,
    emit,
    open_output,
    reports,
    run_info,
    source_reader,
)
from schema_lint.reporters.registry import (
    MACHINE_FORMATS,
    REPORTERS,
    Reporter,
    RunInfo,
    get,
    parse_output_file,
    resolve_format,
)

__all__ = [
    "MACHINE_FORMATS",
    "REPORTERS",
    "Output",
    "Outputs",
    "ReportError",
    "Reporter",
    "RunInfo",
    "emit",
    "get",
    "open_output",
    "parse_output_file",
    "reports",
    "resolve_format",
    "run_info",
    "source_reader",
    "step_summary",
    "write_statistics",
]
