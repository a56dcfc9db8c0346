"""The pre-commit workflow: when the lockfile is written, several configs in one run, and the
paths each format prints."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli

LOCKED_NOTHING = "version: 1\nevents: {}\n"
MESSAGE = "schema-lint.lock.yaml: added {n}: git add schema-lint.lock.yaml and commit again\n"


def _locked(project: Path, lockfile: str = "schema-lint.lock.yaml") -> str:
    return (project / lockfile).read_text().split("version: 1\n", 1)[1]


def _git_init(path: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=path, check=True)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    (tmp_path / "schema-lint.lock.yaml").write_text(LOCKED_NOTHING)
    return tmp_path


def test_a_failing_run_locks_nothing_and_the_fix_is_locked(project: Path) -> None:
    app = project / "app.js"
    app.write_text("moesif.track('Order', { total: 10, items: [1, 'a'] });\n")
    failing = run_cli(["check", "--no-cache", "--update-lock"], project)
    assert failing.exit_code == 1
    assert "SL004" in failing.stdout and "run schema-lint lock" not in failing.stdout
    assert failing.stderr == "note: 2 keys not added to schema-lint.lock.yaml: the run has errors\n"
    assert _locked(project) == "events: {}\n"  # no `total: number` from a commit that failed

    app.write_text("moesif.track('Order', { total: '10.00', items: ['1', 'a'] });\n")
    fixed = run_cli(["check", "--no-cache", "--update-lock"], project)
    assert (fixed.exit_code, fixed.stdout) == (1, "")
    assert fixed.stderr == MESSAGE.format(n="2 keys")
    assert _locked(project) == "events:\n  items: array<string>\n  total: string\n"

    again = run_cli(["check", "--no-cache", "--update-lock"], project)
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")


def test_warnings_do_not_hold_the_lockfile_back(project: Path) -> None:
    (project / "app.js").write_text("moesif.track('A', { 'sign.up': 'email' });\n")
    result = run_cli(["check", "--no-cache", "--update-lock"], project)
    assert result.exit_code == 1 and "SL001" in result.stdout
    assert result.stderr == MESSAGE.format(n="1 key")
    assert _locked(project) == "events:\n  sign_up: string\n"


def test_ignored_errors_do_not_hold_the_lockfile_back(project: Path) -> None:
    (project / "app.js").write_text("moesif.track('A', { count: 1, items: [1, 'a'] });\n")
    result = run_cli(["check", "--no-cache", "--update-lock", "--ignore", "SL004"], project)
    assert (result.exit_code, result.stdout) == (1, "")
    assert "  count: number\n" in _locked(project)


def test_only_the_lockfile_or_config_given_is_validated(project: Path) -> None:
    result = run_cli(["check", "--no-cache", "--update-lock", "schema-lint.lock.yaml"], project)
    assert (result.exit_code, result.stdout) == (0, "")
    conflicted = "version: 1\n<<<<<<< HEAD\nevents: {a: string}\n=======\nevents: {}\n>>>>>>> b\n"
    (project / "schema-lint.lock.yaml").write_text(conflicted)
    broken = run_cli(["check", "--no-cache", "--update-lock", "schema-lint.lock.yaml"], project)
    assert broken.exit_code == 2
    assert broken.stderr.startswith("schema-lint: error: schema-lint.lock.yaml:2")
    (project / "schema-lint.lock.yaml").write_text(LOCKED_NOTHING)
    (project / ".schema-lint.yaml").write_text("presets: [moesif]\nselect: [SL9]\n")
    config = run_cli(["check", "--no-cache", "--update-lock", ".schema-lint.yaml"], project)
    assert config.exit_code == 2 and "select[0]" in config.stderr


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    """A git repository with a config in frontend/ and none at the top (backend/ uses defaults)."""
    _git_init(tmp_path)
    (tmp_path / "frontend" / "src").mkdir(parents=True)
    (tmp_path / "backend").mkdir()
    (tmp_path / "frontend" / ".schema-lint.yaml").write_text("presets: [segment]\n")
    (tmp_path / "frontend" / "schema-lint.lock.yaml").write_text(
        "version: 1\nevents:\n  total: string\n"
    )
    (tmp_path / "frontend" / "src" / "b.js").write_text("analytics.track('O', { total: 10 });\n")
    (tmp_path / "backend" / "x.ts").write_text("moesif.track('O', { plan: 1 });\n")
    (tmp_path / "backend" / "y.ts").write_text("moesif.track('P', { plan: 'pro' });\n")
    return tmp_path


PATHS = ["frontend/src/b.js", "backend/x.ts", "backend/y.ts"]


def test_each_file_is_checked_under_the_nearest_config(monorepo: Path) -> None:
    result = run_cli(["check", "--no-cache", "--format", "json", *PATHS], monorepo)
    found = [
        (d["path"], d["code"], d.get("related", {}).get("path")) for d in json.loads(result.stdout)
    ]
    assert found == [
        # y.ts is checked after x.ts under the defaults at the repository root
        ("backend/y.ts", "SL002", "backend/x.ts"),
        # the segment preset and frontend's own lockfile
        ("frontend/src/b.js", "SL002", "frontend/schema-lint.lock.yaml"),
    ]
    assert result.exit_code == 1


def test_config_option_forces_one_config(monorepo: Path) -> None:
    args = ["check", "--no-cache", "--format", "json", "--config", "frontend/.schema-lint.yaml"]
    result = run_cli([*args, *PATHS], monorepo)
    assert result.stderr.startswith("note: backend/x.ts: skipped, outside the project root")
    assert [d["path"] for d in json.loads(result.stdout)] == ["frontend/src/b.js"]


def test_update_lock_writes_each_lockfile(monorepo: Path) -> None:
    (monorepo / "frontend" / "src" / "b.js").write_text("analytics.track('O', { count: 1 });\n")
    (monorepo / "backend" / "y.ts").unlink()
    result = run_cli(["check", "--no-cache", "--update-lock", *PATHS[:2]], monorepo)
    assert result.exit_code == 1
    assert result.stderr == (
        "schema-lint.lock.yaml: added 1 key: git add schema-lint.lock.yaml and commit again\n"
        "frontend/schema-lint.lock.yaml: added 1 key: "
        "git add frontend/schema-lint.lock.yaml and commit again\n"
    )
    assert (
        _locked(monorepo, "frontend/schema-lint.lock.yaml")
        == "events:\n  count: number\n  total: string\n"
    )
    assert _locked(monorepo) == "events:\n  plan: number\n"


@pytest.mark.parametrize(
    ("fmt", "cwd", "expected"),
    [
        ("github", "frontend", "::error file=frontend/src/b.js,line=1,"),
        ("json", "frontend/src", '"path": "frontend/src/b.js"'),
        ("gitlab", "frontend", '"path": "frontend/src/b.js"'),
        ("junit", "frontend", 'name="frontend/src/b.js"'),
        ("sarif", "frontend", '"uri": "frontend/src/b.js"'),
        ("text", "frontend", "src/b.js:1:24: SL002 "),
        ("text", "frontend/src", "b.js:1:24: SL002 "),
        ("text", ".", "frontend/src/b.js:1:24: SL002 "),
        ("full", "backend", "../frontend/src/b.js:1:24: SL002 "),
    ],
)
def test_machine_formats_print_paths_from_the_git_root_text_from_cwd(
    monorepo: Path, fmt: str, cwd: str, expected: str
) -> None:
    target = monorepo / "frontend" / "src" / "b.js"
    result = run_cli(["check", "--no-cache", "--format", fmt, str(target)], monorepo / cwd)
    assert expected in result.stdout, result.stdout


def test_related_locations_share_the_base_of_the_path(monorepo: Path) -> None:
    paths = ["../backend/y.ts", "../backend/x.ts"]
    result = run_cli(["check", "--no-cache", *paths], monorepo / "frontend")
    (line,) = [line for line in result.stdout.splitlines() if "SL002" in line]
    assert line.startswith("../backend/y.ts:1:")
    # the first occurrence is still found by the project root's order, and shown from cwd
    assert "first sent as number at ../backend/x.ts:1:" in line
    text = run_cli(["check", "--no-cache", "src/b.js"], monorepo / "frontend")
    assert "locked as string in schema-lint.lock.yaml" in text.stdout
    as_json = run_cli(
        ["check", "--no-cache", "--format", "json", "src/b.js"], monorepo / "frontend"
    )
    (finding,) = json.loads(as_json.stdout)
    assert finding["related"]["path"] == "frontend/schema-lint.lock.yaml"
    assert finding["message"].endswith("in frontend/schema-lint.lock.yaml")


@pytest.mark.parametrize("args", [[], ["."], ["frontend", "backend"]])
def test_configs_below_a_folder_given_check_their_own_files(
    monorepo: Path, args: list[str]
) -> None:
    (monorepo / "backend" / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no table
    (monorepo / "frontend" / "node_modules" / "m").mkdir(parents=True)
    (monorepo / "frontend" / "node_modules" / "m" / ".schema-lint.yaml").write_text("bogus: 1\n")
    result = run_cli(["check", "--no-cache", "--format", "json", *args], monorepo)
    found = [(d["path"], d.get("related", {}).get("path")) for d in json.loads(result.stdout)]
    assert found == [
        ("backend/y.ts", "backend/x.ts"),
        ("frontend/src/b.js", "frontend/schema-lint.lock.yaml"),
    ]
    shown = run_cli(["check", "--no-cache", "--show-settings", *args], monorepo).stdout
    assert shown.count("project root: ") == 2
    assert (
        "config file: frontend/.schema-lint.yaml\nlockfile: frontend/schema-lint.lock.yaml\n"
        in shown
    )


def test_nested_configs_nest(monorepo: Path) -> None:
    inner = monorepo / "frontend" / "src" / "legacy"
    inner.mkdir()
    (inner / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    (inner / "c.js").write_text("moesif.track('O', { total: 10 });\n")
    result = run_cli(["check", "--no-cache", "--format", "json"], monorepo)
    found = [(d["path"], d["code"]) for d in json.loads(result.stdout)]
    # c.js is not checked against frontend's lockfile (total: string), nor with segment's calls
    assert found == [("backend/y.ts", "SL002"), ("frontend/src/b.js", "SL002")]
    lock = run_cli(["lock", "--no-cache"], monorepo)
    assert "Added 1 key to frontend/src/legacy/schema-lint.lock.yaml." in lock.stdout


def test_style_findings_name_the_first_spelling_from_the_same_base(monorepo: Path) -> None:
    (monorepo / "backend" / "x.ts").write_text("moesif.track('O', { signUp: 'a' });\n")
    (monorepo / "backend" / "y.ts").write_text("moesif.track('O', { sign_up: 'b' });\n")
    result = run_cli(["check", "--no-cache", "../backend"], monorepo / "frontend")
    assert result.stdout.splitlines()[0] == (
        "../backend/y.ts:1:21: SL101 `sign_up` differs only in style from `signUp` "
        "(../backend/x.ts:1:21)"
    )
