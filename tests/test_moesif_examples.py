"""The Moesif documentation's own examples give exactly the documented findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

SOURCES = {
    "app.js": (
        "moesif.track('Example', { some_string: 'abc' });\n"
        "moesif.track('Example', { some_object: { some_string: 23 } });\n"
        "moesif.track('Example', { 'so.me_str.ing': 'value', 'some.int': 1 });\n"
    ),
    "app.py": (
        "analytics.track(uid, 'Example', {'some_string': 'abc'})\n"
        "analytics.track(uid, 'Example', {'some_object': {'some_string': 23}})\n"
        "analytics.track(uid, 'Example', {'so.me_str.ing': 'value', 'some.int': 1})\n"
    ),
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_docs_examples(name: str, tmp_path: Path) -> None:
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif, segment]\n")
    (tmp_path / name).write_text(SOURCES[name])

    result = run_cli(["check", "--format", "json", "--no-cache"], tmp_path)
    found = [(d["code"], d["line"], d["key"]) for d in json.loads(result.stdout)]
    assert found == [
        ("SL002", 2, "some_string"),
        ("SL001", 3, "so_me_str_ing"),
        ("SL001", 3, "some_int"),
    ]
    assert result.exit_code == 1

    locked = run_cli(["lock", "--no-cache"], tmp_path)
    assert locked.exit_code == 0
    lock = (tmp_path / "schema-lint.lock.yaml").read_text()
    assert "  so_me_str_ing: string\n" in lock
    assert "  some_int: number\n" in lock
    assert "some_string:" not in lock  # sent with two types: never locked by a tool
