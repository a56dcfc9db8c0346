"""`check` read without click (schema_lint.cli.quick) gives what click gives, or leaves it to
click: the same parameters, the same output and the same exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.cli import quick
from schema_lint.cli.check import check_command
from tests.conftest import run_cli, run_process

TOKENS = [
    *quick.FLAGS,
    *quick.VALUES,
    "--format=github",
    "--format=nope",
    "--color=never",
    "--select=",
    "--lockfile",
    "--config",
    "--output-file",
    "--fix=1",
    "--",
    "-",
    "-h",
    "--help",
    "",
    "check",
    "app.js",
    "src",
    "missing.ts",
    "sarif",
    "github",
    "SL001",
    "always",
    "json",
]


def click_parameters(args: list[str]) -> dict[str, Any] | None:
    """What click gives `check` for `args`; None when it refuses them (or prints help)."""
    try:
        context = check_command.make_context("check", list(args), resilient_parsing=False)
    except (click.ClickException, click.exceptions.Exit):
        return None
    return dict(context.params)


@given(st.lists(st.sampled_from(TOKENS), max_size=6))
def test_the_quick_reading_is_clicks_or_none(args: list[str]) -> None:
    found = quick.check_arguments(["check", *args])
    if found is not None:
        assert found == click_parameters(args)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["app.js"],
        ["--no-cache", "app.js", "--format", "json"],
        ["--format=github", "--exit-zero"],
        ["--select", "SL001,SL002", "--statistics", "--color=never"],
        ["--ignore", "SL002", "--frozen", "--offline", "--debug"],
    ],
)
def test_common_forms_are_read_quickly(args: list[str]) -> None:
    found = quick.check_arguments(["check", *args])
    assert found is not None
    assert found == click_parameters(args)


@pytest.mark.parametrize(
    "args",
    [
        ["lock"],
        ["check", "--help"],
        ["check", "--", "app.js"],
        ["check", "--format", "nope"],
        ["check", "--format"],
        ["check", "--select", "-x"],
        ["check", "--config", "x.yaml"],
        ["check", "--output-file", "sarif:r.sarif"],
        ["check", ""],
    ],
)
def test_other_forms_are_left_to_click(args: list[str]) -> None:
    assert quick.check_arguments(args) is None


def test_an_unreadable_path_is_left_to_click(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.js"
    path.write_text("x")
    readable = os.access
    # as click's Path type asks (root may read every file, so the answer is made up here)
    monkeypatch.setattr(os, "access", lambda p, mode: p != str(path) and readable(p, mode))
    assert quick.check_arguments(["check", str(path)]) is None
    assert click_parameters([str(path)]) is None  # click refuses it: "is not readable"
    assert quick.check_arguments(["check", str(tmp_path / "missing.js")]) is not None


APP = "moesif.track('Signed Up', { 'sign.up': 'email', n: 1 });\nmoesif.track('B', { n: 'x' });\n"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--no-cache"],
        ["check", "--no-cache", "app.js", "--format", "json"],
        ["check", "--no-cache", "--statistics"],
        ["check", "--no-cache", "--exit-zero", "--format=text"],
        ["check", "--no-cache", "--frozen", "--update-lock"],
        ["check", "--no-cache", "--select", "SL9"],
        ["check", "--no-cache", "gone.ts"],
        ["check", "--no-cache", "--show-settings"],
    ],
)
def test_the_command_says_and_exits_as_with_click(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    (tmp_path / "app.js").write_text(APP)
    assert quick.check_arguments(args) is not None
    assert run_process(args, tmp_path) == run_cli(args, tmp_path)


def test_a_warm_check_does_not_load_click(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    (tmp_path / "app.js").write_text(APP)
    script = (
        "import sys, os\n"
        "from schema_lint.cli import run\n"
        "try:\n"
        "    run(['check', 'app.js'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "os.write(2, str('click' in sys.modules).encode())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.stderr.endswith("False"), done.stderr


def test_an_interrupted_check_ends_as_click_ends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from schema_lint.cli import checking

    def interrupted(**parameters: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(checking, "check", interrupted)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as quick_exit:
        quick.run(dict(quick.DEFAULTS))
    quick_err = capsys.readouterr().err
    command = click.Command("check", callback=interrupted)
    with pytest.raises(SystemExit) as click_exit:
        command.main([], standalone_mode=True)
    assert (quick_exit.value.code, quick_err) == (click_exit.value.code, capsys.readouterr().err)
    assert quick_err == "\nAborted!\n"
