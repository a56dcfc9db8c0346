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

Speed is per token: one compiled regex cuts the text into tokens and one loop reads them,
checking the grammar with a table of what each state allows. Whitespace and comments are
the head of the next token, and so is a comma; a key and a scalar value on its line are one
token. Lines are counted as the tokens pass. The regex accepts exactly the strings the C
scanner behind `json` accepts; that scanner decodes only keys with escapes, and errors.
"""

from __future__ import annotations

import re
from _json import scanstring  # the C string scanner behind json.loads
from functools import cache
from json import JSONDecodeError
from typing import Any, cast

from schema_lint import typing_ as T
from schema_lint.limits import DEPTH_MESSAGE, MAX_DEPTH
from schema_lint.model import PAYLOAD_KEY, Entry, Occurrence, Problem, Span, Value
from schema_lint.prefilter import QUOTED_PAYLOAD_KEY
from schema_lint.scanners import ScanContext
from schema_lint.strings import SURROGATE

# Possessive (`*+`): a token that fails after whitespace must not try it split another way,
# which is exponential in the length of the run.
_SPACE = r"[ \t\n\r]*+"
_SPACE_COMMENTS = r"(?:[ \t\n\r]++|//[^\n]*+|/\*[\s\S]*?\*/)*+"
# a string's characters as the C scanner takes them with strict=True: no control characters,
# only valid escapes
_BODY = r'[^"\\\x00-\x1f]*+(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*+)*+'
# A string, an integer, any other number, true/false, null. An integer of up to 308 digits is
# an integer; another number is one if float() finds it whole, as in JavaScript (`1.0`, `1e3`;
# not `1e400`, nor an integer of 309 digits: both are infinite).
_SCALARS = (
    rf'("{_BODY}")|(-?(?:0|[1-9][0-9]{{0,307}})(?![.eE0-9]))'
    r"|(-?(?:0|[1-9][0-9]*+)(?:\.[0-9]++)?(?:[eE][+-]?[0-9]++)?)|(true|false)|(null)"
)

# The token kinds, numbered as the groups of the pattern below. A pair is a key and a scalar
# value on its line: the key's group, then one group per kind of scalar. Keys capture their
# characters without the quotes; brackets, commas and comments are marked by an empty group
# after them, so that their alternatives begin with a plain character, which the regex
# engine tells apart at a glance.
_PAIR, _KEY, _OPEN_OBJECT, _OPEN_ARRAY, _SCALAR = 1, 7, 8, 9, 10
_CLOSE_OBJECT, _CLOSE_ARRAY, _COMMA, _COMMENT, _END, _OTHER = 15, 16, 17, 18, 19, 20
_STRING_KIND, _NUMBER_KIND = _SCALAR, _SCALAR + 2
_PAIR_TO_SCALAR = _SCALAR - _PAIR - 1  # from the kind of a pair to the kind of its value
_HEADS = _SCALAR + 4  # the kinds that may follow a comma: pairs, keys, brackets, scalars
_TYPES = ("",) * _SCALAR + (T.STRING, T.INTEGER, T.INTEGER, T.BOOLEAN, T.NULL)
# from where a kind's group starts to where its token does: the quote of a key, the bracket or
# comma before a mark, the `/*` before its mark
_LEAD = (0,) + (1,) * 9 + (0,) * 5 + (1, 1, 1, 2, 0, 0)


@cache  # compiled on first use (about a millisecond each): most runs read no JSONC
def _tokens(jsonc: bool) -> re.Pattern[str]:
    """Whitespace, then one token. The tokens that may follow a comma also come with the comma
    before them, as groups 1 to 14; alone, they are groups 15 to 28, and the others 29 to 34:
    the kind of a token is its group less 14, when the group is over 14."""
    space = _SPACE_COMMENTS if jsonc else _SPACE
    comment = r"/\*()" if jsonc else "(?!)()"  # an unterminated comment: a closed one is space
    pair = rf'"({_BODY})"[ \t\r]*:[ \t\r]*(?:{_SCALARS})'
    heads = rf'{pair}|"({_BODY})"{space}:|\{{()|\[()|{_SCALARS}'
    return re.compile(
        rf"{space}(?:,{space}(?:{heads})|{heads}|\}}()|\]()|,()|{comment}|(\Z)|([\s\S]))"
    )


_SKIP = (re.compile(_SPACE), re.compile(_SPACE_COMMENTS))  # by `jsonc`

# What the parser expects next: in the document, an array or an object; _FIRST right after
# the bracket, _AFTER after a value. _MISPLACED + a state: a comma seen in that state.
_ROOT, _DONE, _ARRAY_FIRST, _ARRAY_VALUE, _ARRAY_AFTER = range(5)
_OBJECT_FIRST, _OBJECT_KEY, _OBJECT_VALUE, _OBJECT_AFTER, _MISPLACED = range(5, 10)
_VALUES = frozenset((_OPEN_OBJECT, _OPEN_ARRAY, *range(_SCALAR, _HEADS + 1)))
_KEYS = frozenset(range(_PAIR, _KEY + 1))
_NAME = "expecting property name enclosed in double quotes"
# each state: the kinds it allows, what it says to another, the state after a value there
_STATES = (
    (_VALUES, "expecting value", _DONE),  # _ROOT
    ({_END}, "extra data after the document", _DONE),  # _DONE
    (_VALUES | {_CLOSE_ARRAY}, "expecting value", _ARRAY_AFTER),  # _ARRAY_FIRST
    (_VALUES, "expecting value", _ARRAY_AFTER),  # _ARRAY_VALUE
    ({_COMMA, _CLOSE_ARRAY}, "expecting ',' or ']'", _ARRAY_AFTER),  # _ARRAY_AFTER
    (_KEYS | {_CLOSE_OBJECT}, _NAME, _OBJECT_AFTER),  # _OBJECT_FIRST
    (_KEYS, _NAME, _OBJECT_AFTER),  # _OBJECT_KEY
    (_VALUES, "expecting value", _OBJECT_AFTER),  # _OBJECT_VALUE
    ({_COMMA, _CLOSE_OBJECT}, "expecting ',' or '}'", _OBJECT_AFTER),  # _OBJECT_AFTER
)
_ALLOWED = tuple(allowed for allowed, _, _ in _STATES) + (frozenset[int](),) * _MISPLACED
_EXPECTING = tuple(expecting for _, expecting, _ in _STATES)
_AFTER_VALUE = tuple(after for _, _, after in _STATES)
_VALUE_STATES = (_ROOT, _ARRAY_FIRST, _ARRAY_VALUE, _OBJECT_VALUE)
_STRING_ERRORS = {
    "Unterminated string starting at": "unterminated string",
    "Invalid control character at": "invalid control character in string",
    "Invalid \\escape": "invalid escape in string",
    "Invalid \\uXXXX escape": "invalid \\uXXXX escape in string",
}
_NOWHERE = Span(0, 0, 0, 0)  # the key of a value that is not in an object

# An open object or array: its items (the Entries of an object, the Values of an array),
# whether it is an object, whether it is nested too deep (read to its end, kept as one
# `unknown` value), and its place: where it starts (line, column), and the key, key span and
# name span it will be stored under in its parent.
_Place = tuple[int, int, str, Span, Span]
_Frame = tuple[list[Any], bool, bool, int, int, str, Span, Span]


class _Invalid(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class _Parser:
    def __init__(self, text: str, jsonc: bool, line_offset: int, column_offset: int) -> None:
        self.text, self.jsonc = text, jsonc
        # after a value, a comma leads to a value or key (in JSONC, also to the bracket);
        # elsewhere, to the state that reports it
        self.comma = [_MISPLACED + state for state in range(_MISPLACED)]
        self.comma[_ARRAY_AFTER], self.comma[_OBJECT_AFTER] = (
            (_ARRAY_FIRST, _OBJECT_FIRST) if jsonc else (_ARRAY_VALUE, _OBJECT_KEY)
        )
        self.offsets = (line_offset, column_offset)
        self.deep: int | None = None  # where the first value nested too deep starts
        self.payloads: list[tuple[Value, Occurrence]] = []  # (envelope, occurrence)
        # the last string `action_name` of the open object at each depth, and its span
        self.actions: dict[int, tuple[str, Span]] = {}
        self.stack: list[_Frame] = []
        self.root: list[Any] = []  # the document's value, once read
        # a key without escapes is its text as written, unless the text has lone surrogates
        self.plain = text.isascii() or not SURROGATE.search(text)

    def point(self, offset: int) -> tuple[int, int]:
        line_start = self.text.rfind("\n", 0, offset) + 1
        line = self.text.count("\n", 0, offset) + 1 + self.offsets[0]
        return line, offset - line_start + 1 + self.offsets[1]

    def parse(self) -> Value:
        text, stack, plain, comma, root = self.text, self.stack, self.plain, self.comma, self.root
        size, new, column_offset = len(text), tuple.__new__, self.offsets[1]
        line, shift = 1 + self.offsets[0], -1 - column_offset  # a column is an offset - shift
        nl = text.find("\n") % (size + 1)  # the next newline; past the last one, past the end
        items, is_object, after, deep, state = root, False, _DONE, False, _ROOT
        key, key_span, name_span = "", _NOWHERE, _NOWHERE
        for match in _tokens(self.jsonc).finditer(text):
            group = match.lastindex or 0
            start, end = match.span(group)
            kind = group - _HEADS
            if kind <= 0:  # a comma before the token
                kind, state = group, comma[state]
            if kind not in _ALLOWED[state]:
                raise self.unexpected(state, kind, match)
            while start > nl:
                line, shift = line + 1, nl - column_offset
                nl = text.find("\n", nl + 1) % (size + 1)
            if kind <= _KEY:  # a key, alone (its value follows) or with its scalar value
                key_start, key_end = match.span(group - kind + 1) if kind < _KEY else (start, end)
                key_span = new(Span, (line, key_start - 1 - shift, line, key_end + 1 - shift))
                name_span = new(Span, (line, key_start - shift, line, key_end - shift))
                key = text[key_start:key_end]
                if not plain or "\\" in key:
                    key = self.decode(key_start - 1)
                if kind == _KEY:
                    state = _OBJECT_VALUE
                    continue
                kind += _PAIR_TO_SCALAR
            if kind < _SCALAR:  # an opening bracket
                place = (line, start - 1 - shift, key, key_span, name_span)
                items, is_object, after, state, deep = self.open(kind, start - 1, place)
            elif kind < _CLOSE_OBJECT:
                span = new(Span, (line, start - shift, line, end - shift))
                type_ = _TYPES[kind] if kind != _NUMBER_KIND else self.number(start, end)
                value = Value(self.too_deep(start) if deep else type_, span)
                if is_object:
                    items.append(Entry(key, key_span, value, name_span))
                    if kind == _STRING_KIND and key == PAYLOAD_KEY:
                        self.actions[len(stack)] = (self.decode(start), span)
                else:
                    items.append(value)
                state = after
            elif kind < _COMMA:
                items, is_object, after, state, deep = self.close(line, end - shift)
            elif kind == _COMMA:
                state = comma[state]
            else:
                break  # the end, which only _DONE allows
        return cast(Value, root[0])

    def open(self, kind: int, start: int, place: _Place) -> tuple[list[Any], bool, int, int, bool]:
        """Push a frame for the object or array (by the kind of its bracket) at `start`: its
        items, whether it is an object, the states after one of its values and at its start,
        and whether its values are too deep."""
        is_object, skip = kind == _OPEN_OBJECT, len(self.stack) > MAX_DEPTH
        if skip:
            self.too_deep(start)
        items: list[Any] = []
        self.stack.append((items, is_object, skip, *place))
        deep = len(self.stack) > MAX_DEPTH
        if is_object:
            return items, True, _OBJECT_AFTER, _OBJECT_FIRST, deep
        return items, False, _ARRAY_AFTER, _ARRAY_FIRST, deep

    def number(self, start: int, end: int) -> str:
        """A number with a fraction or exponent, or a long one, is whole as in JavaScript."""
        return T.INTEGER if float(self.text[start:end]).is_integer() else T.FLOAT

    def too_deep(self, start: int) -> str:
        if self.deep is None:
            self.deep = start
        return T.UNKNOWN

    def close(self, line: int, column: int) -> tuple[list[Any], bool, int, int, bool]:
        """Pop the current frame and store its value in the parent: the parent's items, whether
        it is an object, the state after one of its values (twice: it is the state now), and
        whether its values are too deep."""
        action = self.actions.pop(len(self.stack), None) if self.actions else None
        items, is_object, skip, start_line, start_column, key, key_span, name_span = (
            self.stack.pop()
        )
        span = tuple.__new__(Span, (start_line, start_column, line, column))
        if skip:
            value = Value(T.UNKNOWN, span)
        elif is_object:
            value = Value(T.OBJECT, span, entries=tuple(items))
            if action is not None:
                self.find_payload(value, *action)
        else:
            types = {item.type for item in items}
            # one type repeated has the element type of one item: spare the pairwise merges
            element, _ = T.common_element(types if len(types) == 1 else [i.type for i in items])
            value = Value(T.array_of(element), span, items=tuple(items))
        if not self.stack:
            self.root.append(value)
            return self.root, False, _DONE, _DONE, False
        parent, parent_is_object = self.stack[-1][:2]
        deep = len(self.stack) > MAX_DEPTH
        if parent_is_object:
            parent.append(Entry(key, key_span, value, name_span))
            return parent, True, _OBJECT_AFTER, _OBJECT_AFTER, deep
        parent.append(value)
        return parent, False, _ARRAY_AFTER, _ARRAY_AFTER, deep

    def find_payload(self, value: Value, action: str, action_span: Span) -> None:
        """Record an object whose last `action_name` is this string, beside an object
        `metadata` (the last of repeated keys wins)."""
        last = next(e.value for e in reversed(value.entries) if e.key == PAYLOAD_KEY)
        metadata = next((e.value for e in reversed(value.entries) if e.key == "metadata"), None)
        if last.span != action_span or last.type != T.STRING:  # a later one, or nested too deep
            return
        if metadata is not None and metadata.type == T.OBJECT:
            self.payloads.append((value, Occurrence("events", metadata, action, action_span)))

    def decode(self, start: int) -> str:
        """The string starting at `start`; lone surrogates (`\\ud800`) become U+FFFD, as they
        cannot be printed."""
        try:
            decoded, _ = scanstring(self.text, start + 1, True)
        except JSONDecodeError as exc:
            raise _Invalid(_STRING_ERRORS.get(exc.msg, "invalid string"), exc.pos) from None
        if not decoded.isascii() and SURROGATE.search(decoded):
            decoded = SURROGATE.sub("\ufffd", decoded)
        return decoded

    def unexpected(self, state: int, kind: int, match: re.Match[str]) -> _Invalid:
        """The error for a token that `state` does not allow: at the token; at the colon after
        a string value; where the colon after a key is missing; inside a string that does not
        scan; at a misplaced comma."""
        group = match.lastindex or 0
        if state >= _MISPLACED:  # a comma, alone or before the token
            return _Invalid(_EXPECTING[state - _MISPLACED], self.skip(match.start()))
        if kind < _KEY:
            group -= kind - 1  # the key of a pair
        start, end = match.start(group) - _LEAD[kind], match.end(group) + (kind <= _KEY)
        if kind == _COMMENT:
            return _Invalid("unterminated comment", start)
        if kind <= _KEY and state in _VALUE_STATES:  # a string value, then a colon
            return _Invalid(_EXPECTING[_AFTER_VALUE[state]], self.skip(end))
        if kind == _STRING_KIND and state in (_OBJECT_FIRST, _OBJECT_KEY):
            return _Invalid("expecting ':' delimiter", self.skip(end))
        if self.text.startswith('"', start) and state not in (_DONE, _ARRAY_AFTER, _OBJECT_AFTER):
            self.decode(start)
        return _Invalid(_EXPECTING[state], start)

    def skip(self, pos: int) -> int:
        """Past the whitespace (and JSONC comments) at `pos`."""
        match = _SKIP[self.jsonc].match(self.text, pos)
        end = match.end() if match else pos
        if self.jsonc and self.text.startswith("/*", end):
            raise _Invalid("unterminated comment", end)
        return end


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
