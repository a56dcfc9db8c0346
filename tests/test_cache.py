"""The scan cache and the process pool can only save time: every run gives the same findings."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from schema_lint import cache, pool, scan
from schema_lint.config import load_settings
from schema_lint.discovery import SourceFile, discover
from schema_lint.files import DIRECTORY
from schema_lint.model import FileScan
from schema_lint.scanners import scan_file
from tests.conftest import run_cli

FILES = {
    ".schema-lint.yaml": "presets: [moesif, segment]\nexamples: ['docs/examples/*.json']\n",
    "web/signup.js": (
        "moesif.track('Signed Up', {'sign.up.method': 'email', plan: 'pro', seats: 3});\n"
        "// schema-lint: ignore[SL001]\n"
        "moesif.track('Invited', {'team.size': 4});\n"
    ),
    "web/cart.tsx": (
        "export function Cart() {\n"
        "  analytics.track('Added', { seats: 'three', items: [1, 2] });\n"
        "  return <div>{tracker.track('x', {'not.ours': 1})}</div>;\n"
        "}\n"
    ),
    "web/plain.ts": "export const answer: number = 42;\n",
    "web/broken.js": "moesif.track('Oops', {a: 1\n",
    "web/latin1.js": "moesif.track('Caf\xe9', {price: 1});\n",  # written as Latin-1 below
    "server/app.py": (
        "def sign_up(user):\n"
        "    analytics.track(user.id, 'Signed Up', {'plan': 7, 'referrer.name': 'x'})\n"
    ),
    "docs/guide.md": (
        "# Guide\n\n```js\nmoesif.identifyUser('u1', {plan: 'pro', 'user.tier': 1});\n```\n"
    ),
    "docs/examples/signup.json": '{"plan": "pro", "seats": 2}\n',
    # every language goes through the same prefilter, cache and pool
    "server/notify.go": (
        'package server\n\nvar body = map[string]any{"action_name": "Paid",'
        ' "metadata": map[string]any{"pay.method": "card", "seats": "2"}}\n'
    ),
    "server/notify.rb": "body = { action_name: 'Paid', metadata: { 'pay.method' => 1 } }\n",
    "server/notify.php": "<?php\n$b = ['action_name' => 'Paid', 'metadata' => ['pay.id' => 1]];\n",
    "web/Signup.vue": "<template><p/></template>\n<script>moesif.track('V', {'v.v': 1})</script>\n",
    "web/Pay.svelte": "<p>é</p><script lang=\"ts\">moesif.track('S', {'s.s': 1})</script>\n",
    "site/index.astro": "---\nmoesif.track('A', {'a.a': 1});\n---\n<h1>x</h1>\n",
    "fixtures/batch.json": (
        '[{"action_name": "Signed Up", "metadata": {"plan": false}},'
        ' {"action_name": "Left", "metadata": {"exit.reason": "price"}}]\n'
    ),
}
OLD = time.time() - 3600  # older than cache.RACY_NS: a stat alone is trusted


def make_project(root: Path, files: dict[str, str] = FILES, mtime: float | None = OLD) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("latin-1" if name.endswith("latin1.js") else "utf-8"))
        if mtime is not None:
            os.utime(path, (mtime, mtime))
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "proj")


def findings(
    root: Path, *args: str, env: dict[str, str] | None = None, memo: bool = True
) -> list[dict[str, object]]:
    """The JSON findings of one run; `memo=False` makes it go past the whole-run memo, to the
    per-file cache."""
    if not memo:
        for stale in (root / DIRECTORY).glob("run-*.pickle"):
            stale.unlink()
    result = run_cli(["check", "--format", "json", "--exit-zero", *args], root, env)
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def cache_files(root: Path) -> list[Path]:
    return sorted((root / DIRECTORY).glob("v*-*.pickle"))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths the scanner reads from disk."""
    seen: list[str] = []
    original = pool.read_file

    def spy(file: SourceFile) -> bytes | FileScan | None:
        seen.append(file.path)
        return original(file)

    monkeypatch.setattr(pool, "read_file", spy)
    yield seen


def test_the_project_has_findings_of_every_kind(project: Path) -> None:
    codes = {str(d["code"]) for d in findings(project, "--no-cache")}
    assert {"SL001", "SL002", "SL006"} <= codes


def test_cold_and_warm_runs_match_no_cache(project: Path, reads: list[str]) -> None:
    expected = findings(project, "--no-cache")
    assert not (project / DIRECTORY).exists()
    assert findings(project) == expected  # cold: builds the cache
    assert len(cache_files(project)) == 1
    reads.clear()
    assert findings(project) == expected  # warm
    assert findings(project, memo=False) == expected  # warm, past a whole-run memo
    assert reads == []  # a stat was enough for every unchanged file


