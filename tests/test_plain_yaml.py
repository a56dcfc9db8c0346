"""Plain configs read without PyYAML (schema_lint.plain_yaml): what it reads, PyYAML reads
the same; what it cannot tell, it leaves to PyYAML."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.config import _unique_key_loader
from schema_lint.plain_yaml import load
from tests.strategies import load_profile

load_profile()

# pieces of real configs, and the look-alikes YAML reads otherwise (booleans, nulls, octals,
# floats, aliases, quotes, comments, nesting)
words = st.sampled_from(
    [
        "moesif",
        "segment",
        "posthog",
        "json",
        "split",
        "SL002",
        "ALL",
        "dotted-key",
        "node_modules",
        "dist/",
        "schema-lint.lock.yaml",
        "docs/x.json",
        "a_b",
        "e10",
        "yes",
        "No",
        "on",
        "OFF",
        "true",
        "True",
        "null",
        "Null",
        "~",
        "y",
        "n",
        "0",
        "7",
        "010",
        "1.5",
        "1e3",
        "0x1F",
        ".inf",
        "*.min.js",
        "&a",
        "*a",
        "'q'",
        '"q"',
        "1MiB",
        "1h30m",
        "a: b",
        "x # c",
        "[a]",
        "{a: 1}",
        "-",
        "- a",
        "é",
        "",
    ]
)
keys = st.sampled_from(
    [
        "presets",
        "lockfile",
        "numbers",
        "wrappers",
        "max-file-size",
        "select",
        "on",
        "Yes",
        "a_b",
        "x-y",
        "9a",
        "-a",
        "k",
    ]
)
values = st.one_of(
    words,
    st.lists(words, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(words, max_size=3).map(lambda items: "[" + ",".join(items) + "]"),
)
lines = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", keys, values),
    st.builds(lambda k, v: f"{k}:  {v}", keys, values),
    st.sampled_from(["", "# a comment", "  ", "---", "  # indented", "key:", "a:b", "\tx: 1"]),
)
texts = st.lists(lines, max_size=6).map("\n".join)


def pyyaml(text: str) -> object:
    return yaml.load(text, Loader=_unique_key_loader())


@given(texts)
def test_what_it_reads_pyyaml_reads_the_same(text: str) -> None:
    table = load(text)
    if table is None:
        return
    try:
        expected = pyyaml(text)
    except yaml.YAMLError:
        pytest.fail(f"read {text!r}, which PyYAML rejects")
    expected = {} if expected is None else expected
    assert table == expected
    assert isinstance(expected, dict)
    assert [type(v) for v in table.values()] == [type(v) for v in expected.values()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("presets: [moesif, segment]\n", {"presets": ["moesif", "segment"]}),
        (
            "# the project's config\npresets: [posthog]\nnumbers: split\n\nwrappers: false\n",
            {"presets": ["posthog"], "numbers": "split", "wrappers": False},
        ),
        (
            "max-file-size: 1000000\nselect: [ALL]\nignore: []\n",
            {"max-file-size": 1000000, "select": ["ALL"], "ignore": []},
        ),
        ("", {}),
    ],
)
def test_the_usual_configs_need_no_yaml_parser(text: str, expected: object) -> None:
    assert load(text) == expected == (pyyaml(text) or {})


@pytest.mark.parametrize(
    "text",
    [
        "presets: [moesif, moesif]\npresets: [segment]\n",  # a repeated key: PyYAML reports it
        "wrappers: yes\n",  # a boolean to YAML 1.1
        "lockfile: null\n",
        "extends-ttl: 010\n",  # octal
        "exclude:\n  - dist\n",  # a block list
        "presets: [moesif]  # the SDK we use\n",
        "lockfile: 'x.yaml'\n",
        "exclude: [*.min.js]\n",
        "on: 1\n",
        "lockfile: x.yaml\r\n",
    ],
)
def test_anything_else_is_left_to_pyyaml(text: str) -> None:
    assert load(text) is None
