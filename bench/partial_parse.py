"""Measured, not adopted: parsing only the top-level statements that hold a hit.

A top-level statement starts on a line that begins at column 0 with code; the ranges from the
statement holding each hit to the next statement are parsed alone (tree-sitter's
`included_ranges`: nodes keep their file offsets). `phases.py` times it against parsing the
whole file; bench/README.md has the figures and why it is not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tree_sitter import Parser, Point, Range, Tree

from schema_lint.prefilter import find_word

# a line starting at column 0 with something that can start a statement
_STATEMENT = re.compile(rb"^(?![ \t\r\n}\])#/*'\"`.,:;?&|+=<>-])", re.M)
_MOST = 0.5  # above this share of the file, parsing it whole costs about the same
Ranges = tuple[tuple[int, int], ...]


def word_hits(data: bytes, names: Iterable[str]) -> list[int]:
    """Where any of `names` occurs as a whole word, sorted: the extractor's hits, or more."""
    hits = []
    for name in {name.encode() for name in names}:
        at = find_word(data, name)
        while at >= 0:
            hits.append(at)
            at = find_word(data, name, at + 1)
    return sorted(hits)


def statement_ranges(data: bytes, hits: Iterable[int], python: bool) -> Ranges | None:
    """The byte ranges of the top-level statements holding `hits`, merged; None when the
    whole file should be parsed."""
    ranges: list[tuple[int, int]] = []
    for hit in hits:
        if ranges and hit < ranges[-1][1]:
            continue  # in the statement before
        begin = _statement_start(data, hit)
        after = _STATEMENT.search(data, data.find(b"\n", hit) + 1) if b"\n" in data else None
        end = after.start() if after is not None and after.start() > hit else len(data)
        if ranges and ranges[-1][1] >= begin:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
        else:
            ranges.append((begin, end))
    if not ranges or sum(end - begin for begin, end in ranges) > _MOST * len(data):
        return None
    if not all(_outside_strings(data, begin, python) for begin, _ in ranges):
        return None
    return tuple(ranges)


def _statement_start(data: bytes, offset: int) -> int:
    """The start of the line, at or before `offset`, where its top-level statement begins."""
    line = data.rfind(b"\n", 0, offset) + 1
    while line > 0 and not _STATEMENT.match(data, line):
        line = data.rfind(b"\n", 0, line - 1) + 1
    return line


def _outside_strings(data: bytes, offset: int, python: bool) -> bool:
    """Whether `offset` cannot be inside a multi-line string or block comment, from counts."""
    if python:
        return data.count(b'"""', 0, offset) % 2 == 0 and data.count(b"'''", 0, offset) % 2 == 0
    return data.count(b"`", 0, offset) % 2 == 0 and data.rfind(b"/*", 0, offset) <= data.rfind(
        b"*/", 0, offset
    )


def parse(parser: Parser, data: bytes, ranges: Ranges) -> Tree:
    """A tree of `data` holding only `ranges`, with the nodes at their file offsets."""
    parser.included_ranges = [Range(_point(data, a), _point(data, b), a, b) for a, b in ranges]
    try:
        return parser.parse(data)
    finally:
        parser.included_ranges = []


def _point(data: bytes, offset: int) -> Point:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return Point(data.count(b"\n", 0, offset), offset - line_start)
