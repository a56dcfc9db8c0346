from __future__ import annotations

import json
import pickle
from importlib import resources
from pathlib import Path

import pytest

from schema_lint.cache import settings_digest
from schema_lint.config import (
    DEFAULT_EXCLUDE,
    ConfigError,
    Settings,
    load_settings,
)
from schema_lint.presets import PRESETS
from schema_lint.signatures import parse


def make_tree(base: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith("/"):
            path.mkdir(exist_ok=True)
        else:
            path.write_text(text)


def load(tmp_path: Path, text: str, name: str = ".schema-lint.yaml") -> Settings:
    (tmp_path / name).write_text(text)
    return load_settings([], cwd=tmp_path)


CONTENTS = {
    "table": '[tool.schema-lint]\nnumbers = "split"\n',
    "other": "[tool.black]\nline-length = 100\n",
    "worktree": "gitdir: /elsewhere\n",
}


def tree(base: Path, spec: str) -> None:
    """Space-separated names; 'dir/' makes a folder, 'name=key' writes CONTENTS[key]."""
    for item in spec.split():
        name, _, content = item.partition("=")
        make_tree(base, {name: CONTENTS.get(content, "")})


@pytest.mark.parametrize(
    ("files", "paths", "cwd", "config", "root"),
    [
        ("p/.schema-lint.yaml p/src/a.js", "p/src/a.js", ".", "p/.schema-lint.yaml", "p"),
        ("p/.schema-lint.yml p/src/a.js", "p/src", ".", "p/.schema-lint.yml", "p"),
        ("p/pyproject.toml=table p/src/a.js", "p/src/a.js", ".", "p/pyproject.toml", "p"),
        (
            "pyproject.toml=table p/pyproject.toml=other p/a.js",
            "p/a.js",
            ".",
            "pyproject.toml",
            ".",
        ),
        ("p/.schema-lint.yaml p/pyproject.toml=table", "p", ".", "p/.schema-lint.yaml", "p"),
        (
            ".schema-lint.yaml p/.schema-lint.yaml p/q/a.js",
            "p/q/a.js",
            ".",
            "p/.schema-lint.yaml",
            "p",
        ),
        (".schema-lint.yaml repo/.git/ repo/src/a.js", "repo/src/a.js", ".", None, "repo"),
        (
            "repo/.git/ repo/.schema-lint.yaml repo/src/",
            "repo/src",
            ".",
            "repo/.schema-lint.yaml",
            "repo",
        ),
        (".schema-lint.yaml repo/.git=worktree repo/a.js", "repo/a.js", ".", None, "repo"),
        ("p/a.js", "p/a.js", "p", None, "p"),
        ("p/.git/ p/a/.schema-lint.yaml p/a/x.js p/b/y.js", "p/a/x.js p/b/y.js", ".", None, "p"),
        ("p/.schema-lint.yaml p/sub/", "", "p/sub", "p/.schema-lint.yaml", "p"),
        ("p/.schema-lint.yaml p/new/", "p/new/missing.js", ".", "p/.schema-lint.yaml", "p"),
    ],
    ids=[
        "config-in-parent-of-file",
        "yml-spelling",
        "pyproject-table",
        "pyproject-without-table-skipped",
        "yaml-before-pyproject",
        "nearest-wins",
        "none-below-git-root-is-git-root",
        "git-root-itself-is-searched",
        "git-file-of-a-worktree-is-a-root",
        "no-config-no-git-is-cwd",
        "common-parent-of-paths",
        "no-paths-start-at-cwd",
        "missing-path-uses-its-folder",
    ],
)
def test_config_discovery(
    tmp_path: Path, files: str, paths: str, cwd: str, config: str | None, root: str
) -> None:
    tree(tmp_path, files)
    settings = load_settings([Path(p) for p in paths.split()], cwd=tmp_path / cwd)
    assert settings.config_path == (tmp_path / config if config else None)
    assert settings.root == (tmp_path / root).resolve()


def test_explicit_config_sets_the_root(tmp_path: Path) -> None:
    make_tree(
        tmp_path, {".schema-lint.yaml": "numbers: json\n", "conf/lint.yaml": "numbers: split\n"}
    )
    settings = load_settings([], config=Path("conf/lint.yaml"), cwd=tmp_path)
    assert (settings.root, settings.numbers) == (tmp_path / "conf", "split")
    assert settings.lockfile == tmp_path / "conf" / "schema-lint.lock.yaml"


def test_explicit_pyproject_without_table_means_defaults(tmp_path: Path) -> None:
    make_tree(tmp_path, {"pyproject.toml": CONTENTS["other"]})
    settings = load_settings([], config=Path("pyproject.toml"), cwd=tmp_path)
    assert settings.config_path == tmp_path / "pyproject.toml"
    assert settings.numbers == "json"


def test_explicit_config_missing(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^nope\.yaml: no such config file$"):
        load_settings([], config=Path("nope.yaml"), cwd=tmp_path)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_yaml_is_all_defaults(tmp_path: Path, text: str) -> None:
    settings = load(tmp_path, text)
    assert settings == Settings(
        root=tmp_path,
        config_path=tmp_path / ".schema-lint.yaml",
        lockfile=tmp_path / "schema-lint.lock.yaml",
        presets=("moesif",),
        signatures=PRESETS["moesif"],
    )
    assert settings.exclude == DEFAULT_EXCLUDE
    assert settings.max_file_size == 1024 * 1024
    assert settings.select is None


SL0 = ("SL001", "SL002", "SL003", "SL004", "SL005", "SL006", "SL007")
ALL = (*SL0, "SL101", "SL102")


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("lockfile: locks/schema.yaml", "lockfile", "{root}/locks/schema.yaml"),
        ("lockfile: ../shared.lock.yaml", "lockfile", "{parent}/shared.lock.yaml"),
        ("presets: [segment, posthog]", "presets", ("segment", "posthog")),
        ("presets: []", "signatures", ()),
        ("examples: ['docs/**/*.json']", "examples", ("docs/**/*.json",)),
        ("include: [src/, '*.py']", "include", ("src/", "*.py")),
        ("exclude: [legacy]", "exclude", ("legacy",)),
        ("exclude: []", "exclude", ()),
        ("extend-exclude: [gen/]", "extend_exclude", ("gen/",)),
        ("max-file-size: 2048", "max_file_size", 2048),
        ("max-file-size: 1MiB", "max_file_size", 1048576),
        ("max-file-size: 500KB", "max_file_size", 500_000),
        ("max-file-size: 2MB", "max_file_size", 2_000_000),
        ("max-file-size: '1.5 KiB'", "max_file_size", 1536),
        ("max-file-size: 1gib", "max_file_size", 2**30),
        ("max-file-size: '10'", "max_file_size", 10),
        ("max-file-size: 4096.0", "max_file_size", 4096),
        ("select: [SL0, SL101]", "select", (*SL0, "SL101")),
        ("select: [sl001, type-conflict, SL001]", "select", ("SL001", "SL002")),
        ("select: []", "select", ()),
        ("ignore: [ALL]", "ignore", ALL),
        ("ignore: [SL]", "ignore", ALL),
        ("ignore: [SL00]", "ignore", SL0),
        (
            "per-file-ignores:\n  'tests/*': [SL005]\n  '*.md': [SL0, inconsistent-key-style]",
            "per_file_ignores",
            (("tests/*", ("SL005",)), ("*.md", (*SL0, "SL101"))),
        ),
        ("numbers: split", "numbers", "split"),
        ("wrappers: false", "wrappers", False),
        ("numbers: json", "wrappers", True),
    ],
)
def test_each_key(tmp_path: Path, text: str, field: str, expected: object) -> None:
    settings = load(tmp_path, text + "\n")
    if isinstance(expected, str) and "{" in expected:
        expected = Path(expected.format(root=tmp_path, parent=tmp_path.parent))
    assert getattr(settings, field) == expected


