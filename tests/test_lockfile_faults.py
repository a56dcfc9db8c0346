from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from schema_lint.lockfile import LockfileError, load, update

V = "version: 1\n"
BILLION_LAUGHS = (
    V
    + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
)

# (id, file content, line named in the message or None, text the message holds)
BROKEN: list[tuple[str, bytes | str, int | None, str]] = [
    (
        "conflict markers",
        V + "events:\n<<<<<<< HEAD\n  a: string\n=======\n  b: string\n>>>>>>> topic\n",
        3,
        "unresolved git conflict marker",
    ),
    ("conflict separator first", V + "events:\n  a: string\n=======\n", 4, "conflict marker"),
    ("diff3 base marker", V + "events:\n||||||| base\n  a: string\n", 3, "conflict marker"),
    (
        "duplicate key",
        V + "events:\n  a: string\n  b: number\n  a: number\n",
        5,
        "duplicate key 'a'",
    ),
    ("duplicate quoted key", V + 'events:\n  a: string\n  "a": string\n', 4, "duplicate key 'a'"),
    (
        "duplicate namespace",
        V + "events:\n  a: string\nusers:\n  b: string\nevents:\n  c: string\n",
        6,
        "duplicate key 'events'",
    ),
    ("duplicate version", V + "events:\n  a: string\nversion: 1\n", 4, "duplicate key 'version'"),
    ("unclosed flow", V + "events:\n  a: string\n  b: [string\n", 5, "invalid YAML"),
    ("bad indentation", V + "events:\n  a: string\n b: string\n", 4, "invalid YAML"),
    ("unclosed quote", V + 'events:\n  "a: string\n', 4, "invalid YAML"),
    ("two documents", V + "---\n" + V, 2, "invalid YAML"),
    ("control character", V + "events:\n  a: str\x00ing\n", 3, "invalid YAML"),
    ("unsafe tag", V + "events:\n  a: !!python/object/apply:os.system [ls]\n", 3, "invalid YAML"),
    ("not UTF-8", (V + "events:\n  caf\xe9: string\n").encode("latin-1"), 3, "not valid UTF-8"),
    ("a list", "- version: 1\n- events: {}\n", 1, "expected a mapping"),
    ("a scalar", "# header\nversion 1\n", 2, "expected a mapping"),
    ("unknown type", V + "events:\n  a: string\n  b: strin\n", 4, "unknown type 'strin'"),
    ("unknown nested type", V + "users:\n  a: array<strin>\n", 3, "unknown type 'array<strin>'"),
    ("unbalanced array", V + "users:\n  a: array<string>>\n", 3, "unknown type"),
    ("unknown alone", V + "users:\n  a: unknown\n", 3, "unknown type 'unknown'"),
    ("null type", V + "users:\n  a: null\n", 3, "type of key 'a' must be a string"),
    ("integer type", V + "users:\n  a: 1\n", 3, "type of key 'a' must be a string, not 1"),
    ("list type", V + "users:\n  a: [string]\n", 3, "type of key 'a' must be a string"),
    ("mapping type", V + "users:\n  a:\n    b: string\n", 3, "type of key 'a' must be a string"),
    ("too deep", V + "users:\n  a:\n    b:\n      c: {}\n", 5, "nested too deeply"),
    ("unquoted bool key", V + "users:\n  yes: string\n", 3, "key 'yes' is not a string"),
    ("unquoted int key", V + "users:\n  1: string\n", 3, "key '1' is not a string"),
    ("merge key", V + "users:\n  <<: {a: string}\n", 3, "key '<<' is not a string"),
    (
        "version 2",
        "# newer\nversion: 2\nprofiles:\n  a: string\n",
        2,
        "unsupported lockfile version 2 (this schema-lint reads version 1)",
    ),
    ("version as string", "version: '1'\n", 1, "unsupported lockfile version '1'"),
    ("version as bool", "version: true\n", 1, "unsupported lockfile version True"),
    ("missing version", "events:\n  a: string\n", None, "missing `version: 1`"),
    (
        "unknown namespace",
        V + "events:\n  a: string\nevent:\n  b: string\n",
        4,
        "unknown namespace 'event' (expected events, users, companies)",
    ),
    ("namespace not a mapping", V + "events: string\n", 2, "namespace 'events' must be a mapping"),
    ("namespace a list", V + "users:\n  - a\n", 2, "namespace 'users' must be a mapping"),
    ("namespace null", V + "companies:\n", 2, "namespace 'companies' must be a mapping"),
    ("anchor", V + "events: &shared\n  a: string\nusers:\n  b: string\n", 2, "anchors and aliases"),
    ("alias", V + "events:\n  a: string\n  b: *a\n", 4, "anchors and aliases"),
    ("billion laughs", BILLION_LAUGHS, 2, "anchors and aliases"),
    ("long implicit key", V + "users:\n  " + "k" * 10_000 + ": string\n", 3, "invalid YAML"),
    ("long namespace", V + "? " + "n" * 10_000 + "\n: {}\n", 2, "unknown namespace 'nnn"),
    ("long type", V + "users:\n  a: " + "x" * 10_000 + "\n", 3, "unknown type 'xxx"),
    ("multi-line key", V + 'users:\n  "a\\nb\\u2028c": strin\n', 3, "unknown type"),
]


@pytest.fixture(params=BROKEN, ids=[case[0] for case in BROKEN])
def broken(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, int | None, str]:
    _, content, line, expected = request.param
    path = tmp_path / "schema-lint.lock.yaml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path, line, expected


def check_message(error: LockfileError, line: int | None, expected: str) -> None:
    message = str(error)
    where = "locks/schema-lint.lock.yaml" + (f":{line}: " if line else ": ")
    assert message.startswith(where), message
    assert expected in message
    assert len(message.splitlines()) == 1 and "\n" not in message
    assert len(message) < 200  # file content is never echoed in full


def test_load_reports_file_and_line(broken: tuple[Path, int | None, str]) -> None:
    path, line, expected = broken
    with pytest.raises(LockfileError) as caught:
        load(path, display="locks/schema-lint.lock.yaml")
    check_message(caught.value, line, expected)


def test_update_refuses_and_never_rewrites(broken: tuple[Path, int | None, str]) -> None:
    path, line, expected = broken
    before = path.read_bytes()
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    with pytest.raises(LockfileError) as caught:
        update(path, {"events": {"new_key": "string"}}, display="locks/schema-lint.lock.yaml")
    check_message(caught.value, line, expected)
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert sorted(os.listdir(path.parent)) == [path.name]


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    # Expanded, the document would hold 9**9 strings; refusing the first anchor takes no time.
    path = tmp_path / "lock.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    start = time.process_time()  # CPU time: a busy machine must not fail the test
    with pytest.raises(LockfileError, match="anchors and aliases"):
        load(path)
    assert time.process_time() - start < 1.0
