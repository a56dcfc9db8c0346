from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.config import Settings
from schema_lint.discovery import LANGUAGES, Discovery, SourceFile, discover, language_for
from schema_lint.listing import _decode_listing


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def make_tree(base: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture(params=["git", "plain"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def project(tmp_path: Path, mode: str, files: dict[str, str]) -> Path:
    root = (tmp_path / "proj").resolve()
    root.mkdir()
    if mode == "git":
        git(root, "init", "-q")
        git(root, "config", "user.name", "Test")
        git(root, "config", "user.email", "test@example.com")
        git(root, "config", "commit.gpgsign", "false")
    make_tree(root, files)
    return root


def run(root: Path, paths: tuple[Path, ...] = (), **options: Any) -> Discovery:
    return discover(Settings(root=root, **options), paths)


def listed(result: Discovery) -> list[str]:
    return [file.path for file in result.files]


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("a.js", "javascript"),
        ("a.jsx", "javascript"),
        ("a.mjs", "javascript"),
        ("a.cjs", "javascript"),
        ("a.ts", "typescript"),
        ("a.mts", "typescript"),
        ("a.cts", "typescript"),
        ("types.d.ts", "typescript"),
        ("a.tsx", "tsx"),
        ("a.py", "python"),
        ("a.json", "json"),
        ("a.jsonc", "json"),
        ("README.md", "markdown"),
        ("a.markdown", "markdown"),
        ("src/App.JS", "javascript"),
        ("dir.ts/file.py", "python"),
        ("a.pyi", None),
        ("a.yaml", None),
        ("Makefile", None),
        (".js", None),
        ("a.js.map", None),
        ("a.min.js", "javascript"),
    ],
)
def test_language_for(path: str, language: str | None) -> None:
    assert language_for(path) == language


PATH_PARTS = ["a", "x", "/", ".", "..", ".js", ".JS", ".Ts", ".tsx", ".md", ".json", ".d", "\u212a"]


@given(st.lists(st.sampled_from(PATH_PARTS), max_size=8).map("".join))
def test_language_for_is_the_splitext_suffix(path: str) -> None:
    assert language_for(path) == LANGUAGES.get(os.path.splitext(path)[1].lower())


def test_gitignore_root_and_nested(tmp_path: Path, mode: str) -> None:
    root = project(
        tmp_path,
        mode,
        {
            ".gitignore": "*.log.js\nsecret/\ngen/*.js\n",
            "a.js": "",
            "x.log.js": "",
            "secret/s.js": "",
            "gen/g.js": "",
            "gen/keep.ts": "",
            "sub/.gitignore": "local.js\n/anchored.js\n!x.log.js\n",
            "sub/x.log.js": "",
            "sub/local.js": "",
            "sub/other.js": "",
            "sub/anchored.js": "",
            "sub/deeper/anchored.js": "",
            "sub/deeper/local.js": "",
        },
    )
    assert listed(run(root)) == [
        "a.js",
        "gen/keep.ts",
        "sub/deeper/anchored.js",
        "sub/other.js",
        "sub/x.log.js",
    ]


def test_git_lists_tracked_ignored_files_and_skips_deleted_ones(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        "git",
        {".gitignore": "gen/\n", "gen/forced.js": "", "gone.js": "", "a.js": ""},
    )
    git(root, "add", "-f", "gen/forced.js", "gone.js")
    git(root, "commit", "-qm", "init")
    (root / "gone.js").unlink()
    result = run(root)
    assert listed(result) == ["a.js", "gen/forced.js"]
    assert result.notes == ()


def test_without_git_on_path_the_walk_still_honours_gitignore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path, "git", {".gitignore": "out/\n", "out/o.js": "", "a.js": ""})
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert listed(run(root)) == ["a.js"]


def test_root_below_the_repository_root(tmp_path: Path) -> None:
    repo = project(tmp_path, "git", {"top.js": "", "pkg/a.js": "", "pkg/lib/b.ts": ""})
    result = run(repo / "pkg")
    assert listed(result) == ["a.js", "lib/b.ts"]
    assert result.files[0].abspath == str(repo / "pkg" / "a.js")


