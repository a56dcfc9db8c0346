"""`lock --from-events`: the types captured events already have, from every kind of input."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.conftest import run_cli

JSONL = (
    '{"action_name": "Signed Up", "metadata": {"plan": "pro", "seats": 3}}\n'
    "\n"
    '{"user_id": "u1", "metadata": {"plan": 5, "company": {"size": 10}}}\n'
    "not json\n"
    "[1, 2]\n"
    '{"company_id": "c1", "metadata": {"tier": "gold"}}\n'
    '{"request": {"uri": "/x"}, "metadata": {"plan": 7, "tags": ["a"]}}\n'
    '{"event": "bare"}\n'
)
DOCUMENT = """[
  {
    "action_name": "Signed Up",
    "metadata": {
      "plan": "pro",
      "seats": 3
    }
  },
  {
    "action_name": "Upgraded",
    "metadata": {"plan": 5}
  }
]
"""
LEARNED = (
    "# schema-lint lockfile. Keys are never removed: the remote schema keeps a key's first type.\n"
    "version: 1\n"
    "companies:\n  tier: string\n"
    "events:\n  plan: string\n  seats: number\n  tags: array<string>\n"
    "users:\n  company: object\n  plan: number\n  size: number\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    return tmp_path


def test_from_events_json_lines(project: Path) -> None:
    (project / "events.jsonl").write_text(JSONL)
    result = run_cli(["lock", "--from-events", "events.jsonl"], project)
    assert result.exit_code == 0
    assert result.stdout == "Added 7 keys to schema-lint.lock.yaml.\n"
    assert result.stderr == (
        "events.jsonl:4: skipped: invalid JSON: Expecting value\n"
        "events.jsonl:5: skipped: not an object\n"
        "events.jsonl:7: `plan` (events) is number here, but was first sent as string at "
        "events.jsonl:1; the schema keeps string\n"
        "events.jsonl:8: skipped: not an event, user or company record "
        "(--namespace NS reads bare metadata)\n"
        "Read 7 records, 3 skipped.\n"
    )
    assert (project / "schema-lint.lock.yaml").read_text() == LEARNED


@pytest.mark.parametrize("source", ["file", "gzip", "stdin", "stdin-gzip"])
def test_from_events_reads_every_input_kind(project: Path, source: str) -> None:
    data = JSONL.encode()
    name, stdin = "events.jsonl", None
    if source == "gzip":
        name = "events.jsonl.gz"
        (project / name).write_bytes(gzip.compress(data))
    elif source == "file":
        (project / name).write_bytes(data)
    else:
        name, stdin = "-", gzip.compress(data) if source == "stdin-gzip" else data
    result = run_cli(["lock", "--from-events", name], project, input=stdin)
    shown = "<stdin>" if name == "-" else name
    assert f"{shown}:7: `plan` (events) is number here" in result.stderr
    assert (project / "schema-lint.lock.yaml").read_text() == LEARNED


def test_from_events_json_document_uses_record_lines(project: Path) -> None:
    (project / "events.json").write_text(DOCUMENT)
    result = run_cli(["lock", "--from-events", "events.json"], project)
    assert result.stderr == (
        "events.json:9: `plan` (events) is number here, but was first sent as string at "
        "events.json:2; the schema keeps string\n"
        "Read 2 records.\n"
    )


def test_from_events_never_relocks_and_names_the_lock(project: Path) -> None:
    (project / "schema-lint.lock.yaml").write_text("version: 1\nevents:\n  plan: boolean\n")
    (project / "events.json").write_text(DOCUMENT)
    result = run_cli(["lock", "--from-events", "events.json"], project)
    assert result.stderr.splitlines()[0] == (
        "events.json:2: `plan` (events) is string here, but is locked as boolean in "
        "schema-lint.lock.yaml; the schema keeps boolean"
    )
    assert "plan: boolean" in (project / "schema-lint.lock.yaml").read_text()


def test_bare_metadata_with_namespace(project: Path) -> None:
    (project / "m.jsonl").write_text('{"plan": "pro"}\n')
    result = run_cli(["lock", "--from-events", "--namespace", "users", "m.jsonl"], project)
    assert result.exit_code == 0
    assert "users:\n  plan: string\n" in (project / "schema-lint.lock.yaml").read_text()


@pytest.mark.parametrize(
    "args", [["lock", "--from-events"], ["lock", "--namespace", "users"], ["validate"]]
)
def test_usage_errors(project: Path, args: list[str]) -> None:
    result = run_cli(args, project)
    assert result.exit_code == 2 and result.stdout == ""


def test_missing_input_is_exit_2(project: Path) -> None:
    result = run_cli(["lock", "--from-events", "nope.jsonl"], project)
    assert result.exit_code == 2
    assert result.stderr == (
        "schema-lint: error: nope.jsonl: cannot read: No such file or directory\n"
    )


def test_absurd_nesting_is_a_bad_record_not_a_crash(project: Path) -> None:
    deep = '{"action_name": "a", "metadata": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    (project / "deep.jsonl").write_text(
        deep + "\n" + '{"action_name": "a", "metadata": {"z": 1}}\n'
    )
    result = run_cli(["lock", "--from-events", "deep.jsonl"], project)
    assert result.exit_code == 0
    assert result.stderr.startswith("deep.jsonl:1: skipped: invalid JSON: nested too deeply\n")
    assert "z: number" in (project / "schema-lint.lock.yaml").read_text()


def test_stray_bytes_and_lone_surrogates_never_crash(project: Path) -> None:
    (project / "e.jsonl").write_bytes(
        b'{"action_name": "a", "metadata": {"caf\xe9": "x", "\\ud800k": 1}}\n'
        b'{"action_name": "a", "metadata": {"plan": "pro"}}\n'
    )
    result = run_cli(["lock", "--from-events", "e.jsonl"], project)
    assert result.exit_code == 0, result.stderr
    text = (project / "schema-lint.lock.yaml").read_text(encoding="utf-8")
    assert '"caf\ufffd": string' in text and '"\ufffdk": number' in text
    assert run_cli(["validate", "e.jsonl"], project).exit_code == 0
