from __future__ import annotations

import os
import random
import stat
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schema_lint.lockfile import HEADER, Lock, LockfileError, dumps, load, update
from schema_lint.model import NAMESPACES

EXAMPLE = {
    "users": {"plan": "string"},
    "events": {"tags": "array<string>", "some_object": "object", "button_label": "string"},
}
EXAMPLE_TEXT = f"""{HEADER}
version: 1
events:
  button_label: string
  some_object: object
  tags: array<string>
users:
  plan: string
"""


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def temps(directory: Path) -> list[str]:
    return sorted(name for name in os.listdir(directory) if name.endswith(".tmp"))


# --- load ---------------------------------------------------------------------------------


def test_missing_file_reads_as_empty_and_not_existing(tmp_path: Path) -> None:
    lock = load(tmp_path / "schema-lint.lock.yaml")
    assert lock == Lock({}, exists=False)
    assert lock.get("events", "anything") is None


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n"])
def test_empty_file_reads_as_empty_lock(tmp_path: Path, text: str) -> None:
    assert load(write(tmp_path / "lock.yaml", text)) == Lock({}, exists=True)


def test_load_example(tmp_path: Path) -> None:
    lock = load(write(tmp_path / "lock.yaml", EXAMPLE_TEXT))
    assert lock.exists
    assert lock.types == EXAMPLE
    assert lock.get("events", "tags") == "array<string>"
    assert lock.get("users", "tags") is None
    assert lock.get("companies", "plan") is None
    assert "version" not in lock.types


@pytest.mark.parametrize(
    "text",
    [
        "version: 1\r\nevents:\r\n  a: string\r\n",  # checked out with autocrlf
        "\ufeffversion: 1\nevents:\n  a: string\n",  # saved by an editor that adds a BOM
        "version: 1\nevents: {a: string}\n",
        'version: 1\nevents:\n  "a": string\n',
        "version: 1\nusers: {}\nevents:\n  a: string\n",
    ],
)
def test_load_accepts_equivalent_spellings(tmp_path: Path, text: str) -> None:
    assert load(write(tmp_path / "lock.yaml", text)).get("events", "a") == "string"


def test_unreadable_path_is_a_lockfile_error(tmp_path: Path) -> None:
    (tmp_path / "lock.yaml").mkdir()
    with pytest.raises(LockfileError, match=r"^shown\.yaml: cannot read: "):
        load(tmp_path / "lock.yaml", display="shown.yaml")


# --- dumps --------------------------------------------------------------------------------


def test_dumps_example_exactly() -> None:
    assert dumps(EXAMPLE) == EXAMPLE_TEXT


def test_dumps_empty_has_header_and_version_only() -> None:
    assert dumps({}) == f"{HEADER}\nversion: 1\n"
    assert dumps({"events": {}, "users": {}}) == dumps({})


def test_dumps_sorts_namespaces_and_keys_and_ends_with_newline() -> None:
    text = dumps({"users": {"b": "string", "a": "number"}, "companies": {"z": "boolean"}})
    assert text.splitlines()[2:] == [
        "companies:",
        "  z: boolean",
        "users:",
        "  a: number",
        "  b: string",
    ]
    assert text.endswith("\n") and not text.endswith("\n\n")


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("plan", "plan"),
        ("_private", "_private"),
        ("signUp2", "signUp2"),
        ("", '""'),
        ("yes", '"yes"'),
        ("No", '"No"'),
        ("TRUE", '"TRUE"'),
        ("off", '"off"'),
        ("y", '"y"'),
        ("null", '"null"'),
        ("Null", '"Null"'),
        ("1", '"1"'),
        ("1e3", '"1e3"'),
        ("a b", '"a b"'),
        (" padded ", '" padded "'),
        ("a:b", '"a:b"'),
        ("#tag", '"#tag"'),
        ("-dash", '"-dash"'),
        ("so.me", '"so.me"'),
        ("it's", '"it\'s"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("line\nbreak", '"line\\nbreak"'),
        ("tab\there", '"tab\\there"'),
        ("\x00\x1b", '"\\u0000\\u001b"'),
        ("\x7f\x85\x9f", '"\\u007f\\u0085\\u009f"'),
        ("\u2028\u2029", '"\\u2028\\u2029"'),
        ("\ufeffbom", '"\\ufeffbom"'),
        ("café", '"café"'),
        ("日本", '"日本"'),
        ("emoji 🎉", '"emoji 🎉"'),
        ("<<", '"<<"'),
        ("~", '"~"'),
    ],
)
def test_dumps_quotes_keys_only_when_needed(tmp_path: Path, key: str, written: str) -> None:
    text = dumps({"events": {key: "string"}})
    assert text.splitlines()[3] == f"  {written}: string"
    assert load(write(tmp_path / "lock.yaml", text)).types == {"events": {key: "string"}}


def test_dumps_writes_very_long_keys_as_explicit_keys(tmp_path: Path) -> None:
    # YAML refuses an implicit key longer than 1024 characters.
    key = "k" * 1500 + ".x"
    text = dumps({"events": {key: "string", "short": "number"}})
    assert f'  ? "{key}"\n  : string\n' in text
    assert load(write(tmp_path / "lock.yaml", text)).types == {
        "events": {key: "string", "short": "number"}
    }


@pytest.mark.parametrize(
    "types",
    [
        {"event": {"a": "string"}},
        {"events": {"a": "strin"}},
        {"events": {"a": "unknown"}},
        {"events": {"a": "null"}},
        {"events": {"a": "array<string"}},
        {"events": {"a\ud800": "string"}},
    ],
)
def test_dumps_rejects_what_cannot_be_locked(types: dict[str, dict[str, str]]) -> None:
    with pytest.raises(ValueError):
        dumps(types)


# --- update -------------------------------------------------------------------------------


