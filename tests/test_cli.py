"""The command line: exact output, exit codes, and one-line errors."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest

from schema_lint import __version__, cli, engine
from tests.conftest import run_cli, run_process

APP = "moesif.track('Signed Up', { 'sign.up': 'email', plan: 'pro' });\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    (tmp_path / "app.js").write_text(APP)
    return tmp_path


def test_text_output_and_exit_code(project: Path) -> None:
    result = run_cli(["check", "--no-cache"], project)
    assert result.stdout == (
        "app.js:1:29: SL001 key `sign.up` contains a dot: it is stored as `sign_up`\n"
        "2 new keys are not in schema-lint.lock.yaml yet: run schema-lint lock\n"
    )
    assert result.exit_code == 1


def test_exit_zero_and_clean_run(project: Path) -> None:
    assert run_cli(["check", "--no-cache", "--exit-zero"], project).exit_code == 0
    assert run_cli(["check", "--no-cache", "--ignore", "SL001"], project).exit_code == 0


def test_statistics(project: Path) -> None:
    result = run_cli(["check", "--no-cache", "--statistics"], project)
    assert "SL001" in result.stdout and "dotted-key" in result.stdout
    assert "app.js:1:29" not in result.stdout


def test_fix_rewrites_the_key_and_keeps_the_rest(project: Path) -> None:
    result = run_cli(["check", "--no-cache", "--fix"], project)
    assert result.exit_code == 0, result.stdout
    assert (project / "app.js").read_text() == APP.replace("'sign.up'", "'sign_up'")
    assert run_cli(["check", "--no-cache"], project).exit_code == 0


def test_frozen_without_lockfile_is_exit_2(project: Path) -> None:
    result = run_cli(["check", "--no-cache", "--frozen"], project)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "schema-lint: error: schema-lint.lock.yaml: no lockfile: run schema-lint lock"
    )


def test_update_lock_exits_1_when_the_lockfile_changes(project: Path) -> None:
    first = run_cli(["check", "--no-cache", "--update-lock", "--ignore", "SL001"], project)
    assert first.exit_code == 1 and first.stdout == ""
    assert first.stderr == (
        "schema-lint.lock.yaml: added 2 keys: git add schema-lint.lock.yaml and commit again\n"
    )
    second = run_cli(["check", "--no-cache", "--update-lock", "--ignore", "SL001"], project)
    assert second.exit_code == 0 and second.stdout == ""


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("bogus: 1\n", ".schema-lint.yaml"),
        ("presets: [nope]\n", "presets"),
        ("calls: ['track(EVENT)']\n", "calls[0]"),
        ("numbers: [\n", ".schema-lint.yaml"),
    ],
)
def test_broken_config_is_one_line_exit_2(project: Path, config: str, expected: str) -> None:
    (project / ".schema-lint.yaml").write_text(config)
    result = run_cli(["check", "--no-cache"], project)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_broken_lockfile_is_exit_2_and_left_alone(project: Path) -> None:
    broken = "version: 1\nevents:\n<<<<<<< HEAD\n  a: string\n=======\n  b: string\n>>>>>>> x\n"
    (project / "schema-lint.lock.yaml").write_text(broken)
    for args in (["check", "--update-lock"], ["lock"], ["check", "--frozen"]):
        result = run_cli([*args, "--no-cache"], project)
        assert result.exit_code == 2
        assert "schema-lint.lock.yaml:3" in result.stderr
        assert (project / "schema-lint.lock.yaml").read_text() == broken


def test_internal_error_has_no_traceback_unless_debug(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> engine.Result:
        raise RuntimeError("something broke\nsecond line")

    monkeypatch.setattr(engine, "run", boom)
    quiet = run_cli(["check"], project)
    assert quiet.exit_code == 2
    assert quiet.stderr == (
        "schema-lint: internal error: RuntimeError: something broke "
        "(rerun with --debug for details)\n"
    )
    loud = run_cli(["check", "--debug"], project)
    assert loud.exit_code == 2 and "Traceback" in loud.stderr


def test_github_format_is_automatic_on_actions(project: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run_cli(
        ["check", "--no-cache"],
        project,
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.stdout.startswith("::warning file=app.js,line=1,col=29,")
    assert "SL001" in summary.read_text()


def test_json_paths_are_relative_to_the_project_root(project: Path) -> None:
    (project / "src").mkdir()
    (project / "src" / "b.js").write_text(APP)
    result = run_cli(["check", "--no-cache", "--format", "json", "b.js"], project / "src")
    assert [d["path"] for d in json.loads(result.stdout)] == ["src/b.js"]


def test_explicit_paths_are_filtered_by_excludes(project: Path) -> None:
    (project / "dist").mkdir()
    (project / "dist" / "bundle.js").write_text(APP)
    result = run_cli(["check", "--no-cache", "--format", "json", "dist/bundle.js"], project)
    assert json.loads(result.stdout) == []


def test_version(project: Path) -> None:
    assert run_cli(["--version"], project).stdout.strip().endswith(__version__)


def test_lock_creates_an_empty_lockfile_when_there_is_nothing_to_lock(tmp_path: Path) -> None:
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    result = run_cli(["lock", "--no-cache"], tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / "schema-lint.lock.yaml").read_text().splitlines()[1] == "version: 1"
    assert run_cli(["check", "--no-cache", "--frozen"], tmp_path).exit_code == 0


def test_validation_verdicts_are_remembered_only_for_valid_input(project: Path) -> None:
    lock = project / "schema-lint.lock.yaml"
    lock.write_text("version: 1\nevents:\n  plan: string\n")
    assert run_cli(["check"], project).exit_code == 1
    markers = sorted(p.name.split("-")[1] for p in (project / ".schema-lint-cache").glob("valid-*"))
    assert markers == ["config", "lockfile"]

    lock.write_text("version: 1\nevents:\n  plan: strin\n")  # new bytes: validated again
    broken = run_cli(["check"], project)
    assert broken.exit_code == 2 and "unknown type" in broken.stderr.lower()

    (project / ".schema-lint.yaml").write_text("presets: [moesif]\nbogus: 1\n")
    assert run_cli(["check"], project).exit_code == 2


def test_no_cache_writes_no_validation_markers(project: Path) -> None:
    run_cli(["check", "--no-cache"], project)
    assert not (project / ".schema-lint-cache").exists()


def test_the_process_entry_collects_nothing_and_freezes_what_it_built(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    original = engine.run

    def spy(*args: Any, **kwargs: Any) -> engine.Result:
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(engine, "run", spy)
    monkeypatch.chdir(project)
    try:
        with pytest.raises(SystemExit):
            cli.run(["check", "--exit-zero"])
        assert seen == [False]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["--version"], 0),
        (["check", "--no-cache"], 1),
        (["check", "--no-cache", "--exit-zero", "--format", "json"], 0),
        (["check", "--config", "missing.yaml"], 2),
    ],
)
def test_the_process_entry_keeps_the_status_and_every_byte_printed(
    project: Path, args: list[str], status: int
) -> None:
    """`entry` leaves without the interpreter's teardown: output through a pipe must still be
    whole, and the status the command's."""
    many = "".join(f"moesif.track('E', {{'k.{i}': {i}}});\n" for i in range(3000))
    (project / "many.js").write_text(many)  # more output than a pipe's buffer holds
    done = run_process(args, project)
    assert done.exit_code == status
    assert done == run_cli(args, project)
