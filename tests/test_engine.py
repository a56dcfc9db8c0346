"""engine.run: findings, the lockfile, fixes and the memo, as values; no global side effects."""

from __future__ import annotations

import gc
import os
import shutil
import time
from pathlib import Path

import pytest

from schema_lint import engine, scan
from schema_lint.config import load_settings
from schema_lint.engine import EngineError, Options, lockable_keys, run
from schema_lint.flatten import Row, in_order
from schema_lint.lockfile import Lock
from schema_lint.model import Entry, Span, Value

OLD = time.time() - 3600  # older than the racy window: the run memo may be stored


def project(root: Path, files: dict[str, str]) -> Path:
    (root / ".git").mkdir(parents=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
        os.utime(root / name, (OLD, OLD))
    return root


@pytest.fixture
def app(tmp_path: Path) -> Path:
    return project(
        tmp_path / "app",
        {
            "a.js": "moesif.track('A', {'x.y': 1, plan: 'pro'});\n",
            "b.js": "moesif.track('B', {plan: 3, seats: 2});\n",
        },
    )


def codes(result: engine.Result) -> list[tuple[str, str, int]]:
    return [(d.code, d.path, d.line) for d in result.diagnostics]


def test_findings_and_new_keys(app: Path) -> None:
    result = run(load_settings([], None, app), options=Options(use_cache=False))
    assert codes(result) == [("SL001", "a.js", 1), ("SL002", "b.js", 1)]
    assert result.files == ("a.js", "b.js")
    assert result.new_keys == {"events": {"seats": "number", "x_y": "number"}}
    assert result.unlockable == (("events", "plan"),)
    assert result.added == {}


def test_a_rerun_answers_from_the_memo(app: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings([], None, app)
    first = run(settings)

    def no_scan(*args: object, **kwargs: object) -> None:
        raise AssertionError("scanned again")

    monkeypatch.setattr(scan, "scan_files", no_scan)
    again = run(settings)
    assert (again.diagnostics, again.new_keys, again.unlockable) == (
        first.diagnostics,
        first.new_keys,
        first.unlockable,
    )


def test_run_leaves_the_garbage_collector_as_it_was(app: Path) -> None:
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    run(load_settings([], None, app), options=Options(use_cache=False))
    assert (gc.get_freeze_count(), gc.isenabled()) == (frozen, enabled)


def test_frozen_needs_a_lockfile(app: Path) -> None:
    with pytest.raises(EngineError, match="no lockfile"):
        run(load_settings([], None, app), options=Options(frozen=True))


def test_update_lock_adds_only_consistent_keys(app: Path) -> None:
    settings = load_settings([], None, app)
    options = Options(update_lock=True, create_lock=True, ignore=("SL002",))
    result = run(settings, options=options)
    assert result.added == {"events": {"seats": "number", "x_y": "number"}}
    text = (app / "schema-lint.lock.yaml").read_text()
    assert "seats: number" in text
    assert "plan" not in text


def test_update_lock_writes_nothing_while_errors_remain(app: Path) -> None:
    result = run(load_settings([], None, app), options=Options(update_lock=True))
    assert [d.code for d in result.diagnostics] == ["SL001", "SL002"]  # SL002 is an error
    assert result.new_keys and result.added == {}
    assert not (app / "schema-lint.lock.yaml").exists()


def test_paths_move_to_the_base(app: Path) -> None:
    (app / "c.js").write_text("moesif.track('C', {seats: 'two'});\n")
    options = Options(use_cache=False, base=app.parent)
    result = run(load_settings([], None, app), options=options)
    assert result.files == ("app/a.js", "app/b.js", "app/c.js")
    assert [d.path for d in result.diagnostics] == ["app/a.js", "app/b.js", "app/c.js"]
    conflict = result.diagnostics[2]
    assert conflict.related is not None and conflict.related.where == "app/b.js:1:29"
    assert conflict.message.endswith("first sent as number at app/b.js:1:29")
    assert engine.lockfile_display(load_settings([], None, app), app / "sub") == (
        "../schema-lint.lock.yaml"
    )


def test_merge_sorts_the_findings_of_several_roots(app: Path, tmp_path: Path) -> None:
    other = project(tmp_path / "other", {"z.js": "moesif.track('Z', {'a.b': 1});\n"})
    options = Options(use_cache=False, base=tmp_path)
    results = [run(load_settings([], None, root), options=options) for root in (other, app)]
    merged = engine.merge(results)
    assert [d.path for d in merged.diagnostics] == ["app/a.js", "app/b.js", "other/z.js"]
    assert merged.files == ("app/a.js", "app/b.js", "other/z.js")
    assert merged.lockfile == "other/schema-lint.lock.yaml, app/schema-lint.lock.yaml"
    assert engine.merge(results[:1]) is results[0]


def test_fix_rewrites_and_drops_the_fixed_findings(app: Path) -> None:
    result = run(load_settings([], None, app), options=Options(fix=True, use_cache=False))
    assert result.fixed == 1
    assert codes(result) == [("SL002", "b.js", 1)]
    assert (app / "a.js").read_text() == "moesif.track('A', {'x_y': 1, plan: 'pro'});\n"


def row(key: str, type_: str, line: int) -> Row:
    span = Span(line, 1, line, 2)
    return Row("a.js", span, "events", key, key, type_, Entry(key, span, Value(type_, span)))


@pytest.mark.parametrize(
    ("rows", "locked", "additions", "unlockable"),
    [
        ([row("a", "string", 1)], {}, {"events": {"a": "string"}}, ()),
        ([row("a", "string", 1)], {"a": "string"}, {}, ()),
        ([row("a", "unknown", 1)], {}, {}, ()),
        ([row("a", "string", 1), row("a", "number", 2)], {}, {}, (("events", "a"),)),
        (
            [row("a", "array<number>", 1), row("a", "array<string>", 2)],
            {},
            {},
            (("events", "a"),),
        ),
        (
            [row("b", "number", 2), row("a", "boolean", 1)],
            {},
            {"events": {"a": "boolean", "b": "number"}},
            (),
        ),
    ],
)
def test_lockable_keys(
    rows: list[Row],
    locked: dict[str, str],
    additions: dict[str, dict[str, str]],
    unlockable: tuple[tuple[str, str], ...],
) -> None:
    lock = Lock({"events": locked}, exists=True)
    assert lockable_keys(rows, lock) == (additions, unlockable)
    assert lockable_keys(in_order(rows), lock, in_order=True) == (additions, unlockable)


def test_count() -> None:
    assert engine.count({"events": {"a": "string", "b": "number"}, "users": {"c": "string"}}) == 3
    assert engine.count({}) == 0


def _large(root: Path, files: int) -> Path:
    """Enough files for a run to write its cache in a forked copy."""
    sources = {}
    for index in range(files):
        plan = "'pro'" if index % 7 else "3"  # a type conflict every seventh file
        sources[f"src/f{index:04}.js"] = (
            f"moesif.track('E{index % 5}', {{'k.{index % 3}': 1, plan: {plan}, "
            f"seats: {index}, nested: {{deep: true, list: [1, 2]}}}});\n"
        )
    return project(root, sources)


def test_a_cache_written_in_a_forked_copy_is_the_one_written_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the threshold, the cache is written by a forked copy while the run goes on; the
    outcome must be the one of a run that does all of it here."""
    from schema_lint import forked

    files = scan.BACKGROUND_MIN_SCANS + 10
    root = _large(tmp_path / "big", files)
    settings = load_settings([], None, root)
    copied = run(settings)
    cache_written = sorted(p.name for p in (root / ".schema-lint-cache").iterdir())
    assert any(name.startswith("v") for name in cache_written)  # written by the time it returns
    shutil.rmtree(root / ".schema-lint-cache")
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    here = run(settings)
    assert copied.diagnostics == here.diagnostics
    assert {d.code for d in here.diagnostics} == {"SL001", "SL002"}
    assert (copied.new_keys, copied.unlockable) == (here.new_keys, here.unlockable)
    assert sorted(p.name for p in (root / ".schema-lint-cache").iterdir()) == cache_written
    # the cache the copy wrote answers for every file: nothing is scanned again
    shutil.rmtree(root / ".schema-lint-cache")
    monkeypatch.undo()
    run(settings)
    for memo in (root / ".schema-lint-cache").glob("run-*.pickle"):
        memo.unlink()

    def no_scan(*args: object, **kwargs: object) -> None:
        raise AssertionError("scanned again")

    monkeypatch.setattr(scan, "scan_file", no_scan)
    assert run(settings).diagnostics == here.diagnostics
