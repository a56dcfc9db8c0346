"""Property: the JSON parser gives every key, type and span of a document as an oracle does.

A printer writes a random document (nested objects and arrays, repeated keys, unicode keys and
strings with escapes and lone surrogates, random whitespace and newlines, JSONC comments and
trailing commas) and records where it put every key and value. `json.loads` reads the same
document without its comments and judges the structure, the keys and the types; the printer's
offsets, turned into lines and columns by splitting the text, judge the spans.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from hypothesis import given
from hypothesis import strategies as st

from schema_lint import typing_ as T
from schema_lint.model import Span, Value
from schema_lint.scanners import json_
from schema_lint.strings import SURROGATE
from tests.strategies import load_profile

load_profile()


class Number(str):
    """A number as written: the parser types it from its text, as the oracle must."""


class Pairs(list[tuple[str, Any]]):
    """An object's keys and values in order, repeated keys kept."""


Doc: TypeAlias = Any  # None, bool, str, Number, list of Doc, Pairs

_CHARS = st.one_of(
    st.characters(),  # any code point but a surrogate
    st.sampled_from(['"', "\\", "/", "\n", "\t", "\x00", "\x1f", "\x7f", "é", "日", "😀"]),
    st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"]),  # lone surrogates
)
_TEXTS = st.lists(_CHARS, max_size=6).map("".join)
_NUMBERS = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["-0", "1.0", "1E3", "2.5e-1", "1e400", "9" * 308, "9" * 309, "0.5E+1"]),
).map(Number)
_SCALARS = st.one_of(st.none(), st.booleans(), _TEXTS, _NUMBERS)
_KEYS = _TEXTS.filter(lambda key: key != "action_name")  # no payloads: one document, one value
_DOCS = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.lists(st.tuples(_KEYS, inner), max_size=4).map(Pairs)
    ),
    max_leaves=16,
)
_ROOTS = st.lists(st.tuples(_KEYS, _DOCS), max_size=5).map(Pairs)

_SPACES = ["", " ", "  ", "\n", "\t", "\r\n", "\n    ", " \n\n  "]
_COMMENTS = ["/* c */", "// c\n", "/* two\n lines */", "/**/", "//\n"]
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


@dataclass
class Written:
    """Where the printer put a value: offsets of its first and past its last character, and
    for an object the offsets of each key (quotes included)."""

    start: int
    end: int
    keys: list[tuple[int, int]] = field(default_factory=list)
    children: list[Written] = field(default_factory=list)


class Printer:
    def __init__(self, rnd: random.Random, jsonc: bool) -> None:
        self.rnd, self.jsonc = rnd, jsonc
        self.text: list[str] = []  # as the parser reads it
        self.plain: list[str] = []  # the same without comments, for json.loads
        self.offset = 0

    def write(self, piece: str, plain: bool = True) -> int:
        start = self.offset
        self.text.append(piece)
        self.plain.append(piece if plain else "")
        self.offset += len(piece)
        return start

    def space(self) -> None:
        self.write(self.rnd.choice(_SPACES))
        if self.jsonc and self.rnd.random() < 0.3:
            self.write(self.rnd.choice(_COMMENTS), plain=False)
            self.write(self.rnd.choice(_SPACES))

    def string(self, text: str) -> tuple[int, int]:
        """Each character as it is, escaped short, or as `\\uXXXX` (surrogate pairs beyond
        the BMP); what must be escaped always is."""
        pieces = []
        for char in text:
            code = ord(char)
            must = char in '"\\' or code < 0x20 or 0xD800 <= code <= 0xDFFF
            if not must and self.rnd.random() < 0.7:
                pieces.append(char)
            elif char in _ESCAPES and self.rnd.random() < 0.5:
                pieces.append(_ESCAPES[char])
            elif char == "/" and self.rnd.random() < 0.5:
                pieces.append("\\/")
            elif code > 0xFFFF:
                high, low = divmod(code - 0x10000, 0x400)
                pieces.append(f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04X}")
            else:
                pieces.append(f"\\u{code:04x}")
        start = self.write('"' + "".join(pieces) + '"')
        return start, self.offset

    def doc(self, doc: Doc) -> Written:
        if isinstance(doc, Pairs | list):
            return self.container(doc)
        if isinstance(doc, Number):
            return Written(self.write(doc), self.offset)
        if isinstance(doc, str):
            return Written(*self.string(doc))
        return Written(self.write(json.dumps(doc)), self.offset)

    def container(self, doc: Pairs | list[Doc]) -> Written:
        is_object = isinstance(doc, Pairs)
        written = Written(self.write("{" if is_object else "["), 0)
        for index, item in enumerate(doc):
            if index:
                self.write(",")
            self.space()
            if is_object:
                key, item = item
                written.keys.append(self.string(key))
                self.space()
                self.write(":")
                self.space()
            written.children.append(self.doc(item))
            self.space()
        if doc and self.jsonc and self.rnd.random() < 0.3:
            self.write(",", plain=False)
            self.space()
        self.write("}" if is_object else "]")
        written.end = self.offset
        return written


