"""The second scan pass: files that call a wrapper or use an SDK client found in another file.

Wrappers and client exports are found in the files the byte prefilter lets through. Then
only the code files whose bytes mention one of their names as a whole word (a wrapper's name,
or its class for a method; an exported client's name) are parsed again, with them known, in
the process pool when there are many; this repeats while it finds new ones (a wrapper of a
wrapper). The results of this pass are not cached per file: they depend on other files.
"""

from __future__ import annotations

from collections.abc import Sequence

from schema_lint.discovery import SourceFile
from schema_lint.model import FileScan
from schema_lint.prefilter import find_word
from schema_lint.scanners import GRAMMARS, ScanContext
from schema_lint.settings import Settings

MAX_ROUNDS = 8  # wrappers of wrappers across files


def rescan(
    settings: Settings, files: Sequence[SourceFile], scans: list[FileScan]
) -> list[FileScan]:
    """Scan again, with the wrappers found so far, the code files that mention the name of a
    wrapper found in another file; repeat while that finds new wrappers (a wrapper of a
    wrapper). Only files whose bytes mention such a name, as a whole word, are parsed again:
    in processes when there are many (an SDK's own repository names its client everywhere)."""
    from schema_lint.scan import scan_again

    by_path = {scan.path: index for index, scan in enumerate(scans)}
    seen: set[tuple[str, str]] = set()
    for _ in range(MAX_ROUNDS):
        known = sorted({(s.path, w) for s in scans for w in s.wrappers})
        clients = sorted({(s.path, c) for s in scans for c in s.clients})
        fresh = [(p, w.needle) for p, w in known] + [(p, c.name) for p, c in clients]
        fresh = [item for item in fresh if item not in seen]
        if not fresh:
            break
        seen.update(fresh)
        needles = [(name.encode(), path) for path, name in fresh]
        jobs = [
            (file, data)
            for file in files
            if file.path in by_path and file.language in GRAMMARS
            if (data := read(file.abspath)) is not None and _mentions(data, needles, file.path)
        ]
        ctx = ScanContext(settings.signatures, tuple(known), tuple(clients))
        for (file, _), scan in zip(jobs, scan_again(ctx, jobs), strict=True):
            scans[by_path[file.path]] = scan
    return scans


def _mentions(data: bytes, needles: list[tuple[bytes, str]], path: str) -> bool:
    """Whether the bytes name, as a whole word, a wrapper or client found in another file."""
    return any(other != path and find_word(data, name) >= 0 for name, other in needles)


def read(path: str) -> bytes | None:
    """A file's bytes; None when it cannot be read (its own scan reports why)."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None
