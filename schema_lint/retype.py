"""The typing pass: values typed through types and constants imported from other files.

After the scan (and the wrapper pass), a code file is scanned again only when some value of
its metadata is still `unknown` and its bytes import something; in that scan, a name it
imports from another file of the run is looked up there (schema_lint.scanners.modules),
which parses that file then, once per run. Like the wrapper pass, its results depend on
other files and are not cached per file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from schema_lint import typing_ as T
from schema_lint.config import Settings
from schema_lint.discovery import SourceFile
from schema_lint.model import FileScan, Value
from schema_lint.rescan import read
from schema_lint.scanners import GRAMMARS, ScanContext, extractor_class, scan_file
from schema_lint.scanners.modules import Modules

_IMPORTS = (b"import", b"require(")


def retype(
    settings: Settings, files: Sequence[SourceFile], scans: list[FileScan]
) -> list[FileScan]:
    """Scan again, able to read other files' declarations, the code files whose metadata
    still holds an `unknown` value and which import something."""
    by_path = {scan.path: index for index, scan in enumerate(scans)}
    chosen = [
        (by_path[f.path], f)
        for f in files
        if f.path in by_path
        and typed_through_declarations(f.language)
        and has_unknown(scans[by_path[f.path]])
    ]
    if not chosen:
        return scans
    ctx = ScanContext(
        settings.signatures,
        tuple(sorted({(s.path, w) for s in scans for w in s.wrappers})),
        tuple(sorted({(s.path, c) for s in scans for c in s.clients})),
        settings.wrappers,
        Modules(files),
    )
    for index, file in chosen:
        data = read(file.abspath)
        if data is not None and any(word in data for word in _IMPORTS):
            scans[index] = scan_file(file.path, file.language, data, ctx, file.example)
    return scans


def typed_through_declarations(language: str) -> bool:
    from schema_lint.scanners.declared import DeclaredTypes

    return language in GRAMMARS and issubclass(extractor_class(language), DeclaredTypes)


def has_unknown(scan: FileScan) -> bool:
    return any(value.type == T.UNKNOWN for o in scan.occurrences for value in values(o.metadata))


def values(root: Value) -> Iterator[Value]:
    """Every value of a metadata tree, without recursion (trees may nest 100 deep)."""
    stack = [root]
    while stack:
        value = stack.pop()
        yield value
        stack.extend(entry.value for entry in value.entries)
        stack.extend(value.items)
