"""`export --format json-schema`: the exported schema and `validate` agree on every payload."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schema_lint import engine
from schema_lint.config import Settings
from schema_lint.export import json_schema
from schema_lint.validate import validate
from tests.conftest import run_cli

LOCK = {
    "plan": "string",
    "seats": "number",
    "beta": "boolean",
    "tags": "array<string>",
    "company": "object",
    "matrix": "array<array<number>>",
    "items": "array<object>",
    "anything": "array<unknown>",
}
LOCK_TEXT = "version: 1\nevents:\n" + "".join(f"  {k}: {t}\n" for k, t in sorted(LOCK.items()))
KEYS = st.sampled_from([*LOCK, "free", "other", "a.b"])
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
) | st.text(max_size=3)


def homogeneous(children: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    """Arrays whose non-null elements share one type: `validate` reports mixed ones as SL004."""
    kinds = [
        st.text(max_size=2),
        st.integers(),
        st.booleans(),
        st.dictionaries(KEYS, children, max_size=3),
        st.lists(st.integers(), max_size=2),
        st.lists(st.text(max_size=2), max_size=2),
    ]
    return st.sampled_from(kinds).flatmap(lambda kind: st.lists(kind | st.none(), max_size=3))


PAYLOADS = st.dictionaries(
    KEYS,
    st.recursive(
        SCALARS,
        lambda children: st.dictionaries(KEYS, children, max_size=3) | homogeneous(children),
        max_leaves=8,
    ),
    max_size=4,
)


def lock_findings(root: Path, name: str) -> bool:
    """Whether `validate` finds the payload breaking the lock (SL001, or SL002 against it)."""
    settings = Settings(root=root, lockfile=root / "schema-lint.lock.yaml")
    result = validate(settings, [str(root / name)], None, engine.Options(select=("SL001", "SL002")))
    return any(
        d.code == "SL001" or (d.related is not None and d.related.message.startswith("locked as"))
        for d in result.diagnostics
    )


@settings(max_examples=150, deadline=None)
@given(PAYLOADS)
def test_export_agrees_with_validate(payload: dict[str, Any]) -> None:
    schema = json_schema(LOCK, "events", "schema-lint.lock.yaml")
    valid = jsonschema.Draft202012Validator(schema).is_valid(payload)
    record = {"action_name": "Generated", "metadata": payload}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "schema-lint.lock.yaml").write_text(LOCK_TEXT)
        (root / "p.jsonl").write_text(json.dumps(record) + "\n")
        (root / "p.json").write_text(json.dumps(record, indent=2) + "\n")
        assert valid is not lock_findings(root, "p.jsonl")
        assert valid is not lock_findings(root, "p.json")


@pytest.mark.parametrize(
    ("payload", "valid"),
    [
        ({"deep": {"plan": 5}}, False),
        ({"deep": [{"plan": "pro"}]}, True),
        ({"deep": [{"plan": True}]}, False),
        ({"so.me": 1}, False),
        ({"free": {"anything": 1}}, False),
        ({"free": [1, 2], "plan": None}, True),
        ({"matrix": [[1.5], []]}, True),
        ({"matrix": [["x"]]}, False),
    ],
)
def test_schema_examples(payload: dict[str, Any], valid: bool) -> None:
    schema = json_schema(LOCK, "events", "schema-lint.lock.yaml")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.Draft202012Validator(schema).is_valid(payload) is valid


def test_export_command_is_deterministic_and_includes_extended_keys(tmp_path: Path) -> None:
    (tmp_path / "platform.yaml").write_text("version: 1\nusers:\n  plan: string\n")
    (tmp_path / ".schema-lint.yaml").write_text("extends: [platform.yaml]\n")
    (tmp_path / "schema-lint.lock.yaml").write_text("version: 1\nusers:\n  seats: number\n")
    first = run_cli(["export", "--format", "json-schema", "--namespace", "users"], tmp_path)
    assert first.exit_code == 0
    again = run_cli(["export", "--format", "json-schema", "--namespace", "users"], tmp_path)
    assert first.stdout == again.stdout
    schema = json.loads(first.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert list(schema["$defs"]["value"]["properties"]) == ["plan", "seats"]
    assert run_cli(["export"], tmp_path).exit_code == 2  # --format is required
