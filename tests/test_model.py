"""Span geometry: end-exclusive positions, and spans within spans."""

from __future__ import annotations

import pytest

from schema_lint.model import Span

SPAN = Span(2, 5, 4, 3)


@pytest.mark.parametrize(
    ("line", "column", "inside"),
    [
        (2, 5, True),  # the start is in
        (3, 1, True),
        (4, 2, True),
        (4, 3, False),  # the end is not
        (2, 4, False),
        (1, 9, False),
        (5, 1, False),
    ],
)
def test_contains(line: int, column: int, inside: bool) -> None:
    assert SPAN.contains(line, column) is inside


@pytest.mark.parametrize(
    ("other", "enclosed"),
    [
        (SPAN, True),
        (Span(2, 5, 2, 6), True),
        (Span(3, 1, 4, 3), True),
        (Span(2, 4, 3, 1), False),
        (Span(3, 1, 4, 4), False),
        (Span(1, 1, 5, 1), False),  # the other way round
    ],
)
def test_encloses(other: Span, enclosed: bool) -> None:
    assert SPAN.encloses(other) is enclosed


def test_a_span_around_encloses_it() -> None:
    assert Span(1, 1, 5, 1).encloses(SPAN)
