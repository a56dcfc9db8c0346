"""Scans as bytes (schema_lint.codec): what goes in comes out, and an empty scan is no bytes."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from schema_lint.codec import decode, encode
from schema_lint.model import (
    ClientExport,
    Entry,
    FileScan,
    Occurrence,
    Problem,
    Span,
    Value,
    Wrapper,
)
from tests.strategies import keys, load_profile

load_profile()

spans = st.builds(Span, *(st.integers(1, 10**6) for _ in range(4)))
texts = st.text(max_size=12)


def _values(depth: int) -> st.SearchStrategy[Value]:
    scalar = st.builds(Value, st.sampled_from(["string", "number", "boolean", "null"]), spans)
    if depth == 0:
        return scalar
    inner = _values(depth - 1)
    entry = st.builds(Entry, keys, spans, inner, st.none() | spans, st.booleans())
    return st.one_of(
        scalar,
        st.builds(Value, st.just("object"), spans, st.lists(entry, max_size=3).map(tuple)),
        st.builds(Value, texts, spans, items=st.lists(inner, max_size=3).map(tuple)),
    )


def _tuples(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[tuple[object, ...]]:
    return st.lists(strategy, max_size=3).map(tuple)


scans = st.builds(
    FileScan,
    texts,
    _tuples(st.builds(Occurrence, texts, _values(3), st.none() | texts, st.none() | spans)),
    _tuples(st.builds(Problem, texts, spans)),
    _tuples(st.tuples(st.integers(1, 999), _tuples(texts))),
    st.integers(0, 10**6),
    _tuples(st.builds(Wrapper, texts, texts, texts, texts, st.integers(1, 999))),
    _tuples(st.builds(ClientExport, texts, _tuples(texts), texts, st.integers(1, 999))),
    _tuples(texts),
)


@given(scans)
def test_a_scan_comes_back_as_it_went(scan: FileScan) -> None:
    back = decode(scan.path, encode(scan))
    assert back == scan
    # equal is not enough: a plain tuple equals a Span, but has no `encloses`
    assert back is not None
    assert all(type(o.metadata.span) is Span for o in back.occurrences)
    assert all(type(p.span) is Span for p in back.problems)
    assert all(type(w) is Wrapper for w in back.wrappers)


@given(scans)
def test_a_scan_is_no_bytes_exactly_when_it_holds_nothing(scan: FileScan) -> None:
    assert (encode(scan) is None) == (scan == FileScan(scan.path))


def test_every_field_of_a_scan_makes_it_bytes() -> None:
    """A field added to FileScan must be kept: a scan holding only it is not empty."""
    filled: dict[str, object] = {
        "occurrences": (Occurrence("events", Value("object", Span(1, 1, 1, 3))),),
        "problems": (Problem("x", Span(1, 1, 1, 2)),),
        "suppressions": ((1, ()),),
        "lines": 3,
        "wrappers": (Wrapper("t(EVENT)", "events", "javascript", "", 1),),
        "clients": (ClientExport("ph", ("PostHog",), "javascript", 1),),
        "imports": ("./x",),
    }
    names = [field.name for field in dataclasses.fields(FileScan) if field.name != "path"]
    assert sorted(names) == sorted(filled)
    for name in names:
        scan = FileScan("a.js", **{name: filled[name]})  # type: ignore[arg-type]
        assert encode(scan) is not None, name
        assert decode("a.js", encode(scan)) == scan


def test_bytes_of_another_file_or_corrupt_bytes_are_no_scan() -> None:
    blob = encode(FileScan("a.js", lines=2))
    assert decode("b.js", blob) is None
    assert decode("a.js", b"not a pickle") is None
    assert decode("a.js", None) == FileScan("a.js")
