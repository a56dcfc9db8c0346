"""Properties: one metadata literal printed as JS, TS, TSX, Python and JSON gives the same rows,
at the places the printer put the keys; the output is deterministic; the type algebra holds.

HYPOTHESIS_PROFILE=long runs many more examples (see tests/strategies.py).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint import typing_ as T
from schema_lint.flatten import Row, flatten_scans
from schema_lint.scanners import scan_file
from tests.strategies import CONTEXT, PRINTERS, Printed, Tree, load_profile, metadata, render

load_profile()

LANGUAGES = tuple(PRINTERS)
REPO = Path(__file__).resolve().parent.parent
EXAMPLE_APP = REPO / "fixtures" / "example-app"


def scan_rows(printed: Printed) -> list[Row]:
    scan = scan_file(f"ev{printed.suffix}", printed.language, printed.data, CONTEXT, False)
    assert not scan.problems, (scan.problems, printed.text)
    return flatten_scans([scan])


def located(rows: list[Row]) -> list[tuple[str, str, str, str, int, int]]:
    return sorted(
        (row.namespace, row.key, row.path, T.normalize(row.type, "json"), *row.span[:2])
        for row in rows
    )


def expected(printed: Printed) -> list[tuple[str, str, str, str, int, int]]:
    return sorted(("events", e.key, e.path, e.type, e.line, e.column) for e in printed.expected)


@given(tree=metadata(), rnd=st.randoms(use_true_random=False))
def test_every_language_gives_the_same_rows_at_the_printed_places(
    tree: Tree, rnd: random.Random
) -> None:
    found = {}
    for language in LANGUAGES:
        printed = render(language, tree, rnd)
        rows = scan_rows(printed)
        assert located(rows) == expected(printed), printed.text
        found[language] = [row[:4] for row in located(rows)]
    first = found[LANGUAGES[0]]
    assert all(rows == first for rows in found.values())


@given(tree=metadata(depth=2), rnd=st.randoms(use_true_random=False))
def test_rows_come_out_in_the_same_order_every_time(tree: Tree, rnd: random.Random) -> None:
    for language in LANGUAGES:
        printed = render(language, tree, rnd)
        assert scan_rows(printed) == scan_rows(printed)


# -- the type algebra ----------------------------------------------------------------------------

_BASE = st.sampled_from(
    [T.STRING, T.NUMBER, T.INTEGER, T.FLOAT, T.BOOLEAN, T.OBJECT, T.NULL, T.UNKNOWN]
)
types = st.recursive(_BASE, lambda inner: inner.map(T.array_of), max_leaves=4)


@given(types, types)
def test_merge_is_commutative(a: str, b: str) -> None:
    assert T.merge(a, b) == T.merge(b, a)


@given(types, types)
def test_compatible_is_symmetric(a: str, b: str) -> None:
    assert T.compatible(a, b) == T.compatible(b, a)


@given(types, types, types)
def test_merge_is_associative_where_defined(a: str, b: str, c: str) -> None:
    left = T.merge(a, b)
    right = T.merge(b, c)
    if left is not None and right is not None:
        assert T.merge(left, c) == T.merge(a, right)


@given(types, types)
def test_merge_keeps_both_sides_compatible(a: str, b: str) -> None:
    merged = T.merge(a, b)
    if merged is not None:
        assert T.compatible(merged, a) and T.compatible(merged, b)


@given(st.lists(types, min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_agreed_ignores_order_and_nulls_and_never_conflicts(
    branches: list[str], rnd: random.Random
) -> None:
    """The type of `a ?? b` or `x if c else y` is compatible with every non-null branch."""
    agreed = T.agreed(branches)
    shuffled = branches[:]
    rnd.shuffle(shuffled)
    assert T.agreed(shuffled) == agreed
    assert T.agreed([*branches, T.NULL]) == agreed
    if agreed not in (T.UNKNOWN, T.NULL):
        assert all(T.compatible(agreed, b) for b in branches)


@given(types, st.sampled_from(["json", "split"]))
def test_normalize_is_idempotent(type_: str, numbers: str) -> None:
    once = T.normalize(type_, numbers)
    assert T.normalize(once, numbers) == once
    assert T.normalize(once, "json") == T.normalize(type_, "json")


@given(st.lists(types, max_size=6), st.randoms(use_true_random=False))
def test_common_element_ignores_order(elements: list[str], rnd: random.Random) -> None:
    shuffled = elements[:]
    rnd.shuffle(shuffled)
    assert T.common_element(elements) == T.common_element(shuffled)


@pytest.mark.parametrize(
    ("elements", "expected"),
    [
        (["integer", "float", "integer"], ("number", False)),
        (["array<integer>", "array<float>", "array<integer>"], ("array<number>", False)),
        (["array<integer>", "array<string>"], ("unknown", True)),
        (["null", "unknown"], ("unknown", False)),
        (["array<unknown>", "null", "array<string>"], ("array<string>", False)),
    ],
)
def test_common_element(elements: list[str], expected: tuple[str, bool]) -> None:
    assert T.common_element(elements) == expected


def test_deeply_nested_types_merge_without_recursion() -> None:
    deep = "array<" * 5000 + "integer" + ">" * 5000
    assert T.merge(deep, deep.replace("integer", "number")) == deep
    assert T.merge(deep, deep.replace("integer", "string")) is None


# -- determinism of the whole program -------------------------------------------------------------


TREES: list[Tree] = [
    {"a.b": 1, "a_b": "x", "plan": {"seats": 2.5, "tags": ["é", None]}, "Plan": True},
    {"plan": {"seats": "2"}, "items": [{"sku": 1}, {"sku": "x", "😀.k": []}], "signUp": None},
    {"sign_up": 1.0, "mixed": [1, "a", True], "nested": [[1], [2.5]], "q'\\\"": {"k\n": 0}},
]


def _project(tmp_path: Path, trees: list[Tree], rnd: random.Random) -> Path:
    project = tmp_path / "project"
    shutil.copytree(EXAMPLE_APP, project)
    for index, tree in enumerate(trees):
        for language in LANGUAGES:
            printed = render(language, tree, rnd)
            (project / f"gen{index}{printed.suffix}").write_bytes(printed.data)
    return project


def _check(project: Path, fmt: str, seed: str) -> subprocess.CompletedProcess[bytes]:
    """A whole run in a new process: string hashing (set order) differs with the seed."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1", "GITHUB_ACTIONS": ""}
    command = [str(Path(sys.executable).with_name("schema-lint")), "check", "--no-cache"]
    return subprocess.run(
        [*command, "--format", fmt], cwd=project, env=env, capture_output=True, timeout=120
    )


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_two_runs_print_the_same_bytes(tmp_path: Path, fmt: str) -> None:
    project = _project(tmp_path, TREES, random.Random(2024))
    first = _check(project, fmt, "1")
    second = _check(project, fmt, "2")
    assert first.returncode == 1, first.stderr
    assert (first.stdout, first.stderr, first.returncode) == (
        second.stdout,
        second.stderr,
        second.returncode,
    )