def test_modified_added_and_deleted_files(project: Path) -> None:
    findings(project)
    (project / "web/plain.ts").write_text("moesif.track('New', {'a.b': 1, plan: 2});\n")
    os.utime(project / "web/plain.ts", (OLD + 10, OLD + 10))
    (project / "web/new.js").write_text("moesif.track('Newer', {seats: true});\n")
    (project / "server/app.py").unlink()
    expected = findings(project, "--no-cache")
    assert findings(project) == expected
    assert findings(project) == expected
    paths = {str(d["path"]) for d in expected}
    assert "web/new.js" in paths and "server/app.py" not in paths


def test_a_rewrite_that_keeps_size_and_mtime_is_seen_while_recent(tmp_path: Path) -> None:
    """Racy entries: a file changed within the mtime tick it was scanned in."""
    root = make_project(tmp_path / "proj", mtime=None)  # just written: too recent to trust
    target = root / "web/signup.js"
    before = os.stat(target)
    findings(root)
    text = target.read_text().replace("'sign.up.method'", "'sign_up.method'")
    target.write_text(text)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(target).st_size == before.st_size
    assert findings(root) == findings(root, "--no-cache")
    keys = {d["key_path"] for d in findings(root) if d["path"] == "web/signup.js"}
    assert "sign_up.method" in keys


def test_partial_runs_keep_other_entries_and_prune_deleted_files(project: Path) -> None:
    settings = load_settings([], None, project)
    findings(project)
    assert "web/cart.tsx" in cache.ScanCache.load(settings)._old
    (project / "web/cart.tsx").unlink()
    os.utime(project / "web/signup.js", (OLD + 5, OLD + 5))  # a change, so the run writes
    findings(project, "web/signup.js")
    records = cache.ScanCache.load(settings)._old
    assert "web/cart.tsx" not in records
    assert {"server/app.py", "docs/guide.md", "web/signup.js"} <= set(records)


@pytest.mark.parametrize("fork", [True, False], ids=["forked copies", "a process pool"])
def test_serial_and_parallel_runs_match(
    project: Path, monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    """Forked copies share the chunks where the platform forks; a process pool elsewhere."""
    from schema_lint import forked

    if not fork:
        monkeypatch.setattr(forked, "can_fork", lambda: False)
    for index in range(12):  # enough jobs for several chunks
        (project / f"web/extra{index}.js").write_text(
            f"moesif.track('E{index}', {{'k.{index}': {index}, seats: '{index}'}});\n" * 20
        )
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(pool, "CHUNK_BYTES", 2000)
    started: list[int] = []
    original = pool.Runner._start_pool

    pooled: list[bool] = []

    def spy(self: pool.Runner, languages: set[str]) -> None:
        started.append(self.workers)
        original(self, languages)
        if self.pool is not None:
            pooled.append(True)

    monkeypatch.setattr(pool.Runner, "_start_pool", spy)
    serial = findings(project, "--no-cache", env={pool.WORKERS_ENV: "1"})
    assert started == []
    for workers in ("2", "3"):
        assert findings(project, "--no-cache", env={pool.WORKERS_ENV: workers}) == serial
        shutil.rmtree(project / DIRECTORY, ignore_errors=True)
        assert findings(project, env={pool.WORKERS_ENV: workers}) == serial  # cold, via the pool
        warm = findings(project, env={pool.WORKERS_ENV: "1"}, memo=False)
        assert warm == serial  # from the blobs the workers sent
    assert started == [2, 2, 3, 3]
    assert (pooled == []) == fork


def test_cache_directory_is_tagged_and_ignored_by_git(project: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    findings(project)
    directory = project / DIRECTORY
    assert (directory / ".gitignore").read_text().splitlines()[-1] == "*"
    tag = (directory / "CACHEDIR.TAG").read_bytes()
    assert tag.startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=project, capture_output=True, text=True, check=True,
    ).stdout
    assert DIRECTORY not in status


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a pickle", pickle.dumps({"format": 999, "records": {}}), pickle.dumps([1, 2])],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(project: Path, garbage: bytes) -> None:
    expected = findings(project, "--no-cache")
    findings(project)
    (target,) = cache_files(project)
    target.write_bytes(garbage)
    assert findings(project, memo=False) == expected
    assert findings(project, memo=False) == expected
    assert target.read_bytes() != garbage


def test_corrupt_records_are_misses(project: Path) -> None:
    expected = findings(project, "--no-cache")
    findings(project)
    (target,) = cache_files(project)
    stored = pickle.loads(target.read_bytes())
    for path, record in stored["records"].items():
        if record[3] is not None:
            stored["records"][path] = (*record[:3], b"\x80\x05garbage")
    stored["records"]["web/plain.ts"] = "not a record"
    target.write_bytes(pickle.dumps(stored))
    assert findings(project, memo=False) == expected


class Planted:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(PLANTED_MARK),))


PLANTED_MARK = Path("/nonexistent")


