"""Atomic replacement keeps the mode, leaves no temporary file, and fails without a trace."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from schema_lint.files import CACHEDIR_TAG, atomic_write, prepare_directory, temporary_name

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@posix
@pytest.mark.parametrize("mode", [0o755, 0o644, 0o600, 0o2755], ids=oct)
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"old")
    path.chmod(mode)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == mode


@posix
@pytest.mark.parametrize("umask", [0o022, 0o077], ids=oct)
def test_a_new_file_gets_the_mode_open_would_give(tmp_path: Path, umask: int) -> None:
    before = os.umask(umask)
    try:
        atomic_write(tmp_path / "f", b"data")
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "f").stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("durable", [False, True])
def test_no_temporary_file_is_left(tmp_path: Path, durable: bool) -> None:
    atomic_write(tmp_path / "f", b"data", durable=durable)
    assert os.listdir(tmp_path) == ["f"]


def test_a_leftover_of_this_pid_is_replaced(tmp_path: Path) -> None:
    temporary_name(tmp_path / "f").write_bytes(b"from a killed run")
    atomic_write(tmp_path / "f", b"data")
    assert os.listdir(tmp_path) == ["f"]
    assert (tmp_path / "f").read_bytes() == b"data"


def test_a_failed_rename_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"old")

    def refuse(src: object, dst: object) -> None:
        raise OSError("no")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="no"):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["f"]


def test_the_cache_folder_is_tagged_and_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    prepare_directory(folder)
    prepare_directory(folder)  # idempotent
    assert (folder / "CACHEDIR.TAG").read_text() == CACHEDIR_TAG
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
