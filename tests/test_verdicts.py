"""Validation verdicts: remembered per exact content and version, only where a cache may be."""

from __future__ import annotations

from pathlib import Path

import pytest

from schema_lint import verdicts as verdicts_module
from schema_lint.files import DIRECTORY
from schema_lint.verdicts import Verdicts, for_root


def test_a_recorded_input_is_known_and_nothing_else(tmp_path: Path) -> None:
    verdicts = for_root(tmp_path, use_cache=True)
    assert not verdicts.known("config", b"a: 1")
    verdicts.record("config", b"a: 1")
    assert verdicts.known("config", b"a: 1")
    assert not verdicts.known("config", b"a: 2")
    assert not verdicts.known("lockfile", b"a: 1")  # kinds do not vouch for one another
    assert (tmp_path / DIRECTORY / "CACHEDIR.TAG").exists()


def test_one_marker_per_kind(tmp_path: Path) -> None:
    verdicts = for_root(tmp_path, use_cache=True)
    for content in (b"1", b"2", b"3"):
        verdicts.record("lockfile", content)
    verdicts.record("config", b"1")
    assert verdicts.known("lockfile", b"3")
    assert not verdicts.known("lockfile", b"1")
    assert verdicts.known("config", b"1")
    assert len(list((tmp_path / DIRECTORY).glob("valid-lockfile-*"))) == 1


def test_another_version_validates_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    verdicts = for_root(tmp_path, use_cache=True)
    verdicts.record("config", b"a: 1")
    monkeypatch.setattr(verdicts_module, "__version__", "99.0")
    assert not verdicts.known("config", b"a: 1")


def test_without_a_cache_nothing_is_known_or_written(tmp_path: Path) -> None:
    verdicts = for_root(tmp_path, use_cache=False)
    verdicts.record("config", b"a: 1")
    assert not verdicts.known("config", b"a: 1")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file where the folder should be")
    verdicts = Verdicts(tmp_path / "blocked")
    verdicts.record("config", b"a: 1")
    assert not verdicts.known("config", b"a: 1")