def test_calls_follow_presets(tmp_path: Path) -> None:
    settings = load(
        tmp_path,
        "presets: [segment]\n"
        "calls:\n"
        "  - 'track(EVENT, METADATA)'\n"
        "  - {call: 'crm.identify(_, METADATA)', namespace: users, language: python}\n"
        "  - {call: 'org.set(METADATA)', namespace: companies}\n"
        "  - 'analytics.track(EVENT, METADATA)'\n",  # not the segment JS one: that has language js
    )
    assert settings.signatures == (
        *PRESETS["segment"],
        parse("track(EVENT, METADATA)"),
        parse("crm.identify(_, METADATA)", "users", "python"),
        parse("org.set(METADATA)", "companies"),
        parse("analytics.track(EVENT, METADATA)"),
    )


def test_repeated_signature_is_kept_once(tmp_path: Path) -> None:
    settings = load(tmp_path, "calls: ['a.b(METADATA)', {call: 'a.b(METADATA)'}]\n")
    assert settings.signatures[len(PRESETS["moesif"]) :] == (parse("a.b(METADATA)"),)


def test_pyproject_keys(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {
            "pyproject.toml": "[project]\nname = 'x'\n\n[tool.schema-lint]\n"
            "presets = []\ncalls = [{call = 'x.y(METADATA)', namespace = 'users'}]\n"
            "max-file-size = '2MB'\n\n[tool.schema-lint.per-file-ignores]\n'a/*.js' = ['SL001']\n"
        },
    )
    settings = load_settings([], cwd=tmp_path)
    assert settings.signatures == (parse("x.y(METADATA)", "users"),)
    assert settings.max_file_size == 2_000_000
    assert settings.per_file_ignores == (("a/*.js", ("SL001",)),)


