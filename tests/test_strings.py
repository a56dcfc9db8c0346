"""Text shortened for messages, and places as `path:line:column`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schema_lint.diagnostics import Diagnostic, Related, Severity
from schema_lint.strings import SURROGATE, shorten, where


@pytest.mark.parametrize(
    ("text", "limit", "middle", "expected"),
    [
        ("short", 10, True, "short"),
        ("exactly 10", 10, True, "exactly 10"),
        ("abcdefghijkl", 9, True, "abc...jkl"),
        ("abcdefghijkl", 10, True, "abc...jkl"),  # an even cut: both ends keep as much
        ("abcdefghijkl", 9, False, "abcdef..."),
        ("", 5, False, ""),
    ],
)
def test_shorten(text: str, limit: int, middle: bool, expected: str) -> None:
    assert shorten(text, limit, middle) == expected


@given(st.text(), st.integers(min_value=5, max_value=200), st.booleans())
def test_shorten_never_exceeds_the_limit(text: str, limit: int, middle: bool) -> None:
    short = shorten(text, limit, middle)
    assert len(short) <= limit
    assert short == text or short.endswith("...") or "..." in short
    assert short.startswith(text[: (limit - 3) // 2])


def test_where() -> None:
    assert where("src/a.js", 3, 14) == "src/a.js:3:14"


@pytest.mark.parametrize(("text", "found"), [("\ud800", True), ("\udfff x", True), ("😀", False)])
def test_surrogate(text: str, found: bool) -> None:
    assert (SURROGATE.search(text) is not None) is found


@pytest.mark.parametrize(
    ("related", "shown"),
    [
        (Related("first", "src/a.js", 3, 7), "src/a.js:3:7"),
        (Related("locked", "schema-lint.lock.yaml"), "schema-lint.lock.yaml"),
    ],
)
def test_a_related_place(related: Related, shown: str) -> None:
    assert related.where == shown


def test_a_diagnostic_place() -> None:
    found = Diagnostic("a.py", 2, 5, 2, 9, "SL001", "dotted-key", Severity.WARNING, "m")
    assert found.where == "a.py:2:5"
