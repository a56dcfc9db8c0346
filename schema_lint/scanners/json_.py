"""JSON and JSONC documents: action payloads anywhere, and whole metadata examples.

The parser is hand-written and iterative so that every key keeps its line and character
column (also in minified one-line files) and absurd nesting cannot exhaust the stack. `.json`
is strict JSON; `.jsonc` (and Markdown `jsonc` fences) also allow comments and trailing commas.

- An object with a string `action_name` and an object `metadata` is an API payload: only its
  `metadata` is checked, never the envelope. Repeated keys: the last one wins, as in JSON.parse.
- In an examples file the document (an object, or each object of a top-level array) is one
  metadata example, unless it is itself a payload: then it is read as a payload.
- A value inside metadata that is already checked is not extracted again (a payload nested in
  an example, or in another payload's metadata), so no key is reported twice.
- A file that is not an example and does not parse is not ours: it is skipped silently.
"""

from __future__ import annotations

import re
from _json import scanstring  # the C string scanner behind json.loads
from bisect import bisect_right
from dataclasses import dataclass, field
from json import JSONDecodeError

from schema_lint import typing_ as T
from schema_lint.limits import DEPTH_MESSAGE, MAX_DEPTH
from schema_lint.model import PAYLOAD_KEY, Entry, Occurrence, Problem, Span, Value
from schema_lint.prefilter import QUOTED_PAYLOAD_KEY
from schema_lint.scanners import ScanContext
from schema_lint.strings import SURROGATE

_SPACE = re.compile(r"[ \t\n\r]*")
_SPACE_COMMENTS = re.compile(r"(?:[ \t\n\r]+|//[^\n]*|/\*[\s\S]*?\*/)*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_STRING_ERRORS = {
    "Unterminated string starting at": "unterminated string",
    "Invalid control character at": "invalid control character in string",
    "Invalid \\escape": "invalid escape in string",
    "Invalid \\uXXXX escape": "invalid \\uXXXX escape in string",
}
_LITERALS = (("true", T.BOOLEAN), ("false", T.BOOLEAN), ("null", T.NULL))


