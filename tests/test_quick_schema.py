"""The check without jsonschema (schema_lint.quick_schema) says what jsonschema says, or nothing.

A wrong True would let a broken config through unexplained, so every answer it gives is
compared with jsonschema's on documents near the shipped schemas: valid ones, and ones with a
key, a value or a type changed.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.quick_schema import holds
from tests.strategies import load_profile

load_profile()


def _schema(name: str) -> dict[str, Any]:
    text = resources.files("schema_lint").joinpath(f"schemas/{name}.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


CONFIG = _schema("config")
LOCKFILE = _schema("lockfile")
CATALOG = _schema("catalog")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([1.0, 0.5, -1.5, math.nan, math.inf, 10**20, 2.0**70]),
    st.sampled_from(["", "-x", "/x", "1h", "1h30m", " 2 m ", "1MiB", "1.5 MB", "x", "SL0"]),
    st.text(max_size=4),
)
# words the schemas name, so that documents land near them: keys, enum members, lock types
words = st.sampled_from(
    [
        *CONFIG["properties"],
        "moesif",
        "segment",
        "posthog",
        "json",
        "split",
        "events",
        "users",
        "companies",
        "version",
        "git",
        "ref",
        "path",
        "call",
        "namespace",
        "language",
        "js",
        "python",
        "string",
        "number",
        "SL002",
        "unknown",
    ]
)
values = st.recursive(
    st.one_of(scalars, words),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.one_of(words, st.text(max_size=3), st.integers(0, 2)), inner, max_size=4
        ),
    ),
    max_leaves=12,
)
documents = st.one_of(
    values,
    st.dictionaries(words, values, max_size=5),
    st.dictionaries(words, st.lists(st.one_of(words, values), max_size=3), max_size=4),
)


FULL_CONFIG = {
    "lockfile": "schema-lint.lock.yaml",
    "extends": ["../shared.lock.yaml", {"git": "https://x/y.git", "ref": "main", "path": "l.yaml"}],
    "extends-ttl": "1h30m",
    "presets": ["moesif", "segment"],
    "calls": ["track(EVENT, METADATA)", {"call": "t(METADATA)", "namespace": "users"}],
    "wrappers": False,
    "examples": ["docs/**/*.json"],
    "include": ["src"],
    "exclude": ["node_modules"],
    "extend-exclude": ["*.gen.ts"],
    "max-file-size": "1.5 MB",
    "select": ["ALL"],
    "ignore": ["SL101"],
    "per-file-ignores": {"tests/*": ["SL002"]},
    "numbers": "split",
}


@st.composite
def near(draw: st.DrawFn, valid: dict[str, Any]) -> dict[str, Any]:
    """A valid document with some keys left out and maybe one value (or item) changed."""
    document: dict[str, Any] = {}
    for key, value in valid.items():
        if draw(st.booleans()):
            document[key] = value
    change: bool = draw(st.booleans())
    if document and change:
        key = draw(st.sampled_from(sorted(document)))
        old = document[key]
        if isinstance(old, list) and old and draw(st.booleans()):
            document[key] = [*old[:-1], draw(values)]
        else:
            document[key] = draw(values)
    return document


LOCK = {"version": 1, "events": {"a_b": "number"}, "users": {}, "companies": {"c": "string"}}


def _agrees(schema: dict[str, Any], document: object) -> None:
    verdict = holds(schema, document)
    if verdict is not None:
        assert verdict == jsonschema.Draft202012Validator(schema).is_valid(document)


@given(st.one_of(documents, near(FULL_CONFIG)))
def test_the_config_check_says_what_jsonschema_says(document: object) -> None:
    _agrees(CONFIG, document)


@given(st.one_of(documents, near(LOCK)))
def test_the_lockfile_check_says_what_jsonschema_says(document: object) -> None:
    _agrees(LOCKFILE, document)


@given(documents)
def test_the_catalog_check_says_what_jsonschema_says(document: object) -> None:
    _agrees(CATALOG, document)


@pytest.mark.parametrize(
    ("schema", "document"),
    [
        (CONFIG, {}),
        (CONFIG, {"presets": ["moesif", "segment"]}),
        (CONFIG, FULL_CONFIG),
        (CONFIG, {"extends-ttl": 3600, "max-file-size": 1000}),
        (CONFIG, {"extends-ttl": 60.0, "max-file-size": 2.0**70}),  # integers, to JSON Schema
        (LOCKFILE, {"version": 1}),
        (LOCKFILE, {"version": 1, "events": {"a_b": "number", "c": "array<string>"}}),
    ],
)
def test_valid_documents_need_no_jsonschema(schema: dict[str, Any], document: object) -> None:
    """The point of the check: the configs and lockfiles people write are answered here."""
    assert holds(schema, document) is True
    assert jsonschema.Draft202012Validator(schema).is_valid(document)


@pytest.mark.parametrize(
    ("schema", "document"),
    [
        (CONFIG, {"presets": ["moesif", "moesif"]}),
        (CONFIG, {"presets": ["nope"]}),
        (CONFIG, {"wrappers": "yes"}),
        (CONFIG, {"extends-ttl": True}),
        (CONFIG, {"max-file-size": 0}),
        (CONFIG, {"extends": [{"git": "-x", "ref": "main", "path": "p"}]}),
        (CONFIG, {"lockfile": ""}),
        (CONFIG, {"unknown": 1}),
        (LOCKFILE, {"version": True}),
        (LOCKFILE, {"version": 1, "people": {}}),
        (LOCKFILE, {"events": {}}),
    ],
)
def test_invalid_documents_are_not_passed(schema: dict[str, Any], document: object) -> None:
    assert holds(schema, document) is False
    assert not jsonschema.Draft202012Validator(schema).is_valid(document)


@pytest.mark.parametrize(
    ("schema", "document", "verdict"),
    [
        ({"minimum": 0}, math.nan, True),  # NaN < 0 is false, so jsonschema passes it
        ({"oneOf": [{"type": "number"}, {"type": "integer"}]}, 1, False),
        ({"oneOf": [{"type": "number"}, {"type": "string"}]}, 1, True),
        ({"enum": [1, "a"]}, True, False),  # True is not 1
        ({"const": False}, 0, False),
        ({"type": ["string", "null"]}, None, True),
    ],
)
def test_keywords_mean_what_they_mean_to_jsonschema(
    schema: dict[str, Any], document: object, verdict: bool
) -> None:
    assert holds(schema, document) is verdict
    assert jsonschema.Draft202012Validator(schema).is_valid(document) is verdict


def test_what_it_does_not_know_is_left_to_jsonschema() -> None:
    import datetime

    assert holds(CONFIG, {"lockfile": datetime.date(2024, 1, 1)}) is None  # a YAML date
    assert holds({"format": "email"}, "x") is None  # a keyword it does not know
    assert holds({"$ref": "other.json"}, "x") is None
    assert holds({"uniqueItems": True}, [[1], [1]]) is None
