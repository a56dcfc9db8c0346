"""Start-up is the pre-commit budget: heavy modules load only when a run needs them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

HEAVY = ("tree_sitter", "jsonschema", "pathspec", "concurrent.futures", "multiprocessing")


def imported(code: str, cwd: Path) -> set[str]:
    """Modules `python -X importtime -c code` imports, as importtime lists them."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                modules.add(name)
    return modules


def heavy(modules: set[str], prefixes: tuple[str, ...] = HEAVY) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in prefixes or m.startswith(prefixes))


def run_main(args: list[str]) -> str:
    return (
        "from schema_lint.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as exit:\n"
        "    assert exit.code in (0, 1, None), exit.code\n"
    )


def test_version_imports_nothing_heavy(tmp_path: Path) -> None:
    modules = imported(run_main(["--version"]), tmp_path)
    assert "schema_lint.cli" in modules
    assert heavy(modules) == []


@pytest.mark.parametrize("source", ["const x = 1;\n", "moesif.track('A', {a: 1});\n"])
def test_checking_one_file_starts_no_pool(tmp_path: Path, source: str) -> None:
    (tmp_path / ".git").mkdir()  # the project root, without running git init
    (tmp_path / "a.js").write_text(source)
    modules = imported(run_main(["check", "--no-cache", "a.js"]), tmp_path)
    assert heavy(modules, ("concurrent.futures", "multiprocessing")) == []
    # only the one grammar this file needs
    assert heavy(modules, ("tree_sitter_python", "tree_sitter_typescript")) == []


def test_a_file_without_calls_loads_no_grammar(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.ts").write_text("export const answer = 42;\n")
    modules = imported(run_main(["check", "--no-cache", "a.ts"]), tmp_path)
    assert heavy(modules, ("tree_sitter_javascript", "tree_sitter_typescript")) == []


@pytest.mark.parametrize("locked", [False, True])
def test_a_warm_run_imports_no_scanner_rule_nor_parser(tmp_path: Path, locked: bool) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    (tmp_path / "a.js").write_text("moesif.track('A', {'a.b': 1});\n")
    (tmp_path / "vendorData.ts").write_text("export const answer = 42;\n")
    if locked:
        (tmp_path / "schema-lint.lock.yaml").write_text("version: 1\nevents:\n  a_b: number\n")
    for path in tmp_path.iterdir():
        os.utime(path, (time.time() - 60,) * 2)  # older than the memo's racy window
    cold = imported(run_main(["check"]), tmp_path)
    assert "schema_lint.scan" in cold
    assert ("yaml" in cold) == locked  # a plain config needs no YAML parser, a lockfile does
    # a valid config and lockfile are told valid without jsonschema, even with no cache yet
    assert heavy(cold, ("jsonschema",)) == []
    warm = imported(run_main(["check"]), tmp_path)  # the memo answers
    assert heavy(warm, (*HEAVY, "schema_lint.scan", "schema_lint.rules", "yaml")) == []


def test_a_broken_config_still_gets_jsonschemas_message(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif, nope]\n")
    done = subprocess.run(
        [sys.executable, "-m", "schema_lint", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "error: .schema-lint.yaml: presets[1]: 'nope' is not one of" in done.stderr
