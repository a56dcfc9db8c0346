"""Bytes in, text positions out: decoding checks, line ends, and character columns.

Tree-sitter counts rows by `\\n` and columns in bytes; diagnostics count lines by any line end
and columns in characters. A `Source` bridges the two for one file (or one Markdown fence,
through `line_offset`/`column_offset`).
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from schema_lint.model import Problem, Span

_LONE_CR = re.compile(rb"\r(?!\n)")
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# PEP 263, as Python's tokenizer reads it
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
_BLANK = re.compile(rb"^[ \t\f]*(?:[#\r]|$)")
_CONTINUATION = bytes(range(0x80, 0xC0))  # UTF-8 bytes that do not start a character
_BLOCK = 4096


class DecodeError(ValueError):
    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column

    def problem(self) -> Problem:
        return Problem(str(self), Span(self.line, self.column, self.line, self.column))


def from_utf16(data: bytes) -> tuple[bytes, DecodeError | None]:
    """UTF-16 with a BOM as UTF-8, so that the prefilter can read it; other bytes unchanged.

    Undecodable UTF-16 comes back with its bad units replaced, and the error to report if
    the prefilter finds anything of ours in what could be read.
    """
    if not data.startswith(UTF16_BOMS):
        return data, None
    try:
        return data.decode("utf-16").encode("utf-8"), None
    except UnicodeDecodeError as exc:
        error = DecodeError(f"cannot decode as UTF-16: {exc.reason}")
        return data.decode("utf-16", "replace").encode("utf-8"), error


def prepare(data: bytes, python: bool = False) -> bytes:
    """Return UTF-8 bytes whose `\\n` count matches the file's lines, or raise DecodeError.

    A UTF-8 BOM is dropped (editors do not count it as a column); UTF-16 with a BOM is
    re-encoded; Python source in another encoding named by a PEP 263 coding cookie is
    decoded with it and re-encoded (characters, hence columns, stay the same); lone CRs
    become LFs (same length, so byte offsets are kept).
    """
    data, error = from_utf16(data)
    if error is not None:
        raise error
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    if b"\0" in data:
        raise DecodeError("binary file (contains NUL bytes)", *_line_col(data, data.index(b"\0")))
    codec = coding_cookie(data) if python else None
    if codec is not None and codec != "utf-8":
        data = _recode(data, codec)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not valid UTF-8 ({exc.reason})", *_line_col(data, exc.start)) from None
    return unify_line_ends(data)


def unify_line_ends(data: bytes) -> bytes:
    """Lone CRs (old Mac line ends) become LFs: same length, so byte offsets are kept."""
    return _LONE_CR.sub(b"\n", data) if b"\r" in data else data


def coding_cookie(data: bytes) -> str | None:
    """The codec a PEP 263 cookie names (`# -*- coding: latin-1 -*-` on line 1, or on line 2
    below a comment or blank line), as Python normalises it; None without a cookie."""
    for number, line in enumerate(data.split(b"\n", 2)[:2], 1):
        found = _COOKIE.match(line)
        if found is not None:
            name = found.group(1).decode("ascii")
            try:
                return codecs.lookup(name).name
            except LookupError:
                raise DecodeError(
                    f"unknown encoding in the coding cookie: {name}", number
                ) from None
        if not _BLANK.match(line):
            return None
    return None


def _recode(data: bytes, codec: str) -> bytes:
    try:
        return data.decode(codec).encode("utf-8", "replace")
    except UnicodeDecodeError as exc:
        where = _line_col(data, exc.start, codec)
        raise DecodeError(f"not valid {codec} ({exc.reason})", *where) from None
    except LookupError:  # a codec that exists but does not decode bytes to text (rot13)
        raise DecodeError(f"unknown encoding in the coding cookie: {codec}") from None


def _line_col(data: bytes, offset: int, codec: str = "utf-8") -> tuple[int, int]:
    # lone CRs are not turned into LFs yet: they end lines too
    line_start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    column = len(data[line_start:offset].decode(codec, "replace")) + 1
    lone_crs = len(_LONE_CR.findall(data, 0, offset)) if b"\r" in data else 0
    return data.count(b"\n", 0, offset) + lone_crs + 1, column


def _chars(data: bytes) -> int:
    """Characters in valid UTF-8: every byte but continuation bytes starts one."""
    return len(data) if data.isascii() else len(data.translate(None, _CONTINUATION))


@dataclass
class Source:
    """One buffer being scanned, with lazy line starts for byte -> character columns."""

    data: bytes
    line_offset: int = 0
    column_offset: int = 0
    _starts: list[int] = field(default_factory=list, repr=False)
    _blocks: dict[int, list[int]] = field(default_factory=dict, repr=False)
    _ascii: bool | None = field(default=None, repr=False)  # a byte is a character

    def line_start(self, row: int) -> int:
        if not self._starts:
            starts = [0]
            find = self.data.find
            pos = find(b"\n")
            while pos >= 0:
                starts.append(pos + 1)
                pos = find(b"\n", pos + 1)
            self._starts = starts
        return self._starts[min(row, len(self._starts) - 1)]

    def column(self, row: int, byte_column: int) -> int:
        if self._ascii is None:
            self._ascii = self.data.isascii()
        if self._ascii:  # most source: no line needs to be found or counted
            return byte_column + 1 + self.column_offset
        start = self.line_start(row)
        if byte_column < _BLOCK:
            return _chars(self.data[start : start + byte_column]) + 1 + self.column_offset
        # a long line (minified code): counting from its start for every key is quadratic,
        # so count from the nearest block boundary, with the blocks before it counted once
        blocks = self._blocks.get(row)
        if blocks is None:
            blocks = self._blocks[row] = [0]
        block = byte_column // _BLOCK
        while len(blocks) <= block:
            begin = start + (len(blocks) - 1) * _BLOCK
            blocks.append(blocks[-1] + _chars(self.data[begin : begin + _BLOCK]))
        begin = start + block * _BLOCK
        chars = blocks[block] + _chars(self.data[begin : start + byte_column])
        return chars + 1 + self.column_offset

    def span(self, start: tuple[int, int], end: tuple[int, int]) -> Span:
        lines = 1 + self.line_offset
        if self._ascii or (self._ascii is None and self.data.isascii()):
            self._ascii = True  # every span of most files: columns are byte columns
            columns = 1 + self.column_offset
            return Span(start[0] + lines, start[1] + columns, end[0] + lines, end[1] + columns)
        return Span(start[0] + lines, self.column(*start), end[0] + lines, self.column(*end))

    def span_at(self, start_byte: int, end_byte: int) -> Span:
        """A span from byte offsets (for hits found by regex, not by the parser)."""
        return self.span(self._point(start_byte), self._point(end_byte))

    def _point(self, offset: int) -> tuple[int, int]:
        self.line_start(0)
        row = bisect_right(self._starts, offset) - 1
        return row, offset - self._starts[row]
