"""Captured events: reading JSON, JSON Lines, gzip and stdin; `lock --from-events`; `validate`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schema_lint import events
from schema_lint import typing_ as T
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


VALIDATE_LOCK = "version: 1\nevents:\n  plan: string\n"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "p.jsonl",
            '{"action_name": "a", "metadata": {"plan": 1}}\n'
            "\n"
            '{"action_name": "a", "metadata": {"x.y": true, "tags": [1, "a"]}}\n'
            "{oops\n",
            [
                "p.jsonl:1:1: SL002 `plan` is number here, but `plan` is locked as string in "
                "schema-lint.lock.yaml",
                "p.jsonl:3:1: SL001 key `x.y` contains a dot: it is stored as `x_y`",
                "p.jsonl:3:1: SL004 `tags`: array mixes number and string elements",
                "p.jsonl:4:1: SL006 invalid JSON: Expecting property name enclosed in double "
                "quotes",
            ],
        ),
        (
            "d.json",
            DOCUMENT,
            [
                "d.json:11:18: SL002 `plan` is number here, but `plan` is locked as string in "
                "schema-lint.lock.yaml",
            ],
        ),
        (
            "one.json",
            '{\n  "action_name": "a",\n  "metadata": {\n    "plan": {"deep": 1}\n  }\n}\n',
            [
                "one.json:4:5: SL002 `plan` is object here, but `plan` is locked as string in "
                "schema-lint.lock.yaml",
            ],
        ),
    ],
)
def test_validate_reports_exact_lines(
    project: Path, name: str, content: str, expected: list[str]
) -> None:
    (project / "schema-lint.lock.yaml").write_text(VALIDATE_LOCK)
    (project / name).write_text(content)
    result = run_cli(["validate", name], project)
    assert result.stdout.splitlines() == expected
    assert result.exit_code == 1
    gz = project / f"{name}.gz"
    gz.write_bytes(gzip.compress(content.encode()))
    zipped = run_cli(["validate", gz.name], project)
    assert zipped.stdout.splitlines() == [line.replace(name, gz.name, 1) for line in expected]
    piped = run_cli(["validate", "-"], project, input=content.encode())
    assert piped.stdout.splitlines() == [line.replace(name, "<stdin>", 1) for line in expected]


def test_validate_formats_exit_codes_and_frozen(project: Path) -> None:
    (project / "schema-lint.lock.yaml").write_text(VALIDATE_LOCK)
    (project / "p.jsonl").write_text('{"action_name": "a", "metadata": {"plan": "x"}}\n' * 2)
    assert run_cli(["validate", "p.jsonl"], project).exit_code == 0
    (project / "p.jsonl").write_text('{"action_name": "a", "metadata": {"seats": 2}}\n')
    assert run_cli(["validate", "p.jsonl"], project).exit_code == 0
    frozen = run_cli(["validate", "--frozen", "--format", "json", "p.jsonl"], project)
    assert frozen.exit_code == 1
    found = json.loads(frozen.stdout)
    assert [(d["code"], d["path"], d["line"]) for d in found] == [("SL005", "p.jsonl", 1)]
    assert run_cli(["validate", "--frozen", "--ignore", "SL005", "p.jsonl"], project).exit_code == 0
    sarif = run_cli(["validate", "--frozen", "--format", "sarif", "p.jsonl"], project)
    region = json.loads(sarif.stdout)["runs"][0]["results"][0]["locations"][0]
    assert region["physicalLocation"]["region"]["startLine"] == 1


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_arrays_stream_across_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(events, "CHUNK", chunk)
    (tmp_path / "a.json").write_text(DOCUMENT)
    found = [(r.line, r.column, r.error) for r in events.records(str(tmp_path / "a.json"))]
    assert found == [(2, 3, None), (9, 3, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[]", []),
        ("  \n", []),
        ("[1,", [(1, 2, False), (1, 4, True)]),
        ('[{"a":1} {"b":2}]', [(1, 2, False), (1, 10, True)]),
        ("[1, NaN]", [(1, 2, False), (1, 5, True)]),
        ('{"a":\n1}', [(1, 1, False)]),
        ('{"a":\n1', [(2, 1, True)]),
        ('{"a":1}\n{"b":', [(1, 1, False), (2, 1, True)]),
        ("[1]\n[2]\n", [(1, 2, False), (2, 1, True)]),
    ],
)
def test_records(tmp_path: Path, text: str, expected: list[tuple[int, int, bool]]) -> None:
    (tmp_path / "x.json").write_text(text)
    found = [
        (r.line, r.column, r.error is not None) for r in events.records(str(tmp_path / "x.json"))
    ]
    assert found == expected


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3),
        max_size=6,
    ),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=3),
)
def test_streamed_array_equals_json_loads(
    records: list[dict[str, object]], chunk: int, indent: int
) -> None:
    import tempfile

    text = json.dumps(records, indent=indent or None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.json"
        path.write_text(text)
        original, events.CHUNK = events.CHUNK, chunk
        try:
            found = [dict(r.value) for r in events.records(str(path))]
        finally:
            events.CHUNK = original
    assert found == records


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=2),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "b", "c.d"]), children, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "c.d"]), JSON_VALUES, max_size=4))
def test_key_types_are_what_flatten_gives(metadata: dict[str, object]) -> None:
    """`lock --from-events` types keys without building value trees; `validate` builds them."""
    from schema_lint.captured import key_types, to_value
    from schema_lint.flatten import flatten
    from schema_lint.model import Occurrence, Span

    decoded = events._DECODER.decode(json.dumps(metadata))
    value = to_value(decoded, Span(1, 1, 1, 2))
    for numbers in ("json", "split"):
        rows = flatten(Occurrence("events", value), "f", numbers)
        typed = [(key, T.normalize(type_, numbers)) for key, type_ in key_types(decoded)]
        assert typed == [(row.entry.key, row.type) for row in rows]


def test_progress_bar_only_when_enabled(tmp_path: Path) -> None:
    import io

    from schema_lint.progress import Progress

    (tmp_path / "e.jsonl").write_text("{}\n" * 10)
    for enabled in (True, False):
        stream = io.StringIO()
        progress = Progress(stream, enabled)
        tick = progress.for_file(str(tmp_path / "e.jsonl"))
        assert (tick is not None) is enabled
        if tick is not None:
            tick(30)
            progress.say("line")
            assert stream.getvalue().endswith("100%\r\x1b[Kline\n")
        assert progress.for_file("-") is None


def test_validate_bare_metadata_document_points_at_keys(project: Path) -> None:
    (project / "schema-lint.lock.yaml").write_text("version: 1\nusers:\n  plan: string\n")
    (project / "m.json").write_text('[\n  {"plan": "pro"},\n  {"seats": 1,\n   "plan": 2}\n]\n')
    result = run_cli(["validate", "--namespace", "users", "m.json"], project)
    assert result.stdout == (
        "m.json:4:4: SL002 `plan` is number here, but `plan` is locked as string in "
        "schema-lint.lock.yaml\n"
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
