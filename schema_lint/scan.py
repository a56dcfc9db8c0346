"""Read and scan the discovered files; a file that cannot be read is a finding, not a crash."""

from __future__ import annotations

from collections.abc import Sequence

from schema_lint.config import Settings
from schema_lint.discovery import SourceFile
from schema_lint.model import FileScan, Problem, Span
from schema_lint.scanners import ScanContext, scan_file


def context_for(settings: Settings) -> ScanContext:
    return ScanContext(settings.signatures)


def scan_one(file: SourceFile, ctx: ScanContext) -> FileScan | None:
    try:
        data = file.abspath.read_bytes()
    except FileNotFoundError:
        return None  # deleted since it was listed: nothing left to lint
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return FileScan(file.path, problems=(Problem(f"cannot read file: {reason}", Span(1, 1, 1, 1)),))
    return scan_file(file.path, file.language, data, ctx, file.example)


def scan_files(
    settings: Settings, files: Sequence[SourceFile], use_cache: bool = True
) -> list[FileScan]:
    ctx = context_for(settings)
    scans = (scan_one(file, ctx) for file in files)
    return [scan for scan in scans if scan is not None]
