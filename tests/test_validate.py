"""`validate`: captured payloads checked against the lock, at exact lines, in every format."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_learn import DOCUMENT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".schema-lint.yaml").write_text("presets: [moesif]\n")
    return tmp_path


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


def test_validate_bare_metadata_document_points_at_keys(project: Path) -> None:
    (project / "schema-lint.lock.yaml").write_text("version: 1\nusers:\n  plan: string\n")
    (project / "m.json").write_text('[\n  {"plan": "pro"},\n  {"seats": 1,\n   "plan": 2}\n]\n')
    result = run_cli(["validate", "--namespace", "users", "m.json"], project)
    assert result.stdout == (
        "m.json:4:4: SL002 `plan` is number here, but `plan` is locked as string in "
        "schema-lint.lock.yaml\n"
    )