def test_update_creates_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "schema-lint.lock.yaml"
    added = update(path, {"users": {"plan": "string"}})
    assert added == {"users": {"plan": "string"}}
    assert path.read_text(encoding="utf-8") == f"{HEADER}\nversion: 1\nusers:\n  plan: string\n"
    assert temps(tmp_path) == []


def test_update_with_nothing_new_does_not_create_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lock.yaml"
    assert update(path, {}) == {}
    assert update(path, {"events": {}}) == {}
    assert not path.exists()


def test_update_is_append_only(tmp_path: Path) -> None:
    path = write(tmp_path / "lock.yaml", EXAMPLE_TEXT)
    added = update(
        path,
        {
            "events": {"tags": "string", "button_label": "string", "new_key": "number"},
            "companies": {"plan": "boolean"},
        },
    )
    assert added == {"events": {"new_key": "number"}, "companies": {"plan": "boolean"}}
    lock = load(path)
    assert lock.get("events", "tags") == "array<string>"  # the locked type stays
    assert lock.get("events", "new_key") == "number"
    assert lock.get("companies", "plan") == "boolean"  # namespaces are separate
    assert lock.get("users", "plan") == "string"
    assert path.read_text(encoding="utf-8") == dumps(lock.types)


def test_update_with_nothing_new_leaves_file_untouched(tmp_path: Path) -> None:
    # Hand-written, unsorted: a rewrite would show in the bytes, an untouched file keeps its mtime.
    text = "version: 1\nusers:\n  plan: string\nevents:\n  b: number\n  a: string\n"
    path = write(tmp_path / "lock.yaml", text)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    added = update(path, {"events": {"a": "number", "b": "number"}, "users": {"plan": "object"}})
    assert added == {}
    assert path.read_bytes() == text.encode()
    assert path.stat().st_mtime_ns == 1_000_000_000


@pytest.mark.parametrize(
    "additions",
    [{"nope": {"a": "string"}}, {"events": {"a": "strin"}}, {"events": {"a": "null"}}],
)
def test_update_rejects_invalid_additions_before_touching_the_file(
    tmp_path: Path, additions: dict[str, dict[str, str]]
) -> None:
    path = write(tmp_path / "lock.yaml", EXAMPLE_TEXT)
    with pytest.raises(ValueError):
        update(path, additions)
    assert path.read_text(encoding="utf-8") == EXAMPLE_TEXT


def test_update_preserves_permission_bits(tmp_path: Path) -> None:
    path = write(tmp_path / "lock.yaml", EXAMPLE_TEXT)
    path.chmod(0o640)
    update(path, {"events": {"new_key": "string"}})
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_update_writes_through_a_symlink(tmp_path: Path) -> None:
    real = write(tmp_path / "real.yaml", EXAMPLE_TEXT)
    link = tmp_path / "lock.yaml"
    link.symlink_to(real)
    update(link, {"events": {"new_key": "string"}})
    assert link.is_symlink()
    assert load(real).get("events", "new_key") == "string"


def test_update_removes_temp_files_of_dead_writers_only(tmp_path: Path) -> None:
    path = write(tmp_path / "lock.yaml", EXAMPLE_TEXT)
    dead = tmp_path / ".lock.yaml.99999999.tmp"  # above any pid_max
    live = tmp_path / f".lock.yaml.{os.getppid()}.tmp"
    other = tmp_path / ".other.yaml.99999999.tmp"
    for leftover in (dead, live, other):
        leftover.write_text("partial")
    update(path, {"events": {"new_key": "string"}})
    assert not dead.exists()
    assert live.exists() and other.exists()


def test_update_reports_a_missing_directory_as_lockfile_error(tmp_path: Path) -> None:
    with pytest.raises(LockfileError, match=r"^x\.yaml: cannot write: "):
        update(tmp_path / "missing" / "lock.yaml", {"events": {"a": "string"}}, display="x.yaml")


def test_update_failing_write_leaves_no_temp_and_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "lock.yaml", EXAMPLE_TEXT)

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(LockfileError, match="No space left on device"):
        update(path, {"events": {"new_key": "string"}})
    assert path.read_text(encoding="utf-8") == EXAMPLE_TEXT
    assert temps(tmp_path) == []


# --- properties ---------------------------------------------------------------------------

BASES = ["string", "number", "integer", "float", "boolean", "object"]
TYPES = st.builds(
    lambda depth, base: "array<" * depth + base + ">" * depth,
    st.integers(0, 3),
    st.sampled_from(BASES),
) | st.builds(lambda depth: "array<" * depth + "unknown" + ">" * depth, st.integers(1, 3))
KEYS = st.text() | st.sampled_from(
    ["", " ", "a.b", "a:b", "'", '"', "#", "-", "- a", "? x", "yes", "No", "null", "~", "1", "é"]
)
LOCKS = st.dictionaries(
    st.sampled_from(NAMESPACES), st.dictionaries(KEYS, TYPES, min_size=1, max_size=8)
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(types=LOCKS)
def test_dumps_load_round_trip(tmp_path: Path, types: dict[str, dict[str, str]]) -> None:
    text = dumps(types)
    assert load(write(tmp_path / "lock.yaml", text)).types == types
    assert dumps(load(tmp_path / "lock.yaml").types) == text
    assert yaml.safe_load(text)["version"] == 1


@settings(max_examples=100)
@given(types=LOCKS, seed=st.integers())
def test_dumps_ignores_insertion_order(types: dict[str, dict[str, str]], seed: int) -> None:
    shuffle = random.Random(seed).sample
    reordered = {
        namespace: dict(shuffle(list(keys.items()), len(keys)))
        for namespace, keys in shuffle(list(types.items()), len(types))
    }
    assert dumps(reordered) == dumps(types)
