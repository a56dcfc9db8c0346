"""A repeated key is SL003 at the later key; the value it replaces is never sent or typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.rules.lint import lint, where

PAYLOAD = '{"action_name": "A", "metadata": {"total": 10, "total": "10.00"}}\n'


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("payload.json", PAYLOAD, [("SL003", "payload.json", 1, 48)]),
        (
            "app.js",
            "moesif.track('A', {total: 10, total: '10.00'});\n",
            [("SL003", "app.js", 1, 31)],
        ),
        (
            "app.py",
            "send({'action_name': 'A', 'metadata': {'total': 10, 'total': '10.00'}})\n",
            [("SL003", "app.py", 1, 53)],
        ),
    ],
)
def test_repeated_key_is_sl003_only(
    tmp_path: Path, name: str, text: str, expected: list[tuple[str, str, int, int]]
) -> None:
    assert where(lint(tmp_path, {name: text})) == expected


def test_the_replaced_value_is_not_locked(tmp_path: Path) -> None:
    (tmp_path / "payload.json").write_text(PAYLOAD)
    assert run_cli(["lock", "--no-cache"], tmp_path).exit_code == 0
    assert "total: string" in (tmp_path / "schema-lint.lock.yaml").read_text()
