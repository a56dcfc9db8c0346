"""Reading captured events: JSON Lines, JSON documents and arrays streamed across chunks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schema_lint import events
from tests.test_learn import DOCUMENT


@pytest.mark.parametrize("chunk", [1, 7, 64])
def test_arrays_stream_across_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(events, "CHUNK", chunk)
    (tmp_path / "a.json").write_text(DOCUMENT)
    found = [(r.line, r.column, r.error) for r in events.records(str(tmp_path / "a.json"))]
    assert found == [(2, 3, None), (9, 3, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[]", []),
        ("  \n", []),
        ("[1,", [(1, 2, False), (1, 4, True)]),
        ('[{"a":1} {"b":2}]', [(1, 2, False), (1, 10, True)]),
        ("[1, NaN]", [(1, 2, False), (1, 5, True)]),
        ('{"a":\n1}', [(1, 1, False)]),
        ('{"a":\n1', [(2, 1, True)]),
        ('{"a":1}\n{"b":', [(1, 1, False), (2, 1, True)]),
        ("[1]\n[2]\n", [(1, 2, False), (2, 1, True)]),
    ],
)
def test_records(tmp_path: Path, text: str, expected: list[tuple[int, int, bool]]) -> None:
    (tmp_path / "x.json").write_text(text)
    found = [
        (r.line, r.column, r.error is not None) for r in events.records(str(tmp_path / "x.json"))
    ]
    assert found == expected


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3),
        max_size=6,
    ),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=3),
)
def test_streamed_array_equals_json_loads(
    records: list[dict[str, object]], chunk: int, indent: int
) -> None:
    import tempfile

    text = json.dumps(records, indent=indent or None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.json"
        path.write_text(text)
        original, events.CHUNK = events.CHUNK, chunk
        try:
            found = [dict(r.value) for r in events.records(str(path))]
        finally:
            events.CHUNK = original
    assert found == records
