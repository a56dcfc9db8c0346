"""The catalog command's flow: scan the tree (and a git ref for --diff-against), build, render."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from schema_lint import engine
from schema_lint.catalog import formats, gitref
from schema_lint.catalog.build import build
from schema_lint.catalog.diff import diff
from schema_lint.catalog.model import Catalog
from schema_lint.discovery import select
from schema_lint.lockfile import Lock
from schema_lint.model import FileScan
from schema_lint.scan import context_for
from schema_lint.scanners import scan_file
from schema_lint.settings import Settings


def render(
    settings: Settings,
    paths: Sequence[Path],
    format_: str,
    against: str | None = None,
    use_cache: bool = True,
) -> tuple[str, tuple[str, ...]]:
    """The page in `format_`, or the diff against a git ref; and discovery's notes."""
    try:
        renderer = formats.get(format_) if against is None else None
        diff_renderer = formats.get_diff(format_) if against is not None else None
    except KeyError as exc:
        raise engine.EngineError(exc.args[0]) from None
    collected = engine.collect(settings, paths, use_cache)
    current = build(collected.scans, collected.lock, settings.numbers)
    if renderer is not None:
        return renderer(current), collected.notes
    assert against is not None and diff_renderer is not None
    before = at_ref(settings, paths, against)
    return diff_renderer(diff(before, current, against)), collected.notes


def write(page: str, path: Path) -> None:
    """Write the page to `path`; a failure is one line naming the file (exit 2)."""
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise engine.EngineError(f"{path}: cannot write: {exc.strerror or exc}") from None


def at_ref(settings: Settings, paths: Sequence[Path], ref: str) -> Catalog:
    """The catalog of `ref`'s files, read from git's objects; no lock (a diff has no status)."""
    return build(scan_ref(settings, paths, ref), Lock({}, exists=False), settings.numbers)


def scan_ref(settings: Settings, paths: Sequence[Path], ref: str) -> list[FileScan]:
    """Scans of the files `ref` holds under the project root and `paths`, chosen as discovery
    chooses files on disk (include, excludes, examples, size limit)."""
    root = settings.root
    blobs = {blob.path: blob for blob in gitref.list_files(root, gitref.tree_of(root, ref))}
    targets = _targets(root, paths)
    listed = [path for path in blobs if _within(path, targets)]
    chosen = [
        (blobs[path], language, example)
        for path, language, example in sorted(select(settings, listed))
        if blobs[path].size <= settings.max_file_size
    ]
    contents = gitref.read_blobs(root, [blob.oid for blob, _, _ in chosen])
    ctx = context_for(settings)
    return [
        scan_file(blob.path, language, data, ctx, example)
        for (blob, language, example), data in zip(chosen, contents, strict=True)
    ]


def _targets(root: Path, paths: Sequence[Path]) -> list[str]:
    """The given paths relative to the root ('' for all of it); outside ones select nothing."""
    if not paths:
        return [""]
    targets = []
    for path in paths:
        full = Path(os.path.abspath(path)).resolve()
        if full.is_relative_to(root):
            targets.append("" if full == root else full.relative_to(root).as_posix())
    return targets


def _within(path: str, targets: Sequence[str]) -> bool:
    return any(not t or path == t or path.startswith(t + "/") for t in targets)
