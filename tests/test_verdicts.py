"""Validation verdicts: remembered per exact content and version, only where a cache may be."""

from __future__ import annotations

import datetime
import os
import pickle
from pathlib import Path

import pytest
import yaml

from schema_lint import lockfile
from schema_lint import verdicts as verdicts_module
from schema_lint.cache import code_stamps
from schema_lint.config import load_settings
from schema_lint.files import DIRECTORY
from schema_lint.verdicts import KEEP_PARSED, Verdicts, for_root
from tests import test_cache


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


def test_a_parse_is_kept_by_kind_and_exact_bytes(tmp_path: Path) -> None:
    verdicts = for_root(tmp_path, use_cache=True)
    assert verdicts.parsed("config", b"a: 1") is None
    verdicts.keep_parsed("config", b"a: 1", {"a": 1, "b": [True, None, 1.5, {2: "x"}]})
    assert verdicts.parsed("config", b"a: 1") == {"a": 1, "b": [True, None, 1.5, {2: "x"}]}
    assert verdicts.parsed("config", b"a: 1 ") is None
    assert verdicts.parsed("lockfile", b"a: 1") is None


def test_a_few_parses_are_kept_per_kind(tmp_path: Path) -> None:
    verdicts = for_root(tmp_path, use_cache=True)
    for number in range(KEEP_PARSED + 2):
        verdicts.keep_parsed("config", b"a: %d" % number, {"a": number})
        path = verdicts._parsed_path("config", b"a: %d" % number)
        assert path is not None
        os.utime(path, ns=(number, number))  # written in this order, whatever the clock says
    verdicts.keep_parsed("lockfile", b"a: 0", {"a": 0})
    kept = [n for n in range(KEEP_PARSED + 2) if verdicts.parsed("config", b"a: %d" % n)]
    assert kept == list(range(2, KEEP_PARSED + 2))  # the oldest went
    assert verdicts.parsed("lockfile", b"a: 0") == {"a": 0}


def test_a_parse_is_not_kept_across_code_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    verdicts = for_root(tmp_path, use_cache=True)
    verdicts.keep_parsed("config", b"a: 1", {"a": 1})
    stamps = code_stamps()
    monkeypatch.setattr("schema_lint.verdicts.code_stamps", lambda: (*stamps, "yaml:1:2"))
    assert verdicts.parsed("config", b"a: 1") is None


def test_what_cannot_be_read_back_is_not_kept(tmp_path: Path) -> None:
    verdicts = for_root(tmp_path, use_cache=True)
    verdicts.keep_parsed("config", b"day: 2001-01-01", {"day": datetime.date(2001, 1, 1)})
    assert verdicts.parsed("config", b"day: 2001-01-01") is None
    assert not list((tmp_path / DIRECTORY).glob("parsed-*"))


def test_a_planted_parse_cannot_run_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mark = tmp_path / "pwned"
    monkeypatch.setattr(test_cache, "PLANTED_MARK", mark)
    verdicts = for_root(tmp_path, use_cache=True)
    verdicts.keep_parsed("config", b"a: 1", {"a": 1})
    (planted,) = (tmp_path / DIRECTORY).glob("parsed-config-*")
    planted.write_bytes(pickle.dumps(test_cache.Planted()))
    assert verdicts.parsed("config", b"a: 1") is None
    assert not mark.exists()


def test_without_a_cache_nothing_parsed_is_kept(tmp_path: Path) -> None:
    verdicts = for_root(tmp_path, use_cache=False)
    verdicts.keep_parsed("config", b"a: 1", {"a": 1})
    assert verdicts.parsed("config", b"a: 1") is None
    assert list(tmp_path.iterdir()) == []


def test_a_config_parsed_before_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / ".schema-lint.yaml"
    # a comment after a value: not a config of plain lines (schema_lint.plain_yaml)
    config.write_text("presets: [segment]  # the SDK\nexclude: [gen/]\n")
    first = load_settings([], None, tmp_path, use_cache=True)
    monkeypatch.setattr(yaml, "load", _no_parse)
    assert load_settings([], None, tmp_path, use_cache=True) == first
    config.write_text("presets: [moesif]  # the SDK\n")  # other bytes: parsed again
    with pytest.raises(AssertionError, match="parsed again"):
        load_settings([], None, tmp_path, use_cache=True)
    monkeypatch.undo()
    assert load_settings([], None, tmp_path, use_cache=True).presets == ("moesif",)


def test_a_lockfile_parsed_before_is_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "schema-lint.lock.yaml"
    path.write_text("version: 1\nevents:\n  plan: string\n")
    verdicts = for_root(tmp_path, use_cache=True)
    first = lockfile.load(path, "lock", verdicts)
    assert first == lockfile.load(path, "lock")
    monkeypatch.setattr(yaml, "parse", _no_parse)
    assert lockfile.load(path, "lock", verdicts) == first
    path.write_text("version: 1\nevents:\n  plan: strin\n")
    with pytest.raises(AssertionError, match="parsed again"):
        lockfile.load(path, "lock", verdicts)
    monkeypatch.undo()
    with pytest.raises(lockfile.LockfileError, match="unknown type 'strin'"):
        lockfile.load(path, "lock", verdicts)


def _no_parse(*args: object, **kwargs: object) -> None:
    raise AssertionError("parsed again")