BAD_VALUES = [
    ("colour: red", "colour", "unknown key"),
    ("call: []", "call", "unknown key (did you mean 'calls'?)"),
    ("extend_exclude: [x]", "extend_exclude", "did you mean 'extend-exclude'?"),
    ("lockfile: ''", "lockfile", "should be non-empty"),
    ("lockfile: [a]", "lockfile", "is not of type 'string'"),
    ("presets: moesif", "presets", "is not of type 'array'"),
    ("presets: [moesif, heap]", "presets[1]", "'heap' is not one of"),
    ("presets: [moesif, moesif]", "presets", "non-unique"),
    ("calls: [3]", "calls[0]", "expected a signature string or a mapping"),
    ("calls: ['a(METADATA)', {namespace: users}]", "calls[1]", "'call' is a required property"),
    (
        "calls: [{call: 'a(METADATA)', namespace: user}]",
        "calls[0].namespace",
        "'user' is not one of",
    ),
    ("calls: [{call: 'a(METADATA)', language: ts}]", "calls[0].language", "'ts' is not one of"),
    ("calls: [{call: 'a(METADATA)', lang: js}]", "calls[0].lang", "unknown key"),
    ("examples: '*.json'", "examples", "is not of type 'array'"),
    ("wrappers: 'no'", "wrappers", "is not of type 'boolean'"),
    ("include: [1]", "include[0]", "is not of type 'string'"),
    ("exclude: [null]", "exclude[0]", "is not of type 'string'"),
    ("extend-exclude: {a: b}", "extend-exclude", "is not of type 'array'"),
    ("max-file-size: 0", "max-file-size", "expected a number of bytes (at least 1)"),
    ("max-file-size: -5", "max-file-size", "got -5"),
    ("max-file-size: 1.5", "max-file-size", "got 1.5"),
    ("max-file-size: true", "max-file-size", "got True"),
    ("max-file-size: 3 parsecs", "max-file-size", "got '3 parsecs'"),
    ("max-file-size: 0KB", "max-file-size", "'0KB' is less than 1 byte"),
    ("select: SL001", "select", "is not of type 'array'"),
    ("select: [SL0001]", "select[0]", "unknown rule code or prefix 'SL0001' (did you mean"),
    ("select: [SL9]", "select[0]", "unknown rule code or prefix 'SL9'; `schema-lint rules`"),
    ("select: ['']", "select[0]", "expected a rule code, code prefix or rule name"),
    ("ignore: [SL001, E501]", "ignore[1]", "unknown rule code or prefix 'E501'"),
    ("ignore: [dotted_key]", "ignore[0]", "(did you mean dotted-key?)"),
    ("per-file-ignores: [SL001]", "per-file-ignores", "is not of type 'object'"),
    ("per-file-ignores: {'src/*.js': [SL001, x]}", 'per-file-ignores."src/*.js"[1]', "'x'"),
    ("per-file-ignores: {'a': [SL02]}", "per-file-ignores.a[0]", "did you mean SL002 or SL102?"),
    ("per-file-ignores: {'tests': SL001}", "per-file-ignores.tests", "is not of type 'array'"),
    ("numbers: float", "numbers", "'float' is not one of ['json', 'split']"),
]


@pytest.mark.parametrize(("text", "key", "problem"), BAD_VALUES)
def test_bad_value_names_file_and_key(tmp_path: Path, text: str, key: str, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text + "\n")
    message = str(caught.value)
    assert message.startswith(f".schema-lint.yaml: {key}: "), message
    assert problem in message
    assert "\n" not in message


def test_bad_value_in_pyproject_names_the_table(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {"pyproject.toml": "[tool.schema-lint]\ncalls = [{call = 'a(X)', namespace = 'x'}]\n"},
    )
    with pytest.raises(
        ConfigError, match=r"^pyproject\.toml: tool\.schema-lint\.calls\[0\]\.namespace: "
    ):
        load_settings([], cwd=tmp_path)


