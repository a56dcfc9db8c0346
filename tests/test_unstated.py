"""A run with no cache to consult lists its files without a stat and stamps each as it reads
it (discovery.discover, pool.read_unstated): it must find what a listing with stats finds,
and leave a cache and a memo that the next run answers from."""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path

import pytest

from schema_lint import discovery, engine, pool, scan
from schema_lint.config import load_settings
from schema_lint.files import DIRECTORY
from schema_lint.settings import Options

OLD = 1_600_000_000  # long before any run: no racy stamp keeps the memo from being stored
CALL = "moesif.track('Signed Up', {'sign.up': 'email', plan: 1});\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "web").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".schema-lint.yaml").write_text("presets: [moesif]\nmax-file-size: 200\n")
    (root / "web/a.js").write_text(CALL)
    (root / "web/b.ts").write_text("moesif.track('Signed Up', {plan: 'free'});\n")
    (root / "web/plain.js").write_text("export const answer = 42;\n")
    (root / "web/big.js").write_text(CALL + "// filler\n" * 30)  # over max-file-size
    (root / "web/link.js").symlink_to("a.js")  # inside the project: scanned as a.js
    outside = tmp_path / "outside.js"
    outside.write_text(CALL)
    (root / "web/out.js").symlink_to(outside)  # skipped, with a note
    (root / "web/dangling.js").symlink_to("nowhere.js")  # skipped silently
    (root / "web/folder.js").mkdir()  # a folder with a suffix of ours: never listed
    os.mkfifo(root / "web/pipe.js")  # never opened for reading: it would block
    for index in range(12):  # enough for the processes to share the work (see below)
        (root / f"web/more{index}.py").write_text(f"moesif.track('E', {{'k.{index}': {index}}})\n")
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, (OLD, OLD))
    return root


def run(root: Path, fresh: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.setattr(engine, "_fresh", lambda settings, use_cache: fresh)
    monkeypatch.setattr(discovery, "UNSTATED_MIN_FILES", 0)  # this short listing too
    settings = load_settings([], None, root)
    result = engine.run(settings, options=Options(use_cache=False))
    shown = asdict(result)
    shown["diagnostics"] = [asdict(d) for d in result.diagnostics]
    return shown


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_listing_without_stats_finds_what_one_with_stats_finds(
    project: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    monkeypatch.setenv(pool.WORKERS_ENV, workers)
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 2)  # share even this small a tree
    monkeypatch.setattr(pool, "CHUNK_BYTES", 200)
    with_stats = run(project, False, monkeypatch)
    checked: list[str] = []
    admit = discovery.admit

    def spy(settings: object, listed: tuple[str, str, str, bool], notes: list[str]) -> object:
        checked.append(listed[0])
        return admit(settings, listed, notes)  # type: ignore[arg-type]

    monkeypatch.setattr(scan, "admit", spy)
    without = run(project, True, monkeypatch)
    assert without == with_stats
    # the files reading could not take as they are, and only those, were stat'ed
    assert sorted(checked) == [
        "web/big.js",
        "web/dangling.js",
        "web/link.js",
        "web/out.js",
        "web/pipe.js",
    ]
    assert "web/link.js" in with_stats["files"]  # type: ignore[operator]
    assert with_stats["notes"] == (
        "web/big.js: skipped, 358 B is over max-file-size (200 B)",
        "web/out.js: skipped, a symlink to outside the project root",
    )


def test_a_first_run_leaves_a_cache_and_memo_the_next_run_answers_from(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(discovery, "UNSTATED_MIN_FILES", 0)  # this short listing too
    settings = load_settings([], None, project)
    assert engine._fresh(settings, True)
    first = engine.run(settings)
    assert (project / DIRECTORY).is_dir()
    assert not engine._fresh(settings, True)

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was read again")

    monkeypatch.setattr(pool, "read_file", refused)
    monkeypatch.setattr(pool, "read_unstated", refused)
    assert engine.run(settings).diagnostics == first.diagnostics  # the memo
    for memo in (project / DIRECTORY).glob("run-*.pickle"):
        memo.unlink()
    assert engine.run(settings).diagnostics == first.diagnostics  # the scans' stamps


def test_a_short_listing_is_stamped_by_a_stat_all_the_same(project: Path) -> None:
    settings = load_settings([], None, project)
    assert len(discovery.discover(settings, stamps=False).files) < discovery.UNSTATED_MIN_FILES
    assert discovery.discover(settings, stamps=False) == discovery.discover(settings)
    assert all(file.size >= 0 for file in discovery.discover(settings, stamps=False).files)
