"""The typing pass: values typed through types and constants imported from other files.

The first scan of a file notes the modules it imports names from that typing its metadata
needed (`FileScan.imports`). After the scan (and the wrapper pass), only the code files with
such a module that names a file of the run are scanned again; in that scan, each imported
name is looked up in its file (schema_lint.scanners.modules), which is parsed then, once per
run. Like the wrapper pass, its results depend on other files and are not cached per file.
"""

from __future__ import annotations

from collections.abc import Sequence

from schema_lint.config import Settings
from schema_lint.discovery import SourceFile
from schema_lint.model import FileScan
from schema_lint.rescan import read
from schema_lint.scanners import GRAMMARS, ScanContext, scan_file
from schema_lint.scanners.modules import Modules


def retype(
    settings: Settings, files: Sequence[SourceFile], scans: list[FileScan]
) -> list[FileScan]:
    """Scan again, able to read other files' declarations, the code files whose metadata
    typing needed a name imported from another file of the run."""
    by_path = {scan.path: index for index, scan in enumerate(scans)}
    modules = Modules(files)
    chosen = [
        (by_path[f.path], f)
        for f in files
        if f.path in by_path
        and scans[by_path[f.path]].imports
        and f.language in GRAMMARS
        and any(
            modules.target(f.path, GRAMMARS[f.language].family or f.language, module)
            for module in scans[by_path[f.path]].imports
        )
    ]
    if not chosen:
        return scans
    ctx = ScanContext(
        settings.signatures,
        tuple(sorted({(s.path, w) for s in scans for w in s.wrappers})),
        tuple(sorted({(s.path, c) for s in scans for c in s.clients})),
        settings.wrappers,
        modules,
    )
    for index, file in chosen:
        data = read(file.abspath)
        if data is not None:
            scans[index] = scan_file(file.path, file.language, data, ctx, file.example)
    return scans