class _Invalid(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(slots=True)
class _Frame:
    start: int
    is_object: bool
    skip: bool
    entries: list[Entry] = field(default_factory=list)
    items: list[Value] = field(default_factory=list)
    key: tuple[str, int, int] = ("", 0, 0)
    action: tuple[str, Span] | None = None


class _Parser:
    def __init__(self, text: str, jsonc: bool, line_offset: int, column_offset: int) -> None:
        self.text = text
        self.jsonc = jsonc
        self.space = _SPACE_COMMENTS if jsonc else _SPACE
        self.offsets = (line_offset, column_offset)
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.deep: int | None = None  # where the first value nested too deep starts
        self.payloads: list[tuple[Value, Occurrence]] = []  # (envelope, occurrence)
        self.string = ""

    def point(self, offset: int) -> tuple[int, int]:
        row = bisect_right(self.starts, offset) - 1
        return row + 1 + self.offsets[0], offset - self.starts[row] + 1 + self.offsets[1]

    def span(self, start: int, end: int) -> Span:
        return Span(*self.point(start), *self.point(end))

    def skip(self, pos: int) -> int:
        match = self.space.match(self.text, pos)
        end = match.end() if match else pos
        if self.jsonc and self.text.startswith("/*", end):
            raise _Invalid("unterminated comment", end)
        return end

    def parse(self) -> Value:
        text = self.text
        stack: list[_Frame] = []
        pos = self.skip(0)
        value: Value | None = None
        while True:
            if value is None:
                char = text[pos : pos + 1]
                if char in ("{", "["):
                    self.check_depth(len(stack), pos)
                    frame = _Frame(pos, char == "{", len(stack) > MAX_DEPTH)
                    stack.append(frame)
                    pos = self.skip(pos + 1)
                    if text.startswith("}" if frame.is_object else "]", pos):
                        value, pos = self.close(stack.pop(), pos)
                    elif frame.is_object:
                        pos = self.key(frame, pos)
                    continue
                value, pos = self.scalar(pos, len(stack))
            pos = self.skip(pos)
            if not stack:
                if pos < len(text):
                    raise _Invalid("extra data after the document", pos)
                return value
            frame = stack[-1]
            self.add(frame, value)
            value = None
            close = "}" if frame.is_object else "]"
            if text.startswith(",", pos):
                pos = self.skip(pos + 1)
                if self.jsonc and text.startswith(close, pos):
                    value, pos = self.close(stack.pop(), pos)
                elif frame.is_object:
                    pos = self.key(frame, pos)
            elif text.startswith(close, pos):
                value, pos = self.close(stack.pop(), pos)
            else:
                raise _Invalid(f"expecting ',' or '{close}'", pos)

    def check_depth(self, depth: int, pos: int) -> bool:
        if depth > MAX_DEPTH and self.deep is None:
            self.deep = pos
        return depth > MAX_DEPTH

    def key(self, frame: _Frame, pos: int) -> int:
        if not self.text.startswith('"', pos):
            raise _Invalid("expecting property name enclosed in double quotes", pos)
        name, end = self.decode(pos)
        frame.key = (name, pos, end)
        pos = self.skip(end)
        if not self.text.startswith(":", pos):
            raise _Invalid("expecting ':' delimiter", pos)
        return self.skip(pos + 1)

    def decode(self, pos: int) -> tuple[str, int]:
        try:
            decoded, end = scanstring(self.text, pos + 1, True)
        except JSONDecodeError as exc:
            raise _Invalid(_STRING_ERRORS.get(exc.msg, "invalid string"), exc.pos) from None
        if not decoded.isascii() and SURROGATE.search(decoded):
            decoded = SURROGATE.sub("\ufffd", decoded)  # a lone `\ud800` cannot be printed
        return decoded, end

    def scalar(self, pos: int, depth: int) -> tuple[Value, int]:
        text = self.text
        if text.startswith('"', pos):
            self.string, end = self.decode(pos)
            type_ = T.STRING
        elif number := _NUMBER.match(text, pos):
            end = number.end()
            type_ = T.INTEGER if float(number.group()).is_integer() else T.FLOAT
        else:
            literal = next((lt for lt in _LITERALS if text.startswith(lt[0], pos)), None)
            if literal is None:
                raise _Invalid("expecting value", pos)
            end, type_ = pos + len(literal[0]), literal[1]
        if self.check_depth(depth, pos):
            type_ = T.UNKNOWN
        return Value(type_, self.span(pos, end)), end

    def add(self, frame: _Frame, value: Value) -> None:
        if frame.skip:
            return
        if not frame.is_object:
            frame.items.append(value)
            return
        name, start, end = frame.key
        name_span = self.span(start + 1, end - 1)
        frame.entries.append(Entry(name, self.span(start, end), value, name_span))
        if name == PAYLOAD_KEY:
            frame.action = (self.string, value.span) if value.type == T.STRING else None

    def close(self, frame: _Frame, pos: int) -> tuple[Value, int]:
        span = self.span(frame.start, pos + 1)
        if frame.skip:
            return Value(T.UNKNOWN, span), pos + 1
        if not frame.is_object:
            element, _ = T.common_element(item.type for item in frame.items)
            return Value(T.array_of(element), span, items=tuple(frame.items)), pos + 1
        value = Value(T.OBJECT, span, entries=tuple(frame.entries))
        metadata = next((e.value for e in reversed(frame.entries) if e.key == "metadata"), None)
        if frame.action is not None and metadata is not None and metadata.type == T.OBJECT:
            self.payloads.append((value, Occurrence("events", metadata, *frame.action)))
        return value, pos + 1


def extract(
    data: bytes, example: bool, jsonc: bool = False, line_offset: int = 0, column_offset: int = 0
) -> tuple[list[Occurrence], list[Problem]]:
    """Occurrences in one JSON document (a file or a Markdown fence) at the given offsets."""
    parser = _Parser(data.decode("utf-8"), jsonc, line_offset, column_offset)
    try:
        root = parser.parse()
    except _Invalid as exc:
        if not example:
            return [], []
        line, column = parser.point(exc.offset)
        return [], [Problem(f"invalid JSON: {exc}", Span(line, column, line, column))]
    found = [occurrence for _, occurrence in parser.payloads]
    if example:
        envelopes = {envelope.span for envelope, _ in parser.payloads}
        documents = root.items if T.is_array(root.type) else (root,)
        found += [
            Occurrence("events", doc)
            for doc in documents
            if doc.type == T.OBJECT and doc.span not in envelopes
        ]
    occurrences = _outermost(found)
    problems: list[Problem] = []
    if parser.deep is not None:
        line, column = parser.point(parser.deep)
        if example or any(o.metadata.span.contains(line, column) for o in occurrences):
            problems.append(Problem(DEPTH_MESSAGE, Span(line, column, line, column)))
    return occurrences, problems


def _outermost(occurrences: list[Occurrence]) -> list[Occurrence]:
    """Drop occurrences whose metadata lies inside another's; values of one tree nest or part."""
    kept: list[Occurrence] = []
    for occurrence in sorted(occurrences, key=lambda o: o.metadata.span):
        span = occurrence.metadata.span
        if not kept or not kept[-1].metadata.span.contains(span.line, span.column):
            kept.append(occurrence)
    return kept


def scan(
    data: bytes, ctx: ScanContext, example: bool, path: str = ""
) -> tuple[list[Occurrence], list[Problem]]:
    """Most JSON files are configs: without the key `"action_name"` they are not even parsed."""
    if not example and QUOTED_PAYLOAD_KEY not in data:
        return [], []
    return extract(data, example, jsonc=path.endswith(".jsonc"))


def parse_value(text: str, line_offset: int = 0) -> Value | None:
    """One strict JSON document as a typed value keeping every key's position (lines shifted
    by `line_offset`), or None when it does not parse. Used for captured events."""
    try:
        return _Parser(text, False, line_offset, 0).parse()
    except _Invalid:
        return None