DEFAULT_EXCLUDED = {
    "node_modules/x.js": "",
    "web/node_modules/y.js": "",
    "dist/d.js": "",
    "build/b.js": "",
    "pkg/vendor/v.py": "",
    "lib/app.min.js": "",
    "legacy/l.js": "",
    "src/distance.js": "",
    "src/builds.ts": "",
    "src/app.js": "",
}


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        pytest.param(
            {}, ["legacy/l.js", "src/app.js", "src/builds.ts", "src/distance.js"], id="defaults"
        ),
        pytest.param(
            {"exclude": ("legacy/", "*.min.js")},
            [
                "build/b.js",
                "dist/d.js",
                "node_modules/x.js",
                "pkg/vendor/v.py",
                "src/app.js",
                "src/builds.ts",
                "src/distance.js",
                "web/node_modules/y.js",
            ],
            id="exclude-replaces",
        ),
        pytest.param(
            {"extend_exclude": ("legacy/", "src/b*")},
            ["src/app.js", "src/distance.js"],
            id="extend-exclude-adds",
        ),
        pytest.param(
            {"extend_exclude": ("!lib/app.min.js",)},
            ["legacy/l.js", "lib/app.min.js", "src/app.js", "src/builds.ts", "src/distance.js"],
            id="extend-exclude-negates",
        ),
        pytest.param(
            {"include": ("src/",)}, ["src/app.js", "src/builds.ts", "src/distance.js"], id="include"
        ),
        pytest.param(
            {"include": ("*.ts", "legacy/**")}, ["legacy/l.js", "src/builds.ts"], id="include-globs"
        ),
        pytest.param({"include": ("node_modules/",)}, [], id="include-cannot-undo-exclude"),
    ],
)
def test_excludes_and_include(
    tmp_path: Path, mode: str, options: dict[str, Any], expected: list[str]
) -> None:
    root = project(tmp_path, mode, DEFAULT_EXCLUDED)
    assert listed(run(root, **options)) == expected


def test_walk_never_enters_dot_git_even_when_excludes_are_replaced(tmp_path: Path) -> None:
    root = project(tmp_path, "plain", {".git/hooks/x.js": "", "sub/.git/y.js": "", "a.js": ""})
    assert listed(run(root, exclude=())) == ["a.js"]


def test_candidates_languages_and_examples(tmp_path: Path, mode: str) -> None:
    root = project(
        tmp_path,
        mode,
        {
            "README.md": "# hi",
            "notes.txt": "",
            "data.yaml": "",
            "docs/events/signup.json": "{}",
            "docs/events/signup.js": "",
            "docs/guide.md": "",
            "docs/events/readme.txt": "",
            "package.json": "{}",
            "src/app.tsx": "",
        },
    )
    result = run(root, examples=("docs/events/", "docs/*.md"), include=("src/",))
    assert [(f.path, f.language, f.example) for f in result.files] == [
        ("docs/events/signup.json", "json", True),
        ("docs/guide.md", "markdown", True),
        ("src/app.tsx", "tsx", False),
    ]
    everything = run(root, examples=("docs/events/*.json",))
    assert [(f.path, f.example) for f in everything.files] == [
        ("README.md", False),
        ("docs/events/signup.js", False),
        ("docs/events/signup.json", True),
        ("docs/guide.md", False),
        ("package.json", False),
        ("src/app.tsx", False),
    ]


EXPLICIT = {
    ".gitignore": "ignored/\n",
    "a.js": "",
    "b.py": "",
    "notes.txt": "",
    "node_modules/x.js": "",
    "dist/d.js": "",
    "ignored/i.js": "",
    "src/one.ts": "",
    "src/deep/two.js": "",
    "src/node_modules/n.js": "",
    "pages/[id].js": "",
    "pages/[x].js": "",
    "with space/é.js": "",
}


@pytest.mark.parametrize(
    ("paths", "expected", "notes"),
    [
        pytest.param(["a.js", "notes.txt"], ["a.js"], [], id="unscannable-file-dropped"),
        pytest.param(["node_modules/x.js", "dist/"], [], [], id="excluded-file-and-dir"),
        pytest.param(["ignored/i.js"], [], [], id="gitignored-file"),
        pytest.param(["ignored"], [], [], id="gitignored-dir"),
        pytest.param(["src"], ["src/deep/two.js", "src/one.ts"], [], id="dir-expanded"),
        pytest.param(["src/deep", "src/deep/two.js"], ["src/deep/two.js"], [], id="overlap-once"),
        pytest.param(["pages/[id].js"], ["pages/[id].js"], [], id="glob-characters-are-literal"),
        pytest.param(["with space/é.js"], ["with space/é.js"], [], id="unicode-and-space"),
        pytest.param(
            ["."],
            [
                "a.js",
                "b.py",
                "pages/[id].js",
                "pages/[x].js",
                "src/deep/two.js",
                "src/one.ts",
                "with space/é.js",
            ],
            [],
            id="root",
        ),
        pytest.param(
            ["gone.js", "b.py"], ["b.py"], ["gone.js: no such file or directory"], id="missing"
        ),
        pytest.param(
            ["../outside.js"],
            [],
            ["../outside.js: skipped, outside the project root {root}"],
            id="outside-root",
        ),
    ],
)
def test_explicit_paths(
    tmp_path: Path,
    mode: str,
    monkeypatch: pytest.MonkeyPatch,
    paths: list[str],
    expected: list[str],
    notes: list[str],
) -> None:
    root = project(tmp_path, mode, EXPLICIT)
    (tmp_path / "outside.js").write_text("")
    monkeypatch.chdir(root)
    result = run(root, tuple(Path(p) for p in paths))
    assert listed(result) == expected
    assert list(result.notes) == [note.format(root=root) for note in notes]


