"""Captured events: records read one at a time from JSON, JSON Lines, gzip or standard input.

Memory stays constant however large the input: JSON Lines are read line by line, and a JSON
array is decoded element by element from a sliding window (`raw_decode`). A file is JSON
Lines when its name says so (`.jsonl`, `.ndjson`) or when its first line is a whole JSON
value on its own; a file starting with `[` is an array; anything else is one JSON document.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

CHUNK = 1 << 20
MAX_RECORD = 64 << 20  # an array element larger than this is reported, not buffered forever
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
STDIN = "-"
# A stray byte that is not UTF-8 becomes U+FFFD, as browsers decode it: one bad byte must not
# cost the whole input.
ERRORS = "replace"
_SPACE = re.compile(r"[ \t\n\r]*")


class InputError(Exception):
    """An input that cannot be opened or read at all: one line, exit 2."""


class Pairs(list[tuple[str, Any]]):
    """A decoded JSON object with every key as written, repeated ones included (SL003)."""


@dataclass(frozen=True, slots=True)
class Record:
    """One top-level record. `text` is its source when it comes from a JSON document, so that
    key positions can be recovered; JSON Lines records are located by their line alone."""

    line: int
    column: int
    value: Any = None
    text: str | None = None
    error: str | None = None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# Python's decoder also reads NaN and Infinity, and raises RecursionError on deep nesting:
# both are bad records here, as they are for every other JSON parser.
_DECODER = json.JSONDecoder(object_pairs_hook=Pairs, parse_constant=_no_constant)
_BAD = (ValueError, RecursionError)


class _Counting(io.RawIOBase):
    """Counts the bytes read from the file itself (compressed ones for .gz), for progress."""

    def __init__(self, raw: IO[bytes], tick: Callable[[int], None] | None) -> None:
        self.raw, self.tick = raw, tick

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        if self.tick is not None and data:
            self.tick(len(data))
        return len(data)


@contextmanager
def open_text(name: str, tick: Callable[[int], None] | None = None) -> Iterator[IO[str]]:
    """The decoded text of a file, `.gz` or `-` (standard input, gzip detected by its magic)."""
    try:
        raw: IO[bytes] = sys.stdin.buffer if name == STDIN else open(name, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from None
    try:
        buffered = io.BufferedReader(_Counting(raw, tick), CHUNK)
        if name.endswith(".gz") or (name == STDIN and buffered.peek(2)[:2] == b"\x1f\x8b"):
            unzipped = gzip.GzipFile(fileobj=buffered, mode="rb")
            yield io.TextIOWrapper(unzipped, encoding="utf-8-sig", errors=ERRORS, newline="")
        else:
            yield io.TextIOWrapper(buffered, encoding="utf-8-sig", errors=ERRORS, newline="")
    finally:
        if name != STDIN:
            raw.close()


def records(name: str, tick: Callable[[int], None] | None = None) -> Iterator[Record]:
    """Every record of one input, in file order; bad ones carry `error` and the rest goes on."""
    with open_text(name, tick) as text:
        try:
            yield from _records(name, text)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(f"{name}: cannot read: {exc or exc.__class__.__name__}") from None


def _records(name: str, text: IO[str]) -> Iterator[Record]:
    first, number = "", 0
    for first in text:
        number += 1
        if first.strip():
            break
    stripped = first.lstrip()
    if not stripped:
        return
    if stripped.startswith("[") and not name.endswith(JSONL_SUFFIXES):
        yield from _array(first + text.read(CHUNK), text, number)
    elif name.endswith(JSONL_SUFFIXES) or _whole(first):
        yield from _lines(first, number, text)
    else:
        yield from _document(first + text.read(), number)


def _whole(line: str) -> bool:
    try:
        _DECODER.decode(line)
    except _BAD:
        return False
    return True


def _lines(first: str, number: int, text: IO[str]) -> Iterator[Record]:
    line = first
    while True:
        if line.strip():
            try:
                yield Record(number, 1, _DECODER.decode(line))
            except _BAD as exc:
                yield Record(number, 1, error=f"invalid JSON: {_message(exc)}")
        line = text.readline()
        if not line:
            return
        number += 1


def _message(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)


def _document(source: str, first_line: int) -> Iterator[Record]:
    start = len(source) - len(source.lstrip())
    column = start - source.rfind("\n", 0, start)
    try:
        value = _DECODER.decode(source)
    except _BAD as exc:
        pos = exc.pos if isinstance(exc, json.JSONDecodeError) else start
        line = first_line + source.count("\n", 0, pos)
        yield Record(line, 1, error=f"invalid JSON: {_message(exc)}")
        return
    yield Record(first_line, column, value, source.rstrip())


class _Window:
    """A sliding window over a text stream that knows the line of any position in it."""

    def __init__(self, buffer: str, text: IO[str], first_line: int) -> None:
        self.buffer, self.text = buffer, text
        self.pos = 0
        self.line = first_line  # the line of `pos`
        self.column_start = 0  # where the line of `pos` starts in `buffer` (may be negative)
        self.eof = False

    def advance(self, to: int) -> None:
        newlines = self.buffer.count("\n", self.pos, to)
        if newlines:
            self.line += newlines
            self.column_start = self.buffer.rfind("\n", self.pos, to) + 1
        self.pos = to

    def skip_space(self) -> str:
        """The next character after whitespace ("" at the end of the input)."""
        while True:
            self.advance(_SPACE.match(self.buffer, self.pos).end())  # type: ignore[union-attr]
            if self.pos < len(self.buffer) or not self.more():
                return self.buffer[self.pos : self.pos + 1]

    def more(self) -> bool:
        """Read another chunk, dropping what was consumed; False at the end of the input."""
        if self.eof:
            return False
        chunk = self.text.read(CHUNK)
        self.eof = not chunk
        self.buffer = self.buffer[self.pos :] + chunk
        self.column_start -= self.pos
        self.pos = 0
        return not self.eof

    def decode(self) -> tuple[Any, str] | None:
        """The value at `pos` and its source, or None when it does not parse."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buffer, self.pos)
            except _BAD:
                if len(self.buffer) - self.pos > MAX_RECORD or not self.more():
                    return None
                continue
            # Only a complete value is final: a number may go on in the next chunk.
            if end == len(self.buffer) and self.more():
                continue
            return value, self.buffer[self.pos : end]


def _array(buffer: str, text: IO[str], first_line: int) -> Iterator[Record]:
    window = _Window(buffer, text, first_line)
    window.skip_space()
    window.advance(window.pos + 1)  # the "["
    if window.skip_space() == "]":
        return
    while True:
        line, column = window.line, window.pos - window.column_start + 1
        decoded = window.decode()
        if decoded is None:
            yield Record(line, column, error="invalid JSON: the array is broken from here on")
            return
        value, source = decoded
        yield Record(line, column, value, " " * (column - 1) + source)
        window.advance(window.pos + len(source))
        after = window.skip_space()
        if after == "]":
            window.advance(window.pos + 1)
            if window.skip_space():
                column = window.pos - window.column_start + 1
                yield Record(window.line, column, error="invalid JSON: extra data after the array")
            return
        if after != ",":
            what = "the array does not end" if not after else "expecting ',' or ']'"
            column = window.pos - window.column_start + 1
            yield Record(window.line, column, error=f"invalid JSON: {what}")
            return
        window.advance(window.pos + 1)
        window.skip_space()