def test_pyproject_table_must_be_a_table(tmp_path: Path) -> None:
    make_tree(tmp_path, {"pyproject.toml": "[tool]\nschema-lint = 3\n"})
    with pytest.raises(
        ConfigError, match=r"^pyproject\.toml: tool\.schema-lint: expected a mapping"
    ):
        load_settings([], config=Path("pyproject.toml"), cwd=tmp_path)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            ".schema-lint.yaml",
            "numbers: json\ncalls: [\n  'a(METADATA)'\nexclude: x\n",
            r"^\.schema-lint\.yaml:4:1: invalid YAML: ",
        ),
        (
            ".schema-lint.yaml",
            "numbers: json\nselect: [SL001]\nnumbers: split\n",
            r"^\.schema-lint\.yaml:3:1: invalid YAML: duplicate key 'numbers'$",
        ),
        (".schema-lint.yaml", "exclude: [a\n", r"^\.schema-lint\.yaml:2:1: invalid YAML: "),
        (
            ".schema-lint.yaml",
            "? [a, b]\n: 1\n",
            r"^\.schema-lint\.yaml:1:3: invalid YAML: found unhashable key$",
        ),
        (
            ".schema-lint.yaml",
            "- numbers\n",
            r"^\.schema-lint\.yaml: expected a mapping of settings, not list$",
        ),
        (
            ".schema-lint.yaml",
            "just words\n",
            r"^\.schema-lint\.yaml: expected a mapping of settings, not str$",
        ),
        (
            "pyproject.toml",
            "[tool.schema-lint]\nnumbers = \n",
            r"^pyproject\.toml:2:\d+: invalid TOML: ",
        ),
    ],
)
def test_unreadable_config_names_file_and_line(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    with pytest.raises(ConfigError, match=expected) as caught:
        load(tmp_path, text, name)
    assert "\n" not in str(caught.value)


def test_invalid_utf8(tmp_path: Path) -> None:
    (tmp_path / ".schema-lint.yaml").write_bytes(b"numbers: \xff\n")
    with pytest.raises(ConfigError, match=r"^\.schema-lint\.yaml: cannot read: "):
        load_settings([], cwd=tmp_path)


@pytest.mark.parametrize(
    ("calls", "key"),
    [
        ("['a.b(METADATA)', 'not a call']", "calls[1]"),
        ("[{call: 'a.b(EVENT)'}]", "calls[0]"),
        ("['a.b(METADATA, METADATA)']", "calls[0]"),
        ("['a.b(*, METADATA)']", "calls[0]"),
        ("['x.*.track(METADATA)']", "calls[0]"),
        ('["a.b(\\n[METADATA])"]', "calls[0]"),
    ],
)
def test_bad_signature(tmp_path: Path, calls: str, key: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, f"calls: {calls}\n")
    assert str(caught.value).startswith(f".schema-lint.yaml: {key}: ")
    assert "\n" not in str(caught.value)


def test_error_path_is_relative_to_cwd_when_possible(tmp_path: Path) -> None:
    make_tree(tmp_path, {"p/.schema-lint.yaml": "numbers: 1\n", "p/a.js": "", "elsewhere/": ""})
    with pytest.raises(ConfigError, match=r"^p/\.schema-lint\.yaml: numbers: "):
        load_settings([Path("p/a.js")], cwd=tmp_path)
    with pytest.raises(ConfigError, match=rf"^{tmp_path}/p/\.schema-lint\.yaml: numbers: "):
        load_settings([tmp_path / "p/a.js"], cwd=tmp_path / "elsewhere")


def test_schema_lists_every_preset() -> None:
    text = resources.files("schema_lint").joinpath("schemas/config.schema.json").read_text()
    schema = json.loads(text)
    assert schema["properties"]["presets"]["items"]["enum"] == list(PRESETS)


def test_settings_are_hashable_and_picklable(tmp_path: Path) -> None:
    settings = load(tmp_path, "calls: ['a.b(METADATA)']\nper-file-ignores: {'x': [SL001]}\n")
    assert pickle.loads(pickle.dumps(settings)) == settings
    assert hash(settings) == hash(load_settings([], cwd=tmp_path))


BASE = "calls: ['a.b(EVENT, METADATA)']\nexamples: ['docs/*.json']\n"


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        (BASE, False),
        (BASE + "select: [SL001]\nignore: [SL101]\n", False),
        (BASE + "exclude: [x]\nmax-file-size: 10\nlockfile: other.yaml\n", False),
        (BASE + "per-file-ignores: {'*.js': [SL001]}\n", False),
        (BASE + "numbers: split\n", True),
        (BASE + "presets: [segment]\n", True),
        (BASE.replace("a.b(", "a.c("), True),
        (
            BASE.replace(
                "'a.b(EVENT, METADATA)'", "{call: 'a.b(EVENT, METADATA)', namespace: users}"
            ),
            True,
        ),
        (
            BASE.replace("'a.b(EVENT, METADATA)'", "{call: 'a.b(EVENT, METADATA)', language: js}"),
            True,
        ),
        (BASE.replace("docs/*.json", "docs/**/*.json"), True),
    ],
)
def test_digest(tmp_path: Path, text: str, changes: bool) -> None:
    base = settings_digest(load(tmp_path, BASE))
    digest = settings_digest(load(tmp_path, text))
    assert len(digest) == 64
    assert (digest != base) is changes
