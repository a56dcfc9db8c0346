"""The JSON format keeps the shape README documents: the shipped schema checks it."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from schema_lint.catalog.diff import CatalogDiff, TypeChange
from schema_lint.catalog.formats import json_
from schema_lint.catalog.model import Catalog, Coverage, Unresolved
from tests.catalog.test_golden import GOLDEN

SCHEMA = json.loads(
    resources.files("schema_lint").joinpath("schemas/catalog.schema.json").read_text("utf-8")
)
VALIDATOR = Draft202012Validator(SCHEMA)


def test_the_golden_catalog_matches_the_schema() -> None:
    VALIDATOR.validate(json.loads((GOLDEN / "example-app.json").read_text("utf-8")))


def test_unresolved_and_diff_match_the_schema() -> None:
    unresolved = (Unresolved("a.js", 1, 2, None, "syntax error"),)
    VALIDATOR.validate(json.loads(json_.render(Catalog((), (), Coverage(()), unresolved))))
    change = TypeChange("events", "seats", ("number",), ("string",))
    VALIDATOR.validate(json.loads(json_.render_diff(CatalogDiff("HEAD", (), (), (change,)))))


@pytest.mark.parametrize(
    "broken",
    [
        {"version": 1, "events": [], "keys": [], "coverage": {}, "unresolved": []},
        {
            "version": 2,
            "events": [],
            "keys": [],
            "unresolved": [],
            "coverage": {"occurrences": 0, "typed": 0, "unknown": 0, "files": []},
        },
    ],
)
def test_the_schema_rejects_other_shapes(broken: dict[str, Any]) -> None:
    assert not VALIDATOR.is_valid(broken)
