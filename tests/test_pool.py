"""Reading in the pool: one read of the listed size, and whatever the file became since."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema_lint.discovery import SourceFile
from schema_lint.model import FileScan
from schema_lint.pool import read_file


def _listed(path: Path, size: int) -> SourceFile:
    return SourceFile(path.name, str(path), "typescript", size, False)


@pytest.mark.parametrize("listed", [0, 5, 11, 12, 4096])
def test_reads_the_whole_file_whatever_size_was_listed(tmp_path: Path, listed: int) -> None:
    path = tmp_path / "a.ts"
    path.write_bytes(b"track(x);\n\n" + b"y" * 70_000 if listed == 4096 else b"track(x);\n\n")
    assert read_file(_listed(path, listed)) == path.read_bytes()


def test_gone_and_unreadable(tmp_path: Path) -> None:
    assert read_file(_listed(tmp_path / "gone.ts", 3)) is None
    folder = tmp_path / "dir.ts"
    folder.mkdir()
    found = read_file(_listed(folder, 0))
    assert isinstance(found, FileScan) and "cannot read file" in found.problems[0].message
