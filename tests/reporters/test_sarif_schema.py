"""The SARIF report validates against the official OASIS schema (a copy lives in tests/data)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from schema_lint.reporters import get

from .sample import DIAGNOSTICS, run_info

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    validator: Validator = cls(schema)
    return validator


@pytest.mark.parametrize("count", [0, 1, len(DIAGNOSTICS)])
def test_report_is_valid_sarif(validator: Validator, count: int) -> None:
    out = io.StringIO()
    get("sarif")(DIAGNOSTICS[:count], run_info(), out)
    errors = sorted(validator.iter_errors(json.loads(out.getvalue())), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_report_without_source_lines_is_valid_sarif(validator: Validator) -> None:
    out = io.StringIO()
    get("sarif")(DIAGNOSTICS, run_info(source_lines=None), out)
    assert not list(validator.iter_errors(json.loads(out.getvalue())))


def test_bundled_example_is_valid_sarif(validator: Validator, tmp_path: Path) -> None:
    from tests.conftest import copy_project, run_cli

    example = Path(__file__).resolve().parents[2] / "fixtures" / "example-app"
    project = copy_project(example, tmp_path / "example-app")
    result = run_cli(["check", "--format", "sarif", "--no-cache"], project)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["runs"][0]["results"], "the example has findings"
    errors = sorted(validator.iter_errors(report), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
