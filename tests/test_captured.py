"""Captured records as the rules see them."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from schema_lint import events
from schema_lint import typing_ as T

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=2),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "b", "c.d"]), children, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "c.d"]), JSON_VALUES, max_size=4))
def test_key_types_are_what_flatten_gives(metadata: dict[str, object]) -> None:
    """`lock --from-events` types keys without building value trees; `validate` builds them."""
    from schema_lint.captured import key_types, to_value
    from schema_lint.flatten import flatten
    from schema_lint.model import Occurrence, Span

    decoded = events._DECODER.decode(json.dumps(metadata))
    value = to_value(decoded, Span(1, 1, 1, 2))
    for numbers in ("json", "split"):
        rows = flatten(Occurrence("events", value), "f", numbers)
        typed = [(key, T.normalize(type_, numbers)) for key, type_ in key_types(decoded)]
        assert typed == [(row.entry.key, row.type) for row in rows]
