"""Typing tables: one expression per row, written as a metadata value, and the type it gets."""

from __future__ import annotations

from schema_lint.scanners import ScanContext, scan_file
from schema_lint.signatures import parse


def value_type(language: str, path: str, source: str, calls: tuple[str, ...] = ()) -> str:
    """The type of the key `v` in the only metadata object the source holds."""
    ctx = ScanContext(tuple(parse(call) for call in calls))
    scan = scan_file(path, language, source.encode(), ctx, example=False)
    assert not scan.problems, scan.problems
    (occurrence,) = scan.occurrences
    (entry,) = [e for e in occurrence.metadata.entries if e.key == "v"]
    return entry.value.type
