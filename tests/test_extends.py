"""`extends`: a platform repository's lock shared by an app, by path and by git source."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from schema_lint import gitsource
from schema_lint.extends import parse_ttl
from tests.conftest import run_cli

PLATFORM_LOCK = "version: 1\nevents:\n  plan: string\n"
APP = "moesif.track('Upgraded', {plan: 3, seats: 2});\n"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def platform(tmp_path: Path) -> Path:
    """A platform repository, pushed to a local bare repository with a tag `v1`."""
    work = tmp_path / "platform"
    work.mkdir()
    git(work, "init", "-q", "-b", "main")
    git(work, "config", "user.email", "dev@example.com")
    git(work, "config", "user.name", "Dev")
    (work / "schema-lint.lock.yaml").write_text(PLATFORM_LOCK)
    git(work, "add", ".")
    git(work, "commit", "-qm", "lock plan")
    git(work, "tag", "v1")
    bare = tmp_path / "platform.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    return bare


def app(tmp_path: Path, extends: str) -> Path:
    root = tmp_path / "app"
    root.mkdir(exist_ok=True)
    (root / ".schema-lint.yaml").write_text(f"extends:\n  - {extends}\n")
    (root / "app.js").write_text(APP)
    return root


def test_extends_by_path_names_the_platform_lockfile(tmp_path: Path) -> None:
    (tmp_path / "platform").mkdir()
    (tmp_path / "platform" / "schema-lint.lock.yaml").write_text(PLATFORM_LOCK)
    root = app(tmp_path, "../platform/schema-lint.lock.yaml")
    result = run_cli(["check", "--no-cache"], root)
    assert result.stdout.splitlines()[0] == (
        "app.js:1:27: SL002 `plan` is number here, but `plan` is locked as string in "
        "../platform/schema-lint.lock.yaml"
    )
    assert result.exit_code == 1
    lock = run_cli(["lock", "--no-cache"], root)
    assert lock.stdout == "Added 1 key to schema-lint.lock.yaml.\n"
    assert (root / "schema-lint.lock.yaml").read_text().endswith("events:\n  seats: number\n")


def test_extends_by_git_source_and_lock_adds_only_own_keys(tmp_path: Path, platform: Path) -> None:
    root = app(
        tmp_path, f"{{git: {json.dumps(platform.as_uri())}, ref: v1, path: schema-lint.lock.yaml}}"
    )
    result = run_cli(["check", "--no-cache", "--format", "json"], root)
    found = json.loads(result.stdout)
    assert [(d["code"], d["line"], d["column"]) for d in found] == [("SL002", 1, 27)]
    assert found[0]["message"].endswith(
        f"locked as string in {platform.as_uri()}@v1:schema-lint.lock.yaml"
    )
    run_cli(["lock", "--no-cache"], root)
    text = (root / "schema-lint.lock.yaml").read_text()
    assert "seats: number" in text and "plan" not in text
    frozen = run_cli(["check", "--no-cache", "--frozen", "--ignore", "SL002"], root)
    assert frozen.exit_code == 0, frozen.stdout  # plan counts as locked


def test_git_source_is_cached_per_commit_and_offline_uses_it(
    tmp_path: Path, platform: Path
) -> None:
    root = app(
        tmp_path, f"{{git: {json.dumps(str(platform))}, ref: main, path: schema-lint.lock.yaml}}"
    )
    offline = run_cli(["check", "--offline"], root)
    assert offline.exit_code == 2
    assert offline.stderr == (
        f"schema-lint: error: {platform}@main:schema-lint.lock.yaml: "
        "no cached copy to use with --offline\n"
    )
    assert run_cli(["check"], root).exit_code == 1
    folder = next((root / ".schema-lint-cache" / "extends").iterdir())
    commit = git(platform, "rev-parse", "main")
    assert (folder / f"{commit}-{_path_digest()}.lock.yaml").is_file()
    moved = tmp_path / "moved.git"
    platform.rename(moved)  # the source is gone: the cached copy still answers
    assert run_cli(["check", "--offline"], root).exit_code == 1
    assert run_cli(["check"], root).exit_code == 1  # within extends-ttl: not fetched again


def _path_digest() -> str:
    import hashlib

    return hashlib.sha256(b"schema-lint.lock.yaml").hexdigest()[:16]


def test_a_new_commit_on_the_branch_is_seen_only_after_the_ttl(
    tmp_path: Path, platform: Path
) -> None:
    source = f"{{git: {json.dumps(str(platform))}, ref: main, path: schema-lint.lock.yaml}}"
    root = app(tmp_path, source)
    assert run_cli(["check"], root).exit_code == 1  # plan: 3 against plan: string
    work = tmp_path / "platform"
    (work / "schema-lint.lock.yaml").write_text(PLATFORM_LOCK.replace("string", "number"))
    git(work, "commit", "-qam", "plan is a number")
    git(work, "push", "-q", str(platform), "main")
    assert run_cli(["check"], root).exit_code == 1  # still resolved within the hour
    (root / ".schema-lint.yaml").write_text(f"extends:\n  - {source}\nextends-ttl: 0\n")
    assert run_cli(["check"], root).exit_code == 0  # resolved again: the new commit


def test_a_commit_ref_is_fetched_once(tmp_path: Path, platform: Path) -> None:
    commit = git(platform, "rev-parse", "v1")
    root = app(
        tmp_path,
        f"{{git: {json.dumps(str(platform))}, ref: {commit}, path: schema-lint.lock.yaml}}",
    )
    assert run_cli(["check"], root).exit_code == 1
    platform.rename(tmp_path / "gone.git")
    assert run_cli(["check", "--offline"], root).exit_code == 1
    result = run_cli(["check"], root)
    assert result.exit_code == 1 and result.stderr == ""  # a commit never moves: no fetch


def test_a_branch_is_resolved_again_after_the_ttl(tmp_path: Path, platform: Path) -> None:
    root = app(
        tmp_path, f"{{git: {json.dumps(str(platform))}, ref: main, path: schema-lint.lock.yaml}}"
    )
    (root / ".schema-lint.yaml").write_text(
        (root / ".schema-lint.yaml").read_text() + "extends-ttl: 0\n"
    )
    assert run_cli(["check"], root).exit_code == 1
    platform.rename(tmp_path / "gone.git")
    result = run_cli(["check"], root)
    assert result.exit_code == 1  # the fetch fails, the copy is used and a note says so
    assert "cannot fetch" in result.stderr and "using the copy of" in result.stderr


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{git: /nonexistent/repo.git, ref: main, path: x.yaml}", "cannot fetch: "),
        ("../missing/schema-lint.lock.yaml", "extended lockfile not found"),
    ],
)
def test_a_source_that_cannot_be_read_is_one_line_exit_2(
    tmp_path: Path, source: str, message: str
) -> None:
    result = run_cli(["check", "--no-cache"], app(tmp_path, source))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr


def test_a_url_is_never_an_option(tmp_path: Path) -> None:
    result = run_cli(["check"], app(tmp_path, "{git: --upload-pack=touch, ref: main, path: x}"))
    assert result.exit_code == 2
    assert "extends[0].git" in result.stderr
    assert not (tmp_path / "app" / "--upload-pack=touch").exists()


def test_fetched_repository_hooks_never_run(tmp_path: Path, platform: Path) -> None:
    marker = tmp_path / "ran"
    hook = platform / "hooks" / "post-checkout"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    root = app(
        tmp_path, f"{{git: {json.dumps(str(platform))}, ref: v1, path: schema-lint.lock.yaml}}"
    )
    assert run_cli(["check", "--no-cache"], root).exit_code == 1
    assert not marker.exists()
    assert not any((root / ".schema-lint-cache" / "extends").glob("*/repo.git/index"))


def test_a_changed_extended_lock_changes_the_cached_result(tmp_path: Path) -> None:
    (tmp_path / "platform").mkdir()
    platform_lock = tmp_path / "platform" / "schema-lint.lock.yaml"
    platform_lock.write_text(PLATFORM_LOCK)
    root = app(tmp_path, "../platform/schema-lint.lock.yaml")
    assert run_cli(["check"], root).exit_code == 1
    assert run_cli(["check"], root).exit_code == 1
    platform_lock.write_text(PLATFORM_LOCK.replace("string", "number"))
    assert run_cli(["check"], root).exit_code == 0


def test_update_lock_never_copies_extended_keys(tmp_path: Path) -> None:
    (tmp_path / "platform").mkdir()
    (tmp_path / "platform" / "schema-lint.lock.yaml").write_text(PLATFORM_LOCK)
    root = app(tmp_path, "../platform/schema-lint.lock.yaml")
    (root / "app.js").write_text("moesif.track('Upgraded', {plan: 'pro', seats: 2});\n")
    result = run_cli(["check", "--update-lock"], root)
    assert result.exit_code == 1
    assert (root / "schema-lint.lock.yaml").read_text().endswith("events:\n  seats: number\n")


def test_catalog_counts_extended_keys_as_locked(tmp_path: Path) -> None:
    (tmp_path / "platform").mkdir()
    (tmp_path / "platform" / "schema-lint.lock.yaml").write_text(PLATFORM_LOCK)
    root = app(tmp_path, "../platform/schema-lint.lock.yaml")
    result = run_cli(["catalog", "--format", "json", "--no-cache"], root)
    assert '"locked_type": "string"' in result.stdout


def test_broken_extended_lockfile_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "platform").mkdir()
    (tmp_path / "platform" / "schema-lint.lock.yaml").write_text("version: 1\nevents:\n  a: nope\n")
    result = run_cli(["check", "--no-cache"], app(tmp_path, "../platform/schema-lint.lock.yaml"))
    assert result.exit_code == 2
    assert result.stderr == (
        "schema-lint: error: ../platform/schema-lint.lock.yaml:3: unknown type 'nope'\n"
    )


def test_locks_that_disagree_are_one_sl002(tmp_path: Path) -> None:
    for name, type_ in (("a", "string"), ("b", "number")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "lock.yaml").write_text(f"version: 1\nevents:\n  plan: {type_}\n")
    root = tmp_path / "app"
    root.mkdir()
    (root / ".schema-lint.yaml").write_text(
        "presets: []\nextends: [../a/lock.yaml, ../b/lock.yaml]\n"
    )
    (root / "schema-lint.lock.yaml").write_text("version: 1\nevents:\n  plan: boolean\n")
    result = run_cli(["check", "--no-cache"], root)
    assert result.stdout == (
        "schema-lint.lock.yaml:3:3: SL002 `plan` (events) is locked as boolean in "
        "schema-lint.lock.yaml, but as string in ../a/lock.yaml\n"
    )
    (root / "schema-lint.lock.yaml").unlink()
    result = run_cli(["check", "--no-cache"], root)
    assert result.stdout == (
        ".schema-lint.yaml:2:1: SL002 `plan` (events) is locked as string in ../a/lock.yaml, "
        "but as number in ../b/lock.yaml\n"
    )
    assert run_cli(["check", "--no-cache", "--ignore", "SL002"], root).exit_code == 0


def test_lock_disagreement_follows_the_printed_base(tmp_path: Path) -> None:
    (tmp_path / "platform").mkdir()
    (tmp_path / "platform" / "schema-lint.lock.yaml").write_text(PLATFORM_LOCK)
    root = app(tmp_path, "../platform/schema-lint.lock.yaml")
    (root / "schema-lint.lock.yaml").write_text("version: 1\nevents:\n  plan: number\n")
    (root / "sub").mkdir()
    text = run_cli(["check", "--no-cache", ".."], root / "sub")
    assert text.stdout.startswith("../schema-lint.lock.yaml:3:3: SL002 `plan` (events)")
    found = json.loads(
        run_cli(["check", "--no-cache", "--format", "json", ".."], root / "sub").stdout
    )
    assert next((d["path"], d["line"]) for d in found if d["code"] == "SL002") == (
        "schema-lint.lock.yaml",
        3,
    )


@pytest.mark.parametrize(
    ("value", "seconds"),
    [(0, 0), (90, 90), ("45", 45), ("1h", 3600), ("1h30m", 5400), ("2d", 172800)],
)
def test_ttl(value: int | str, seconds: int) -> None:
    assert parse_ttl(value) == seconds


@pytest.mark.parametrize(
    ("item", "where"),
    [
        ("{git: x.git, ref: main}", "extends[0]"),
        ("{git: x.git, ref: -main, path: a}", "extends[0].ref"),
        ("{git: x.git, ref: main, path: /etc/passwd}", "extends[0].path"),
        ("{git: x.git, ref: main, path: a, depth: 1}", "extends[0]"),
        ("3", "extends[0]"),
    ],
)
def test_bad_extends_item_is_a_config_error(tmp_path: Path, item: str, where: str) -> None:
    (tmp_path / ".schema-lint.yaml").write_text(f"extends: [{item}]\n")
    result = run_cli(["check", "--no-cache"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"schema-lint: error: .schema-lint.yaml: {where}")


@pytest.mark.parametrize("value", ["1x", "", "-5", "h"])
def test_bad_ttl_is_a_config_error(tmp_path: Path, value: str) -> None:
    (tmp_path / ".schema-lint.yaml").write_text(f"extends-ttl: {json.dumps(value)}\n")
    result = run_cli(["check", "--no-cache"], tmp_path)
    assert result.exit_code == 2 and "extends-ttl" in result.stderr


def test_no_cache_fetches_into_a_temporary_folder(tmp_path: Path, platform: Path) -> None:
    root = app(
        tmp_path, f"{{git: {json.dumps(str(platform))}, ref: v1, path: schema-lint.lock.yaml}}"
    )
    assert run_cli(["check", "--no-cache"], root).exit_code == 1
    assert not (root / ".schema-lint-cache").exists()


def test_git_runs_without_hooks_and_with_the_url_after_double_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []

    def fake_run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        calls.append(argv)
        return subprocess.CompletedProcess(argv, 0, b"a" * 40 + b"\n", b"")

    monkeypatch.setattr(subprocess, "run", fake_run)
    gitsource._fetch(tmp_path, "ssh://host/repo; rm -rf /", "main")
    fetch = next(argv for argv in calls if "fetch" in argv)
    assert fetch[:5] == ["git", "-c", "core.hooksPath=/dev/null", "-c", "protocol.ext.allow=never"]
    assert fetch[-3:-1] == ["--", "ssh://host/repo; rm -rf /"]
    assert fetch[-1].startswith("+main:refs/schema-lint/")
