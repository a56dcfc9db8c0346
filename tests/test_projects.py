"""Grouping paths by the config that governs them, and where printed paths start."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from schema_lint import listing
from schema_lint.config import PathError, display_base, load_groups
from schema_lint.projects import split_nested
from tests.conftest import run_cli


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


APP = "moesif.track('A', {'a.b': 1});\n"
TREE = {
    "a/.schema-lint.yaml": "presets: [segment]\n",
    "a/x.js": "",
    "a/deep/y.js": "",
    "b/pyproject.toml": "[tool.schema-lint]\npresets = ['posthog']\n",
    "b/z.py": "",
    "c/w.js": "",
}


def test_paths_are_grouped_by_nearest_config(tmp_path: Path) -> None:
    _tree(tmp_path, TREE)
    groups = load_groups(
        [Path(p) for p in ("c/w.js", "a/deep/y.js", "b/z.py", "a/x.js")], None, tmp_path
    )
    assert [(g.settings.root, g.paths) for g in groups] == [
        (tmp_path, (Path("c/w.js"),)),  # no config, no git: the working directory
        (tmp_path / "a", (Path("a/deep/y.js"), Path("a/x.js"))),
        (tmp_path / "b", (Path("b/z.py"),)),
    ]
    assert [g.settings.presets for g in groups] == [("moesif",), ("segment",), ("posthog",)]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PathError, match=r"^a/nope\.js: no such file or directory$"):
        load_groups([Path("a/nope.js")], None, tmp_path)


def test_display_base(tmp_path: Path) -> None:
    _tree(tmp_path, TREE)
    groups = load_groups([Path("../a/x.js"), Path("../b/z.py")], None, tmp_path / "c")
    assert display_base(groups, machine=False, cwd=tmp_path / "c") == tmp_path / "c"
    assert display_base(groups, machine=True, cwd=tmp_path / "c") == tmp_path  # shared folder
    assert display_base(groups[:1], machine=True, cwd=tmp_path) == tmp_path / "a"
    subprocess.run(["git", "init", "-q"], cwd=tmp_path / "a", check=True)
    assert display_base(groups[:1], machine=True, cwd=tmp_path) == tmp_path / "a"
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    assert display_base(groups[1:], machine=True, cwd=tmp_path) == tmp_path


def test_nested_configs_split_the_folder_given(tmp_path: Path) -> None:
    _tree(tmp_path, {**TREE, "c/pyproject.toml": "[project]\nname = 'c'\n"})
    groups = split_nested(load_groups([], None, tmp_path), tmp_path, False)
    assert [g.settings.root for g in groups] == [tmp_path, tmp_path / "a", tmp_path / "b"]
    assert groups[0].settings.extend_exclude == ("/a/", "/b/")
    assert groups[1].paths == (tmp_path / "a",)


class _Listings(list[tuple[subprocess.Popen[bytes], Path]]):
    """The git listings started, and where."""

    def folders(self) -> list[str]:
        return sorted(folder.name for _, folder in self)


def _listings_counted(monkeypatch: pytest.MonkeyPatch) -> _Listings:
    started = _Listings()

    class Counting(subprocess.Popen[bytes]):
        def __init__(self, command: list[str], **kwargs: Any) -> None:
            super().__init__(command, **kwargs)
            if "ls-files" in command:
                started.append((self, Path(kwargs["cwd"])))

    monkeypatch.setattr(subprocess, "Popen", Counting)
    return started


@pytest.mark.parametrize("args", [[], ["--no-cache"], ["."], ["--format", "json"]])
def test_check_lists_each_project_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    _tree(root, {**TREE, "b/.schema-lint.yaml": "presets: [posthog]\n"})
    expected = run_cli(["check", *args], root)
    started = _listings_counted(monkeypatch)
    result = run_cli(["check", *args], root)
    # the nested-config search and discovery share one listing per project root
    assert started.folders() == ["a", "b", "repo"]
    assert result == expected


def test_a_run_that_may_lock_lists_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    _tree(tmp_path, {"a/.schema-lint.yaml": "", "a/x.js": "", "y.js": ""})
    started = _listings_counted(monkeypatch)
    run_cli(["check", "--update-lock"], tmp_path)
    assert started.folders() == ["a", "a", tmp_path.name, tmp_path.name]


def test_a_wrong_guess_of_the_project_is_never_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    pyproject = "[project]\nname = 'sub'\ndependencies = ['schema-lint']\n"
    _tree(tmp_path, {"sub/pyproject.toml": pyproject, "sub/x.js": APP, "y.js": APP})
    monkeypatch.setattr(listing, "_likely_root", lambda start: None)
    expected = run_cli(["check", "--no-cache"], tmp_path / "sub")
    monkeypatch.undo()
    started = _listings_counted(monkeypatch)
    # sub/pyproject.toml names schema-lint, but has no [tool.schema-lint]: the root is above
    assert run_cli(["check", "--no-cache"], tmp_path / "sub") == expected
    assert started.folders() == ["sub", tmp_path.name]
    assert all(process.returncode is not None for process, _ in started)  # none left running