def test_a_planted_pickle_cannot_run_code(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mark = tmp_path / "pwned"
    monkeypatch.setattr(f"{__name__}.PLANTED_MARK", mark)
    expected = findings(project, "--no-cache")
    findings(project)
    (target,) = cache_files(project)
    target.write_bytes(pickle.dumps(Planted()))
    assert findings(project, memo=False) == expected
    stored = pickle.loads(target.read_bytes())
    record = stored["records"]["web/signup.js"]
    stored["records"]["web/signup.js"] = (*record[:3], pickle.dumps(Planted()))
    target.write_bytes(pickle.dumps(stored))
    assert findings(project, memo=False) == expected
    assert not mark.exists()


def test_changed_settings_do_not_reuse_scans(project: Path) -> None:
    (project / "web/custom.js").write_text("sendEvent('X', {'custom.key': 1});\n")
    os.utime(project / "web/custom.js", (OLD, OLD))
    before = findings(project)
    assert not any(d["path"] == "web/custom.js" for d in before)
    config = project / ".schema-lint.yaml"
    config.write_text(config.read_text() + "calls: ['sendEvent(EVENT, METADATA)']\n")
    after = findings(project)
    assert after == findings(project, "--no-cache")
    assert any(d["path"] == "web/custom.js" for d in after)
    assert len(cache_files(project)) == 2  # one per settings key


def test_no_cache_neither_reads_nor_writes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cache was used")

    monkeypatch.setattr(cache.ScanCache, "load", refuse)
    monkeypatch.setattr(cache.ScanCache, "save", refuse)
    findings(project, "--no-cache")
    assert not (project / DIRECTORY).exists()


def test_an_unwritable_cache_directory_is_not_an_error(project: Path) -> None:
    (project / DIRECTORY).write_text("a file where the folder should be")
    assert findings(project) == findings(project, "--no-cache")


def test_quick_scan_agrees_with_scan_file(project: Path) -> None:
    """The parent's shortcut for files that need no parser gives what the scanner gives."""
    extra = {
        "a.js": "trackEvent('x', {'a.b': 1});\n",  # a name inside a longer word
        "b.js": "// moesif.track('x', {'a.b': 1})\n",
        "c.py": "\ufeffanalytics.track(u, 'x', {'a.b': 1})\n",
        "d.md": "no fences, no calls\n",
        "e.json": '{"action_name": 1}\n',
        "f.js": "\x00binary\n",
        "h.go": "package a // metadata only\n",
        "i.rb": "track_it('x', { 'a.b' => 1 })\n",
        "j.vue": "<template>{{ moesif.track('x', {'a.b': 1}) }}</template>\n",
        "k.php": "<?php $moesif->track('x', ['a.b' => 1]);\n",
    }
    make_project(project, extra)
    (project / "g.ts").write_bytes("moesif.track('x', {'a.b': 1});\n".encode("utf-16"))
    settings = load_settings([], None, project)
    ctx = scan.context_for(settings)
    triage = scan._Triage(ctx)
    for file in discover(settings).files:
        data = Path(file.abspath).read_bytes()
        quick = triage.quick_scan(file, data)
        full = scan_file(file.path, file.language, data, ctx, file.example)
        assert (quick or full) == full, file.path


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("4", 4), ("0", 1), ("x", None)])
def test_workers_setting(monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None) -> None:
    monkeypatch.setenv(pool.WORKERS_ENV, value)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert pool.workers() == (expected or usable or 1)


def test_reruns_follow_the_lockfile_options_and_files(project: Path) -> None:
    """Whatever a whole-run memo keeps, a change of any input gives fresh findings."""
    for _ in range(2):
        assert findings(project) == findings(project, "--no-cache")
    (project / "schema-lint.lock.yaml").write_text("version: 1\nevents:\n  plan: number\n")
    assert findings(project) == findings(project, "--no-cache")
    for args in (["--select", "SL001"], ["--ignore", "SL002"], ["--frozen"]):
        assert findings(project, *args) == findings(project, *args, "--no-cache")
    (project / "web/plain.ts").write_text("moesif.track('X', {plan: 'free'});\n")
    os.utime(project / "web/plain.ts", (OLD + 20, OLD + 20))
    assert findings(project) == findings(project, "--no-cache")


def test_a_file_that_could_not_be_read_is_read_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mending a file's permissions keeps its size and mtime: its "cannot read" finding
    must not come back from the cache."""
    original, unstated = pool.read_file, pool.read_unstated

    def refused(file: SourceFile) -> bytes | FileScan | None:
        if file.path == "web/signup.js":
            return pool.unreadable(file, PermissionError(13, "Permission denied"))
        return original(file)

    def refused_unstated(file: SourceFile, limit: int) -> object:
        # as a file that cannot be opened: left to the listing's stat, then read as above
        return pool.RECHECK if file.path == "web/signup.js" else unstated(file, limit)

    monkeypatch.setattr(pool, "read_file", refused)
    monkeypatch.setattr(pool, "read_unstated", refused_unstated)
    first = findings(project, env={pool.WORKERS_ENV: "1"})
    assert [f["message"] for f in first if f["path"] == "web/signup.js"] == [
        "cannot read file: Permission denied"
    ]
    monkeypatch.setattr(pool, "read_file", original)
    again = findings(project, env={pool.WORKERS_ENV: "1"}, memo=False)
    assert {f["code"] for f in again if f["path"] == "web/signup.js"} == {"SL001"}