def where(text: str, offset: int, line_offset: int, column_offset: int) -> tuple[int, int]:
    """Line and character column of an offset, found by splitting the text before it."""
    lines = text[:offset].split("\n")
    return len(lines) + line_offset, len(lines[-1]) + 1 + column_offset


def expected_type(loaded: Any) -> str:
    if isinstance(loaded, Pairs):
        return T.OBJECT
    if isinstance(loaded, list):
        return T.array_of(T.common_element(expected_type(item) for item in loaded)[0])
    if isinstance(loaded, Number):  # whole as in JavaScript: 1.0 and 1e3 are, 1e400 is not
        return T.INTEGER if float(loaded).is_integer() else T.FLOAT
    if isinstance(loaded, bool):
        return T.BOOLEAN
    return T.STRING if isinstance(loaded, str) else T.NULL


def check(value: Value, written: Written, loaded: Any, text: str, offsets: tuple[int, int]) -> None:
    def span(start: int, end: int) -> Span:
        return Span(*where(text, start, *offsets), *where(text, end, *offsets))

    assert (value.type, value.span) == (expected_type(loaded), span(written.start, written.end))
    if isinstance(loaded, Pairs):
        # the parser prints lone surrogates as U+FFFD; json.loads keeps them
        keys = [SURROGATE.sub("\ufffd", key) for key, _ in loaded]
        assert [entry.key for entry in value.entries] == keys
        for entry, (start, end) in zip(value.entries, written.keys, strict=True):
            assert (entry.span, entry.name_span) == (span(start, end), span(start + 1, end - 1))
        children = [entry.value for entry in value.entries]
        loaded = [item for _, item in loaded]
    elif isinstance(loaded, list):
        children = list(value.items)
    else:
        return
    for child, child_written, child_loaded in zip(children, written.children, loaded, strict=True):
        check(child, child_written, child_loaded, text, offsets)


@given(
    root=_ROOTS,
    rnd=st.randoms(use_true_random=False),
    jsonc=st.booleans(),
    offsets=st.tuples(st.integers(0, 3), st.integers(0, 3)),
)
def test_keys_types_and_spans_match_the_oracle(
    root: Pairs, rnd: random.Random, jsonc: bool, offsets: tuple[int, int]
) -> None:
    printer = Printer(rnd, jsonc)
    printer.space()
    written = printer.doc(root)
    printer.space()
    text, plain = "".join(printer.text), "".join(printer.plain)
    loaded = json.loads(plain, object_pairs_hook=Pairs, parse_int=Number, parse_float=Number)
    occurrences, problems = json_.extract(text.encode(), True, jsonc, *offsets)
    assert problems == []
    [occurrence] = occurrences
    check(occurrence.metadata, written, loaded, text, offsets)
    if not jsonc:  # captured events: strict JSON, lines shifted only
        value = json_.parse_value(text, offsets[0])
        assert value is not None
        check(value, written, loaded, text, (offsets[0], 0))