def test_explicit_paths_relative_to_a_subdirectory(
    tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project(tmp_path, mode, EXPLICIT)
    monkeypatch.chdir(root / "src")
    assert listed(run(root, (Path("one.ts"), Path("../b.py")))) == ["b.py", "src/one.ts"]


def test_max_file_size(tmp_path: Path, mode: str) -> None:
    root = project(tmp_path, mode, {"ok.js": "x" * 10, "big.js": "x" * 11, "small.py": ""})
    with open(root / "huge.json", "wb") as handle:
        handle.truncate(int(2.5 * 2**20))
    result = run(root, max_file_size=10)
    assert [(f.path, f.size) for f in result.files] == [("ok.js", 10), ("small.py", 0)]
    assert result.notes == (
        "big.js: skipped, 11 B is over max-file-size (10 B)",
        "huge.json: skipped, 2.5 MiB is over max-file-size (10 B)",
    )
    assert run(root).notes == ("huge.json: skipped, 2.5 MiB is over max-file-size (1.0 MiB)",)
    assert run(root, max_file_size=2621439).notes == (
        "huge.json: skipped, 2621440 bytes is over max-file-size (2621439 bytes)",
    )


def test_symlink_loops_do_not_hang(tmp_path: Path, mode: str) -> None:
    root = project(tmp_path, mode, {"src/a.js": ""})
    (root / "src" / "loop").symlink_to("..", target_is_directory=True)
    (root / "self.js").symlink_to("self.js")
    (root / "ping.js").symlink_to("pong.js")
    (root / "pong.js").symlink_to("ping.js")
    (root / "dir.js").symlink_to("src", target_is_directory=True)
    result = run(root)
    assert listed(result) == ["src/a.js"]
    assert result.notes == ()


def test_symlinks_out_of_the_root_are_not_followed(tmp_path: Path, mode: str) -> None:
    root = project(tmp_path, mode, {"src/a.js": "x"})
    make_tree(tmp_path, {"outside/secret.js": "", "outside/more/deep.py": ""})
    (root / "leak.js").symlink_to(tmp_path / "outside" / "secret.js")
    (root / "ext").symlink_to(tmp_path / "outside", target_is_directory=True)
    (root / "alias.js").symlink_to("src/a.js")
    result = run(root)
    assert [(f.path, f.size) for f in result.files] == [("alias.js", 1), ("src/a.js", 1)]
    assert result.notes == ("leak.js: skipped, a symlink to outside the project root",)


def test_output_is_sorted_and_complete(tmp_path: Path, mode: str) -> None:
    names = ["z.js", "a/b/c.py", "A.ts", "a.md", "m/n.json", "a-b.js", "a/a.js", "a_b.js"]
    root = project(tmp_path, mode, {name: "{}" for name in names})
    result = run(root)
    assert listed(result) == sorted(names)
    for file in result.files:
        assert file == SourceFile(
            file.path, str(root / file.path), str(language_for(file.path)), 2, example=False
        )


def test_results_are_frozen(tmp_path: Path) -> None:
    result = run(project(tmp_path, "plain", {"a.js": ""}))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.files[0].path = "b.js"  # type: ignore[misc]
    assert hash(result)


@given(st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\0", b"")), max_size=6))
def test_a_listing_decodes_as_each_path_would(paths: list[bytes]) -> None:
    data = b"\0".join(paths)
    assert _decode_listing(data) == [os.fsdecode(path) for path in data.split(b"\0")]


def test_a_source_file_holds_every_field_it_is_given() -> None:
    values = ("a.js", "/p/a.js", "javascript", 3, True, 7)
    file = SourceFile(*values)
    assert dataclasses.astuple(file) == values
    assert list(vars(file)) == [field.name for field in dataclasses.fields(SourceFile)]
    assert dataclasses.replace(file, size=4) == SourceFile("a.js", "/p/a.js", "javascript", 4, True)
    assert file == SourceFile(*values[:5])  # the stat time is no part of a file's identity
